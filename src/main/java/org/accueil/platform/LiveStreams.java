package org.accueil.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.accueil.platform.LiveNotifications.Subscription;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams fed by {@link LiveNotifications} topics, so a change committed on any
 * node reaches every open stream: a heartbeat comment every 20 s keeps proxies from closing an idle
 * stream, a stream lasts 30 minutes (the browser's EventSource reconnects by itself), and its
 * subscriptions end with it.
 */
@Component
public class LiveStreams implements DisposableBean {

  private static final Duration HEARTBEAT = Duration.ofSeconds(20);
  private static final Duration LIFETIME = Duration.ofMinutes(30);

  private final LiveNotifications notifications;
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("live-stream-heartbeat").factory());

  LiveStreams(LiveNotifications notifications) {
    this.notifications = notifications;
  }

  /** A stream that hands each payload of each topic to its handler, after sending {@code ready}. */
  public SseEmitter open(
      SseEmitter.SseEventBuilder ready, Map<String, BiConsumer<SseEmitter, String>> topics) {
    SseEmitter emitter = new SseEmitter(LIFETIME.toMillis());
    List<Subscription> subscriptions =
        topics.entrySet().stream()
            .map(
                t ->
                    notifications.subscribe(
                        t.getKey(), payload -> t.getValue().accept(emitter, payload)))
            .toList();
    ScheduledFuture<?> heartbeat =
        heartbeats.scheduleAtFixedRate(
            () -> send(emitter, SseEmitter.event().comment("heartbeat")),
            HEARTBEAT.toMillis(),
            HEARTBEAT.toMillis(),
            TimeUnit.MILLISECONDS);
    Runnable close =
        () -> {
          subscriptions.forEach(Subscription::close);
          heartbeat.cancel(false);
        };
    emitter.onCompletion(close);
    emitter.onTimeout(close);
    emitter.onError(e -> close.run());
    try {
      emitter.send(ready);
    } catch (IOException e) {
      close.run();
    }
    return emitter;
  }

  /** Sends an event; a client gone ends the stream (and its subscriptions). */
  public static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException gone) {
      emitter.completeWithError(gone);
    }
  }

  @Override
  public void destroy() {
    heartbeats.shutdownNow();
  }
}
