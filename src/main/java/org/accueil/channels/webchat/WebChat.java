package org.accueil.channels.webchat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelInbox.Receipt;
import org.accueil.channels.ChannelSettings;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.WebChatHistory;
import org.accueil.patients.Channel;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the widget's calls do: sessions, messages in, the conversation read back. */
@Service
class WebChat {

  static final int MAX_TEXT = 4000;
  static final int HISTORY_PAGE = 100;
  private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  private final WebChatSessions sessions;
  private final ChannelInbox inbox;
  private final ObjectProvider<WebChatHistory> history;
  private final WebChatProperties properties;
  private final ChannelSettings settings;
  private final Clock clock;

  WebChat(
      WebChatSessions sessions,
      ChannelInbox inbox,
      ObjectProvider<WebChatHistory> history,
      WebChatProperties properties,
      ChannelSettings settings,
      Clock clock) {
    this.sessions = sessions;
    this.inbox = inbox;
    this.history = history;
    this.properties = properties;
    this.settings = settings;
    this.clock = clock;
  }

  /** A session opened or continued; {@code created} when the token is new. */
  record Opened(Visitor visitor, boolean created) {}

  /**
   * Continues the visitor's session, or starts one. A session verified as one patient is never
   * handed to another, nor kept by a page without that patient's identity (they signed out on a
   * shared computer): the browser gets a new token, and the next person an empty chat.
   */
  @Transactional
  Opened open(@Nullable String token, @Nullable String identifier, @Nullable String identityHash) {
    String patient = checkedIdentity(identifier, identityHash);
    Optional<Visitor> known = token == null ? Optional.empty() : sessions.find(token);
    if (known.isPresent()) {
      Visitor visitor = known.get();
      if (patient == null && !visitor.verified()) {
        return new Opened(visitor, false);
      }
      if (patient != null && (!visitor.verified() || patient.equals(visitor.verifiedPatient()))) {
        return new Opened(sessions.verify(visitor, patient), false);
      }
    }
    return new Opened(sessions.create(patient), true);
  }

  /** The visitor behind a token, else 401. */
  Visitor visitor(@Nullable String token) {
    if (token == null || token.isBlank()) {
      throw unknownVisitor();
    }
    return sessions.find(token.strip()).orElseThrow(WebChat::unknownVisitor);
  }

  /**
   * Stores the visitor's message; returns once it is committed. A retried POST (the same client
   * message id) is stored once.
   */
  Receipt receive(
      Visitor visitor,
      @Nullable String clientMessageId,
      @Nullable String text,
      @Nullable String choice) {
    if (clientMessageId == null || !CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
      throw invalid(
          "client-message-id",
          "clientMessageId is required: 1 to 100 letters, digits, '-', '_', '.' or ':', the same"
              + " when a message is sent again.");
    }
    String body = text == null ? null : text.strip();
    if (body != null && (body.isEmpty() || body.codePointCount(0, body.length()) > MAX_TEXT)) {
      throw invalid("text", "text must have 1 to 4000 characters.");
    }
    if (body == null && choice == null) {
      throw invalid("empty", "A message needs a text or a choice.");
    }
    if (choice != null && (choice.isBlank() || choice.length() > 200)) {
      throw invalid("choice", "choice must be the id of a choice offered, 1 to 200 characters.");
    }
    String providerId =
        java.util.HexFormat.of().formatHex(VisitorTokens.hash(visitor.token()))
            + ":"
            + clientMessageId;
    return inbox.store(
        new InboundMessage(
            Channel.WEBCHAT,
            providerId,
            visitor.token(),
            null,
            body,
            choice,
            List.of(),
            clock.instant(),
            null,
            visitor.verifiedPatient(),
            null));
  }

  /** The visitor's conversation after {@code after}, oldest first. */
  List<WebChatHistory.Line> messages(Visitor visitor, long after) {
    WebChatHistory lines = history.getIfAvailable();
    return lines == null
        ? List.of()
        : lines.messages(visitor.token(), visitor.verified(), Math.max(after, 0), HISTORY_PAGE);
  }

  boolean enabled() {
    return settings
        .get(Channel.WEBCHAT, "enabled")
        .map(Boolean::parseBoolean)
        .orElse(properties.enabled());
  }

  private @Nullable String checkedIdentity(
      @Nullable String identifier, @Nullable String identityHash) {
    if (identifier == null && identityHash == null) {
      return null;
    }
    if (identifier == null
        || identityHash == null
        || identifier.isBlank()
        || identifier.length() > 200) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-webchat-session")
          .detail("identifier (1 to 200 characters) and identityHash go together: both or neither.")
          .build();
    }
    String secret =
        settings.get(Channel.WEBCHAT, "identity-secret").orElse(properties.identitySecret());
    if (secret == null
        || secret.isBlank()
        || !VisitorTokens.identityMatches(secret, identifier, identityHash)) {
      throw ProblemException.of(HttpStatus.FORBIDDEN, "webchat-identity-refused")
          .detail("The identity hash does not match the identifier; the chat stays anonymous.")
          .build();
    }
    return identifier;
  }

  static ProblemException unknownVisitor() {
    return ProblemException.of(HttpStatus.UNAUTHORIZED, "webchat-unknown-visitor")
        .detail("This chat session is unknown; start one with POST /channels/webchat/sessions.")
        .build();
  }

  private static ProblemException invalid(String what, String english) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-webchat-message")
        .messageCode("problem.invalid-webchat-message." + what)
        .detail(english)
        .build();
  }
}
