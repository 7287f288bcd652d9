package org.accueil.assistant.understanding;

import java.util.Locale;

/**
 * Rephrases a reply the dialogue wrote, keeping every fact (dates, times, names, numbers) and the
 * language. The optional language-model mode implements it; a phrasing that loses a fact is
 * discarded for the dialogue's own words. Never used for triage advice.
 */
public interface ReplyPhraser {

  String phrase(String reply, Locale language, String patientMessage);
}
