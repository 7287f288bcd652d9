package org.accueil.web.inbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.accueil.conversations.Conversations;
import org.accueil.platform.LiveNotifications;
import org.accueil.platform.LiveNotifications.Subscription;
import org.accueil.platform.Scope;
import org.accueil.web.staff.StaffAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The inbox pages' live stream: one {@code change} event (data: the conversation's id) whenever a
 * timeline gains or changes an entry, or a conversation's state, priority or assignment changes, on
 * whichever node it happened: the conversations module announces each change through PostgreSQL's
 * {@code LISTEN/NOTIFY} when it commits. With {@code conversation}, only that conversation's
 * changes. The page then fetches its list or timeline again, with the reader's own rights; the
 * event itself carries no patient data.
 */
@Controller
class InboxEvents {

  /** A comment line this often keeps proxies from closing an idle stream. */
  private static final Duration HEARTBEAT = Duration.ofSeconds(20);

  /** A stream lasts this long; the browser's EventSource reconnects by itself. */
  private static final Duration LIFETIME = Duration.ofMinutes(30);

  private final LiveNotifications notifications;
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("inbox-page-heartbeat").factory());

  InboxEvents(LiveNotifications notifications) {
    this.notifications = notifications;
  }

  @GetMapping(path = "/app/inbox/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter events(@RequestParam(required = false) @Nullable UUID conversation) {
    StaffAccess.require(Scope.CONVERSATIONS_READ);
    SseEmitter emitter = new SseEmitter(LIFETIME.toMillis());
    String only = conversation == null ? null : "\"conversation\":\"" + conversation + "\"";
    List<Subscription> subscriptions =
        List.of(
            notifications.subscribe(
                Conversations.LIVE_ENTRIES, payload -> forward(emitter, only, payload)),
            notifications.subscribe(
                Conversations.LIVE_CONVERSATIONS, payload -> forward(emitter, only, payload)));
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
      emitter.send(SseEmitter.event().name("ready").data("ready"));
    } catch (IOException e) {
      close.run();
    }
    return emitter;
  }

  /** Payloads are {@code {"conversation":"<id>",…}}: only ids, passed on as the id alone. */
  private static void forward(SseEmitter emitter, @Nullable String only, String payload) {
    if (only != null && !payload.contains(only)) {
      return;
    }
    int start = payload.indexOf("\"conversation\":\"");
    String id =
        start < 0
            ? ""
            : payload.substring(start + 16, Math.max(start + 16, payload.indexOf('"', start + 16)));
    try {
      emitter.send(SseEmitter.event().name("change").data(id));
    } catch (IOException | IllegalStateException gone) {
      emitter.completeWithError(gone);
    }
  }
}
