package org.accueil.channels;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a web chat visitor may read back of their conversation: the messages between them and the
 * practice (never staff notes), implemented by the conversations module. Live changes are announced
 * on the {@code accueil_timeline} topic of {@link org.accueil.platform.LiveNotifications}, as
 * {@code {"conversation":"<id>","seq":<n>}}.
 */
public interface WebChatHistory {

  /** The topic that announces each new or changed timeline entry. */
  String TOPIC = "accueil_timeline";

  /** The conversation the visitor's token writes to, once they wrote. */
  Optional<UUID> conversationOf(String visitorToken);

  /**
   * The visitor's messages after {@code afterSeq} (0 for all), oldest first, at most limit.
   *
   * @param verified whether the visitor is a patient signed in on the practice's site, whose
   *     identity was checked (then every channel's messages are shown, else only the web chat's)
   */
  List<Line> messages(String visitorToken, boolean verified, long afterSeq, int limit);

  /**
   * One message as the widget shows it.
   *
   * @param from {@code patient}, {@code assistant}, {@code staff} or {@code system}
   * @param channel where it was written: an anonymous visitor sees what was said in the web chat; a
   *     patient signed in on the practice's site (HMAC identity) their whole conversation
   * @param choices the buttons offered with it, if any
   */
  record Line(
      long seq,
      UUID id,
      String from,
      String channel,
      @Nullable String text,
      Instant at,
      @Nullable String delivery,
      List<OutboundContent.Choice> choices) {}
}
