package org.accueil.web.inbox;

import java.util.Map;
import java.util.UUID;
import org.accueil.conversations.Conversations;
import org.accueil.platform.LiveStreams;
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

  private final LiveStreams streams;

  InboxEvents(LiveStreams streams) {
    this.streams = streams;
  }

  @GetMapping(path = "/app/inbox/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter events(@RequestParam(required = false) @Nullable UUID conversation) {
    StaffAccess.require(Scope.CONVERSATIONS_READ);
    String only = conversation == null ? null : "\"conversation\":\"" + conversation + "\"";
    return streams.open(
        SseEmitter.event().name("ready").data("ready"),
        Map.of(
            Conversations.LIVE_ENTRIES, (emitter, payload) -> forward(emitter, only, payload),
            Conversations.LIVE_CONVERSATIONS,
                (emitter, payload) -> forward(emitter, only, payload)));
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
    LiveStreams.send(emitter, SseEmitter.event().name("change").data(id));
  }
}
