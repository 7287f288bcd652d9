package org.accueil.assistant.triage;

import java.util.Locale;

/**
 * A sign that a message may be an emergency.
 *
 * @param language the language of the phrase that matched: the reply's
 * @param phrase the phrase as listed, for the staff's summary
 */
public record RedFlag(Category category, Locale language, String phrase) {

  /** What kind of emergency; a crisis line is given for {@link #SUICIDAL}. */
  public enum Category {
    CHEST_PAIN,
    BREATHING,
    STROKE,
    UNCONSCIOUS_OR_SEIZURE,
    SEVERE_BLEEDING,
    ANAPHYLAXIS,
    SUICIDAL,
    OVERDOSE,
    PREGNANCY_BLEEDING,
    INFANT_FEVER
  }
}
