package org.accueil.assistant.llm;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of French, English and Italian a text is written in, told by its commonest small words (a
 * model asked to keep the language sometimes answers in English). Only words that belong to one of
 * the three count ("la", "in", "non" belong to two); a text with too few of them is undecided.
 */
final class FunctionWords {

  private static final Map<String, Set<String>> WORDS =
      Map.of(
          "fr",
          Set.of(
              "les", "une", "des", "et", "est", "vous", "votre", "vos", "au", "du", "de", "pour",
              "avec", "dans", "pas", "sur", "nous", "je", "sera", "êtes", "merci", "bonjour"),
          "en",
          Set.of(
              "the", "and", "is", "are", "you", "your", "to", "for", "with", "of", "on", "at", "we",
              "will", "this", "be", "see", "have", "thank", "hello"),
          "it",
          Set.of(
              "il",
              "gli",
              "una",
              "è",
              "lei",
              "suo",
              "sua",
              "per",
              "con",
              "di",
              "del",
              "della",
              "che",
              "alle",
              "al",
              "sono",
              "ci",
              "ha",
              "grazie",
              "buongiorno"));

  private FunctionWords() {}

  /** {@code fr}, {@code en} or {@code it} when one clearly leads, with at least two words. */
  static Optional<String> language(String text) {
    Map<String, Integer> counts = new HashMap<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      WORDS.forEach(
          (language, words) -> {
            if (words.contains(word)) {
              counts.merge(language, 1, Integer::sum);
            }
          });
    }
    return counts.entrySet().stream()
        .filter(leader -> leader.getValue() >= 2)
        .filter(
            leader ->
                counts.entrySet().stream()
                    .allMatch(
                        other ->
                            other.getKey().equals(leader.getKey())
                                || other.getValue() < leader.getValue()))
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
