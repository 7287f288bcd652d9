package org.accueil.channels.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.accueil.channels.ChannelSettings;
import org.accueil.patients.Channel;
import org.accueil.platform.Ids;
import org.accueil.platform.LiveNotifications;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The administrator's saved channel settings, read by every webhook and send. Held in memory (a
 * handful of rows) and read again when any node changes one: the change is announced over {@code
 * LISTEN/NOTIFY} when it commits, and the copy is never older than {@link #MAX_AGE_NANOS} in case
 * an announcement was missed.
 */
@Component
public class StoredChannelSettings implements ChannelSettings {

  static final String VALUE = "channel_setting.value";
  static final String TOPIC = "accueil_channel_settings";
  private static final long MAX_AGE_NANOS = 30_000_000_000L;

  /** One saved setting, opened. */
  public record Stored(
      Channel channel, String name, String value, Instant updatedAt, String updatedBy) {}

  private record Snapshot(Map<String, Stored> byKey, long readAt) {}

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final LiveNotifications notifications;
  private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();

  StoredChannelSettings(JdbcClient jdbc, FieldCipher cipher, LiveNotifications notifications) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.notifications = notifications;
    notifications.subscribe(TOPIC, payload -> snapshot.set(null));
  }

  @Override
  public Optional<String> get(Channel channel, String key) {
    return Optional.ofNullable(current().byKey().get(channel.code() + "/" + key))
        .map(Stored::value);
  }

  public List<Stored> all() {
    return current().byKey().values().stream()
        .sorted(
            java.util.Comparator.comparing((Stored s) -> s.channel().code())
                .thenComparing(Stored::name))
        .toList();
  }

  public void save(Channel channel, String name, String value, Instant at, String by) {
    jdbc.sql(
            """
            INSERT INTO channel_setting (id, channel, name, value, updated_at, updated_by)
            VALUES (:id, :channel, :name, :value, :at, :by)
            ON CONFLICT ON CONSTRAINT channel_setting_once
            DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                          updated_by = excluded.updated_by
            """)
        .param("id", Ids.newId())
        .param("channel", channel.code())
        .param("name", name)
        .param("value", cipher.encrypt(value, VALUE))
        .param("at", at.atOffset(ZoneOffset.UTC))
        .param("by", by)
        .update();
    changed();
  }

  public boolean remove(Channel channel, String name) {
    boolean removed =
        jdbc.sql("DELETE FROM channel_setting WHERE channel = :channel AND name = :name")
                .param("channel", channel.code())
                .param("name", name)
                .update()
            == 1;
    if (removed) {
      changed();
    }
    return removed;
  }

  /** Every node, this one included, reads the settings again once the change commits. */
  private void changed() {
    notifications.publish(TOPIC, "{}");
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              snapshot.set(null);
            }
          });
    } else {
      snapshot.set(null);
    }
  }

  private Snapshot current() {
    Snapshot s = snapshot.get();
    if (s == null || System.nanoTime() - s.readAt() > MAX_AGE_NANOS) {
      long at = System.nanoTime();
      Map<String, Stored> rows =
          jdbc
              .sql("SELECT channel, name, value, updated_at, updated_by FROM channel_setting")
              .query(
                  (rs, n) ->
                      new Stored(
                          Channel.ofCode(rs.getString("channel")).orElseThrow(),
                          rs.getString("name"),
                          cipher.decrypt(rs.getBytes("value"), VALUE),
                          rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                          rs.getString("updated_by")))
              .list()
              .stream()
              .collect(Collectors.toMap(r -> r.channel().code() + "/" + r.name(), r -> r));
      s = new Snapshot(Map.copyOf(rows), at);
      snapshot.set(s);
    }
    return s;
  }
}
