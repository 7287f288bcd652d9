package org.accueil.assistant.understanding;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.accueil.assistant.triage.RedFlags;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Understands one message against the practice's providers and appointment types. */
@Component
public class Understander {

  /**
   * @param now the moment the message was written, in the practice's zone
   * @param previous the language of the conversation so far, used when the text alone does not tell
   *     (a bare "oui"/"ok"/"2"), or null
   */
  public Understanding understand(String text, ZonedDateTime now, @Nullable Locale previous) {
    boolean emergency = RedFlags.in(text).isPresent();
    Locale language = previous == null ? Locale.FRENCH : previous;
    return new Understanding(
        language,
        emergency ? Intent.EMERGENCY : Intent.OTHER,
        TimeExpressions.requested(text, language, now).orElse(null),
        null,
        null,
        null,
        null,
        emergency,
        List.of());
  }
}
