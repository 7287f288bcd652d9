package org.accueil.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.accueil.platform.LiveNotifications;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link LiveNotifications} over PostgreSQL: one connection per node holds a {@code LISTEN} per
 * topic that has listeners, and a virtual thread hands each notification to them. {@code pg_notify}
 * is transactional, so a notification never announces a change that was rolled back.
 */
@Component
class PostgresNotifications implements LiveNotifications, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
  private static final Pattern TOPIC = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final Map<String, Set<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private final Set<String> listening = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private @Nullable Thread thread;

  PostgresNotifications(DataSource dataSource, JdbcClient jdbc) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
  }

  @Override
  public void publish(String topic, String payload) {
    checkTopic(topic);
    jdbc.sql("SELECT pg_notify(:topic, :payload)")
        .param("topic", topic)
        .param("payload", payload)
        .query((rs, n) -> 1)
        .list();
  }

  @Override
  public Subscription subscribe(String topic, Consumer<String> listener) {
    checkTopic(topic);
    listeners.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>()).add(listener);
    return () -> {
      Set<Consumer<String>> set = listeners.get(topic);
      if (set != null) {
        set.remove(listener);
      }
    };
  }

  private static void checkTopic(String topic) {
    if (!TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException("Not a plain topic name: " + topic);
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    thread = Thread.ofVirtual().name("live-notifications").start(this::listen);
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        PGConnection pg = connection.unwrap(PGConnection.class);
        listening.clear();
        while (running) {
          for (String topic : listeners.keySet()) {
            if (listening.add(topic)) {
              try (Statement s = connection.createStatement()) {
                s.execute("LISTEN " + topic);
              }
            }
          }
          PGNotification[] received = pg.getNotifications(250);
          if (received == null) {
            continue;
          }
          for (PGNotification n : received) {
            deliver(n.getName(), n.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          // The database restarted or the connection dropped: listen again on a new one. Whatever
          // was published meanwhile is read from the tables by the next request.
          log.warn("Live notifications interrupted, listening again: {}", e.toString());
          sleep(Duration.ofSeconds(1));
        }
      }
    }
  }

  private void deliver(String topic, String payload) {
    for (Consumer<String> listener : listeners.getOrDefault(topic, Set.of())) {
      try {
        listener.accept(payload);
      } catch (RuntimeException e) {
        log.warn("A listener of {} failed: {}", topic, e.toString());
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    thread = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
