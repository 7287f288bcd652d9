package org.accueil.channels.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A text that is one of the carriers' and Twilio's keywords: the whole message, trimmed, in any
 * case, with or without accents. Twilio's defaults are English (STOP, START, HELP and their
 * synonyms); the French and Italian ones are what Advanced Opt-Out lets a practice add, and they
 * say which language to answer in.
 *
 * @param language the keyword's own language, null for the English words any patient may use
 */
public record SmsKeyword(Kind kind, @Nullable Locale language) {

  public enum Kind {
    /** Opt out of every SMS from the practice. */
    STOP,
    /** Opt back in. */
    START,
    /** Ask who writes and how to reach them. */
    HELP
  }

  private static final Map<String, SmsKeyword> WORDS =
      Map.ofEntries(
          // US carriers' and Twilio's defaults; the TCPA (FCC 24-18) counts the first seven as a
          // revocation per se, and "opt out" written in two words as well.
          Map.entry("STOP", new SmsKeyword(Kind.STOP, null)),
          Map.entry("STOPALL", new SmsKeyword(Kind.STOP, null)),
          Map.entry("UNSUBSCRIBE", new SmsKeyword(Kind.STOP, null)),
          Map.entry("END", new SmsKeyword(Kind.STOP, null)),
          Map.entry("QUIT", new SmsKeyword(Kind.STOP, null)),
          Map.entry("CANCEL", new SmsKeyword(Kind.STOP, null)),
          Map.entry("REVOKE", new SmsKeyword(Kind.STOP, null)),
          Map.entry("OPTOUT", new SmsKeyword(Kind.STOP, null)),
          Map.entry("OPT OUT", new SmsKeyword(Kind.STOP, null)),
          Map.entry("ARRET", new SmsKeyword(Kind.STOP, Locale.FRENCH)),
          Map.entry("ALT", new SmsKeyword(Kind.STOP, Locale.ITALIAN)),
          Map.entry("START", new SmsKeyword(Kind.START, null)),
          Map.entry("YES", new SmsKeyword(Kind.START, null)),
          Map.entry("UNSTOP", new SmsKeyword(Kind.START, null)),
          Map.entry("DEMARRER", new SmsKeyword(Kind.START, Locale.FRENCH)),
          Map.entry("REPRENDRE", new SmsKeyword(Kind.START, Locale.FRENCH)),
          Map.entry("RIPRENDI", new SmsKeyword(Kind.START, Locale.ITALIAN)),
          Map.entry("RIATTIVA", new SmsKeyword(Kind.START, Locale.ITALIAN)),
          Map.entry("HELP", new SmsKeyword(Kind.HELP, null)),
          Map.entry("INFO", new SmsKeyword(Kind.HELP, null)),
          Map.entry("AIDE", new SmsKeyword(Kind.HELP, Locale.FRENCH)),
          Map.entry("AIUTO", new SmsKeyword(Kind.HELP, Locale.ITALIAN)));

  /** The keyword the whole text is, if it is one. */
  public static Optional<SmsKeyword> of(@Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(WORDS.get(normalise(text)));
  }

  /**
   * What Twilio's Advanced Opt-Out recognised ({@code OptOutType}), which wins over our own
   * reading: the practice may have added keywords at Twilio that Accueil does not know.
   */
  public static Optional<SmsKeyword> of(@Nullable String text, @Nullable String optOutType) {
    Optional<SmsKeyword> read = of(text);
    if (optOutType == null || optOutType.isBlank()) {
      return read;
    }
    Kind kind;
    try {
      kind = Kind.valueOf(optOutType.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return read;
    }
    return Optional.of(new SmsKeyword(kind, read.map(SmsKeyword::language).orElse(null)));
  }

  /** Whether {@code YES}: a word patients also answer questions with (see {@code SmsInbox}). */
  public static boolean isYes(@Nullable String text) {
    return text != null && normalise(text).equals("YES");
  }

  static String normalise(String text) {
    String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "").replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
  }
}
