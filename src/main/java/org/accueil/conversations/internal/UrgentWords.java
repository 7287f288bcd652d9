package org.accueil.conversations.internal;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Words that put a conversation at the top of the inbox at once, in French, English and Italian:
 * emergencies a front desk must see before anything else. The assistant's triage reads more finely;
 * this list only errs on the side of showing staff sooner.
 */
public final class UrgentWords {

  private static final List<String> PHRASES =
      List.of(
          // French
          "urgence",
          "urgent",
          "douleur thoracique",
          "douleur a la poitrine",
          "mal a la poitrine",
          "respire plus",
          "respire pas",
          "n'arrive pas a respirer",
          "etouffe",
          "saigne beaucoup",
          "hemorragie",
          "inconscient",
          "perte de connaissance",
          "avc",
          "crise cardiaque",
          "infarctus",
          "suicide",
          "me tuer",
          "en finir",
          "overdose",
          "convulsion",
          // English
          "emergency",
          "chest pain",
          "can't breathe",
          "cannot breathe",
          "not breathing",
          "bleeding heavily",
          "heavy bleeding",
          "unconscious",
          "stroke",
          "heart attack",
          "kill myself",
          "suicidal",
          "seizure",
          // Italian
          "urgenza",
          "urgente",
          "dolore al petto",
          "dolore toracico",
          "non respira",
          "non riesco a respirare",
          "sanguina molto",
          "emorragia",
          "svenuto",
          "ictus",
          "infarto",
          "suicidarmi",
          "uccidermi");

  private UrgentWords() {}

  public static boolean in(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    String folded = fold(text);
    for (String phrase : PHRASES) {
      int at = folded.indexOf(phrase);
      while (at >= 0) {
        boolean startsWord = at == 0 || !Character.isLetter(folded.charAt(at - 1));
        int end = at + phrase.length();
        boolean endsWord = end == folded.length() || !Character.isLetter(folded.charAt(end));
        if (startsWord && endsWord) {
          return true;
        }
        at = folded.indexOf(phrase, at + 1);
      }
    }
    return false;
  }

  private static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    return decomposed
        .replaceAll("\\p{M}", "")
        .replace('’', '\'')
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", " ");
  }
}
