package org.accueil.channels.twilio;

import java.util.Locale;

/**
 * The TwiML documents Accueil answers Twilio with (https://www.twilio.com/docs/voice/twiml,
 * https://www.twilio.com/docs/messaging/twiml): a handful of fixed shapes, written directly.
 */
public final class Twiml {

  public static final String CONTENT_TYPE = "text/xml;charset=UTF-8";

  private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private Twiml() {}

  /** Nothing to do: Twilio sends no reply. */
  public static String empty() {
    return PROLOG + "<Response/>";
  }

  /** Replies to an SMS with one message. */
  public static String message(String text) {
    return PROLOG + "<Response><Message>" + escape(text) + "</Message></Response>";
  }

  /**
   * Says {@code text} while listening for speech; what was heard (or nothing, after the caller's
   * silence) is posted to {@code action}.
   */
  public static String gather(Locale language, String text, String action) {
    String tag = voiceTag(language);
    return PROLOG
        + "<Response><Gather input=\"speech\" language=\""
        + tag
        + "\" speechTimeout=\"auto\" actionOnEmptyResult=\"true\" action=\""
        + escape(action)
        + "\" method=\"POST\">"
        + say(tag, text)
        + "</Gather></Response>";
  }

  /**
   * Says {@code text}, then rings {@code number} for 20 seconds; how that went is posted to {@code
   * action}.
   *
   * @param callerId the number the practice's phone shows
   */
  public static String dial(
      Locale language, String text, String action, String callerId, String number) {
    return PROLOG
        + "<Response>"
        + say(voiceTag(language), text)
        + "<Dial action=\""
        + escape(action)
        + "\" method=\"POST\" timeout=\"20\" callerId=\""
        + escape(callerId)
        + "\">"
        + escape(number)
        + "</Dial></Response>";
  }

  /** Says {@code text} and ends the call. */
  public static String hangUp(Locale language, String text) {
    return PROLOG + "<Response>" + say(voiceTag(language), text) + "<Hangup/></Response>";
  }

  /** Ends the call without a word. */
  public static String hangUp() {
    return PROLOG + "<Response><Hangup/></Response>";
  }

  /** The voices' language tag: France's French, British English, Italy's Italian. */
  public static String voiceTag(Locale language) {
    return switch (language.getLanguage()) {
      case "en" -> "en-GB";
      case "it" -> "it-IT";
      default -> "fr-FR";
    };
  }

  private static String say(String tag, String text) {
    return "<Say language=\"" + tag + "\">" + escape(text) + "</Say>";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          // XML 1.0 has no way to write most control characters: they are dropped.
          if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
