package org.accueil.channels.webchat;

import java.util.List;
import org.accueil.channels.ChannelInbox.Receipt;
import org.accueil.channels.WebChatHistory;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The widget's endpoints, open to anyone: a visitor is whoever holds a visitor token, and sees only
 * their own conversation. See docs/channels/webchat.md.
 */
@RestController
@RequestMapping("/channels/webchat")
class WebChatController {

  static final String TOKEN_HEADER = "X-Visitor-Token";

  private final WebChat webChat;
  private final WebChatStreams streams;

  WebChatController(WebChat webChat, WebChatStreams streams) {
    this.webChat = webChat;
    this.streams = streams;
  }

  record SessionRequest(
      @Nullable String visitorToken, @Nullable String identifier, @Nullable String identityHash) {}

  record SessionResponse(String visitorToken, boolean verified) {}

  record MessageRequest(
      @Nullable String clientMessageId, @Nullable String text, @Nullable String choice) {}

  record MessageReceipt(String clientMessageId, boolean duplicate) {}

  record History(List<WebChatHistory.Line> messages) {}

  @PostMapping("/sessions")
  ResponseEntity<SessionResponse> openSession(
      @RequestBody(required = false) @Nullable SessionRequest body) {
    enabled();
    SessionRequest request = body == null ? new SessionRequest(null, null, null) : body;
    WebChat.Opened opened =
        webChat.open(request.visitorToken(), request.identifier(), request.identityHash());
    return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .cacheControl(CacheControl.noStore())
        .body(new SessionResponse(opened.visitor().token(), opened.visitor().verified()));
  }

  @PostMapping("/messages")
  ResponseEntity<MessageReceipt> send(
      @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String token,
      @RequestBody MessageRequest message) {
    enabled();
    Visitor visitor = webChat.visitor(token);
    Receipt receipt =
        webChat.receive(visitor, message.clientMessageId(), message.text(), message.choice());
    streams.wrote(visitor);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(
            new MessageReceipt(
                java.util.Objects.requireNonNull(message.clientMessageId()),
                receipt == Receipt.DUPLICATE));
  }

  @GetMapping("/messages")
  ResponseEntity<History> messages(
      @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String token,
      @RequestParam(defaultValue = "0") long after) {
    enabled();
    Visitor visitor = webChat.visitor(token);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(new History(webChat.messages(visitor, after)));
  }

  /**
   * Server-sent events. EventSource cannot set headers, so the token may come as {@code ?token=};
   * on a reconnection the browser sends the last event's id as {@code Last-Event-ID}.
   */
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  ResponseEntity<SseEmitter> stream(
      @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String header,
      @RequestParam(name = "token", required = false) @Nullable String query,
      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
      @RequestParam(defaultValue = "0") long after) {
    enabled();
    Visitor visitor = webChat.visitor(header != null ? header : query);
    long from = after;
    if (lastEventId != null && lastEventId.matches("[0-9]{1,18}")) {
      from = Math.max(from, Long.parseLong(lastEventId));
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        // nginx buffers responses by default, which would hold the events back.
        .header("X-Accel-Buffering", "no")
        .body(streams.open(visitor, from));
  }

  private void enabled() {
    if (!webChat.enabled()) {
      throw ProblemException.of(HttpStatus.NOT_FOUND, "webchat-disabled")
          .detail("The practice has not turned the web chat on.")
          .build();
    }
  }
}
