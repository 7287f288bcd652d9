package org.accueil.channels.webchat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.accueil.channels.WebChatHistory;
import org.accueil.platform.LiveNotifications;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open widgets, each a server-sent event stream: a timeline notification about the visitor's
 * conversation (on whichever node it was written) sends them the lines after the last one they got,
 * read through {@link WebChatHistory}, so they see only what their history shows.
 */
@Component
class WebChatStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WebChatStreams.class);

  /** A visitor who has not written yet has no conversation; looked for at most this often. */
  private static final Duration LOOK_AGAIN = Duration.ofSeconds(3);

  private final LiveNotifications live;
  private final ObjectProvider<WebChatHistory> history;
  private final WebChat webChat;
  private final JsonMapper json;
  private final WebChatProperties properties;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  // The notifications' thread must not wait on the database or on a slow client: each push runs
  // on a virtual thread of its own.
  // Made anew at each start: a context the test framework stopped and starts again gets fresh ones.
  private volatile ExecutorService pushes = Executors.newVirtualThreadPerTaskExecutor();
  private volatile ScheduledExecutorService heartbeats = newHeartbeats();
  private volatile boolean running;

  WebChatStreams(
      LiveNotifications live,
      ObjectProvider<WebChatHistory> history,
      WebChat webChat,
      JsonMapper json,
      WebChatProperties properties) {
    this.live = live;
    this.history = history;
    this.webChat = webChat;
    this.json = json;
    this.properties = properties;
  }

  /** A stream for the visitor, starting after {@code after} (what the widget already shows). */
  SseEmitter open(Visitor visitor, long after) {
    SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
    Stream stream = new Stream(visitor, emitter, Math.max(after, 0));
    emitter.onCompletion(stream::close);
    emitter.onTimeout(stream::close);
    emitter.onError(e -> stream.close());
    open.add(stream);
    stream.subscription = live.subscribe(WebChatHistory.TOPIC, stream::notified);
    if (stream.closed) {
      // Closed while subscribing: the close did not see the subscription.
      stream.close();
      return emitter;
    }
    // Subscribed first, then caught up: a line written between the widget's history call and now
    // is sent by this catch-up, one written from now on by a notification.
    pushes.execute(stream::push);
    return emitter;
  }

  /** The visitor wrote on this node: their conversation may exist now. */
  void wrote(Visitor visitor) {
    for (Stream stream : open) {
      if (stream.visitor.token().equals(visitor.token())) {
        stream.lookedAt = Instant.EPOCH;
      }
    }
  }

  int openStreams() {
    return open.size();
  }

  private final class Stream {
    final Visitor visitor;
    final SseEmitter emitter;
    long lastSeq;
    volatile @Nullable UUID conversation;
    volatile Instant lookedAt = Instant.EPOCH;
    volatile LiveNotifications.@Nullable Subscription subscription;
    volatile boolean closed;

    Stream(Visitor visitor, SseEmitter emitter, long after) {
      this.visitor = visitor;
      this.emitter = emitter;
      this.lastSeq = after;
    }

    /** On the notifications' thread: decide quickly, push elsewhere. */
    void notified(String payload) {
      UUID about;
      try {
        JsonNode node = json.readTree(payload);
        about = UUID.fromString(node.path("conversation").asString());
      } catch (RuntimeException e) {
        return;
      }
      UUID mine = conversation;
      if (mine == null || mine.equals(about)) {
        pushes.execute(() -> pushIfMine(about));
      }
    }

    private void pushIfMine(UUID about) {
      UUID mine = conversation;
      if (mine == null) {
        Instant now = Instant.now();
        if (lookedAt.plus(LOOK_AGAIN).isAfter(now)) {
          return;
        }
        lookedAt = now;
        mine = conversationOf();
        if (mine == null) {
          return;
        }
      }
      if (mine.equals(about)) {
        push();
      }
    }

    private @Nullable UUID conversationOf() {
      WebChatHistory lines = history.getIfAvailable();
      Optional<UUID> found =
          lines == null ? Optional.empty() : lines.conversationOf(visitor.token());
      found.ifPresent(id -> conversation = id);
      return found.orElse(null);
    }

    /** Sends every line after the last one sent. */
    synchronized void push() {
      if (closed) {
        return;
      }
      if (conversation == null) {
        conversationOf();
      }
      try {
        List<WebChatHistory.Line> lines;
        do {
          lines = webChat.messages(visitor, lastSeq);
          for (WebChatHistory.Line line : lines) {
            emitter.send(
                SseEmitter.event()
                    .id(Long.toString(line.seq()))
                    .name("message")
                    .data(json.writeValueAsString(line)));
            lastSeq = Math.max(lastSeq, line.seq());
          }
        } while (lines.size() == WebChat.HISTORY_PAGE);
      } catch (IOException | IllegalStateException e) {
        // The browser went away: the container completes the emitter, which closes the stream.
        close();
      } catch (RuntimeException e) {
        log.warn("Could not push to a web chat stream: {}", e.toString());
      }
    }

    synchronized void ping() {
      if (closed) {
        return;
      }
      try {
        emitter.send(SseEmitter.event().comment("ping"));
      } catch (IOException | IllegalStateException e) {
        close();
      }
    }

    void close() {
      closed = true;
      open.remove(this);
      LiveNotifications.Subscription s = subscription;
      if (s != null) {
        s.close();
      }
    }
  }

  private static ScheduledExecutorService newHeartbeats() {
    return Executors.newSingleThreadScheduledExecutor(
        Thread.ofVirtual().name("webchat-heartbeat").factory());
  }

  @Override
  public void start() {
    if (pushes.isShutdown()) {
      pushes = Executors.newVirtualThreadPerTaskExecutor();
    }
    if (heartbeats.isShutdown()) {
      heartbeats = newHeartbeats();
    }
    long every = properties.heartbeat().toMillis();
    heartbeats.scheduleWithFixedDelay(
        () -> open.forEach(s -> pushes.execute(s::ping)), every, every, TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    heartbeats.shutdownNow();
    for (Stream stream : open) {
      stream.close();
      stream.emitter.complete();
    }
    pushes.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
