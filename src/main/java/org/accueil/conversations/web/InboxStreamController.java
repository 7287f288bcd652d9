package org.accueil.conversations.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.accueil.conversations.internal.LiveInbox;
import org.accueil.platform.LiveStreams;
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

  private final LiveStreams streams;

  InboxStreamController(LiveStreams streams) {
    this.streams = streams;
  }

  @GetMapping(path = "/api/v1/conversations/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "Live inbox updates (server-sent events)")
  SseEmitter stream() {
    return streams.open(
        SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON),
        Map.of(
            LiveInbox.TIMELINE, (emitter, payload) -> send(emitter, "entry", payload),
            LiveInbox.INBOX, (emitter, payload) -> send(emitter, "conversation", payload)));
  }

  private static void send(SseEmitter emitter, String name, String payload) {
    LiveStreams.send(
        emitter, SseEmitter.event().name(name).data(payload, MediaType.APPLICATION_JSON));
  }
}
