package org.accueil.assistant.understanding;

import java.util.Locale;
import java.util.Optional;

/**
 * A second opinion on what a message wants, asked only when the rules found nothing ({@link
 * Intent#OTHER}) and triage found no red flag. The optional language-model mode implements it;
 * without it the rules' answer stands. An advisor only proposes: it never proposes {@link
 * Intent#EMERGENCY}, and whatever it proposes goes through the same dialogue and rules.
 */
public interface IntentAdvisor {

  Optional<Intent> propose(String text, Locale language);
}
