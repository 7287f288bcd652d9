package org.accueil.conversations.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.accueil.conversations.internal.LiveInbox;
import org.accueil.platform.LiveNotifications;
import org.accueil.platform.LiveNotifications.Subscription;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live inbox updates as server-sent events, from whichever node the change happened on: {@code
 * entry} events ({@code {"conversation","seq"}}) when a timeline gains or changes an entry, {@code
 * conversation} events when a conversation's state, priority or assignment changes. Payloads are
 * ids; the client reads what changed through the API, with its own rights.
 */
@RestController
@Tag(name = "Conversations")
class InboxStreamController {

  /** A comment line this often keeps proxies from closing an idle stream. */
  private static final Duration HEARTBEAT = Duration.ofSeconds(20);

  /** A stream lasts this long; the browser's EventSource reconnects by itself. */
  private static final Duration LIFETIME = Duration.ofMinutes(30);

  private final LiveNotifications notifications;
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("inbox-heartbeat").factory());

  InboxStreamController(LiveNotifications notifications) {
    this.notifications = notifications;
  }

  @GetMapping(path = "/api/v1/conversations/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "Live inbox updates (server-sent events)")
  SseEmitter stream() {
    SseEmitter emitter = new SseEmitter(LIFETIME.toMillis());
    List<Subscription> subscriptions =
        List.of(
            notifications.subscribe(LiveInbox.TIMELINE, payload -> send(emitter, "entry", payload)),
            notifications.subscribe(
                LiveInbox.INBOX, payload -> send(emitter, "conversation", payload)));
    ScheduledFuture<?> heartbeat =
        heartbeats.scheduleAtFixedRate(
            () -> {
              try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
              } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
              }
            },
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
      emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
    } catch (IOException e) {
      close.run();
    }
    return emitter;
  }

  private static void send(SseEmitter emitter, String name, String payload) {
    try {
      emitter.send(SseEmitter.event().name(name).data(payload, MediaType.APPLICATION_JSON));
    } catch (IOException | IllegalStateException gone) {
      emitter.completeWithError(gone);
    }
  }
}
