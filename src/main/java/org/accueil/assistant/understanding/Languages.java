package org.accueil.assistant.understanding;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Which of the practice's languages a message is written in. Lingua's n-gram models (French,
 * English and Italian only, loaded once, on a background thread as soon as this is built) judge
 * sentences well and two-word texts badly; so a few cheap cues come first: each language's
 * commonest words and its yes/stop words. A text with no cue and too few letters for Lingua keeps
 * the conversation's language, else the practice's first.
 */
final class Languages {

  /** Words that are common in one language and rare in the other two, folded. */
  private static final Map<String, Set<String>> COMMON =
      Map.of(
          "fr",
          set(
              "je",
              "j",
              "les",
              "des",
              "du",
              "une",
              "est",
              "pas",
              "mon",
              "mes",
              "vous",
              "votre",
              "vos",
              "pour",
              "avec",
              "demain",
              "rendez",
              "rdv",
              "bonjour",
              "bonsoir",
              "merci",
              "oui",
              "svp",
              "stp",
              "ai",
              "suis",
              "qu",
              "au",
              "aux",
              "et",
              "chez",
              "voudrais",
              "veux",
              "annuler",
              "peux",
              "pouvez",
              "quel",
              "quelle",
              "semaine",
              "lundi",
              "mardi",
              "mercredi",
              "jeudi",
              "vendredi",
              "samedi",
              "dimanche",
              "matin",
              "soir",
              "apres",
              "docteur",
              "fils",
              "fille",
              "mari",
              "bebe",
              "aujourd",
              "hui",
              "heures",
              "ce",
              "cette",
              "prendre",
              "besoin",
              "salut",
              "daccord",
              "arret",
              "ou",
              "c",
              "d",
              "l",
              "m",
              "n",
              "s",
              "y",
              "etre",
              "serai",
              "midi",
              "prochain",
              "prochaine",
              "nous",
              "ca",
              "il",
              "elle"),
          "en",
          set(
              "i",
              "the",
              "my",
              "is",
              "and",
              "to",
              "for",
              "with",
              "you",
              "your",
              "can",
              "could",
              "would",
              "like",
              "appointment",
              "please",
              "pls",
              "thanks",
              "thank",
              "yes",
              "tomorrow",
              "tmrw",
              "tmr",
              "appt",
              "appts",
              "today",
              "monday",
              "tuesday",
              "wednesday",
              "thursday",
              "friday",
              "saturday",
              "sunday",
              "morning",
              "afternoon",
              "evening",
              "week",
              "next",
              "book",
              "doctor",
              "have",
              "am",
              "im",
              "it",
              "at",
              "need",
              "want",
              "does",
              "what",
              "where",
              "when",
              "how",
              "hi",
              "hello",
              "of",
              "daughter",
              "wife",
              "husband",
              "there",
              "be",
              "will",
              "ll",
              "get",
              "this",
              "that",
              "we",
              "our",
              "are",
              "see",
              "in",
              "be",
              "t",
              "don",
              "can",
              "cancel",
              "yeah"),
          "it",
          set(
              "io",
              "lo",
              "gli",
              "di",
              "della",
              "del",
              "e",
              "mio",
              "mia",
              "sono",
              "ho",
              "che",
              "vorrei",
              "appuntamento",
              "prenotare",
              "grazie",
              "buongiorno",
              "buonasera",
              "ciao",
              "domani",
              "oggi",
              "lunedi",
              "martedi",
              "mercoledi",
              "giovedi",
              "venerdi",
              "sabato",
              "domenica",
              "mattina",
              "pomeriggio",
              "sera",
              "settimana",
              "prossima",
              "prossimo",
              "dottore",
              "dottoressa",
              "dott",
              "figlio",
              "figlia",
              "marito",
              "moglie",
              "per",
              "posso",
              "potrei",
              "mi",
              "ci",
              "una",
              "alle",
              "al",
              "con",
              "dove",
              "quanto",
              "visita",
              "studio",
              "disdire",
              "spostare",
              "annullare",
              "si",
              "sul",
              "nel",
              "della",
              "questo",
              "questa",
              "devo",
              "il",
              "salve",
              "va",
              "bene",
              "dalle",
              "fra",
              "tra",
              "poi",
              "anche",
              "essere"));

  private static Set<String> set(String... words) {
    return Set.copyOf(List.of(words));
  }

  private static final Map<String, Locale> LOCALES =
      Map.of("fr", Locale.FRENCH, "en", Locale.ENGLISH, "it", Locale.ITALIAN);

  private static final Map<Language, String> CODES =
      Map.of(Language.FRENCH, "fr", Language.ENGLISH, "en", Language.ITALIAN, "it");

  /** Under this many letters Lingua is not asked: "ok", "2", "si", "merci". */
  private static final int FEW_LETTERS = 8;

  private final CompletableFuture<LanguageDetector> detector;

  Languages() {
    // Loading the three models takes most of a second: not on the first patient's request.
    this.detector =
        CompletableFuture.supplyAsync(
            Languages::load,
            runnable -> {
              Thread thread = new Thread(runnable, "lingua-models");
              thread.setDaemon(true);
              thread.start();
            });
  }

  private static LanguageDetector load() {
    LanguageDetector detector =
        LanguageDetectorBuilder.fromLanguages(Language.FRENCH, Language.ENGLISH, Language.ITALIAN)
            .withPreloadedLanguageModels()
            .build();
    // The first detection after loading costs a third of a second more (lazy structures, cold
    // code): paid here, not by the first patient.
    detector.computeLanguageConfidenceValues("Bonjour, je voudrais un rendez-vous demain");
    detector.computeLanguageConfidenceValues("Hello, I would like an appointment tomorrow");
    detector.computeLanguageConfidenceValues("Buongiorno, vorrei un appuntamento domani");
    // The rules' tables and the time grammar too: their first use builds them.
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
    for (String text :
        List.of(
            "Bonjour, je voudrais un rendez-vous vendredi à 14h",
            "Could I move my appointment to next Friday afternoon?",
            "Vorrei annullare l'appuntamento di domani alle 10")) {
      Folded folded = Folded.of(text);
      IntentRules.score(folded);
      IntentRules.generalQuestion(text, folded);
      for (Locale language : LOCALES.values()) {
        TimeExpressions.requested(text, language, now);
      }
    }
    return detector;
  }

  /** Words with a letter: "Chiara Rossi 03/04/1988" has two. */
  private static int words(Folded folded) {
    int count = 0;
    for (String word : folded.words) {
      if (!word.chars().allMatch(Character::isDigit)) {
        count++;
      }
    }
    return count;
  }

  private static String whose(String fallback, @Nullable Locale previous) {
    return previous != null && fallback.equals(previous.getLanguage())
        ? "the conversation's"
        : "the practice's first";
  }

  /** The second best of Lingua's confidences. */
  private static double runnerUp(double[] score, int n) {
    double best = -1;
    double second = -1;
    for (int i = 0; i < n; i++) {
      double value = score[i];
      if (value > best) {
        second = best;
        best = value;
      } else if (value > second) {
        second = value;
      }
    }
    return second;
  }

  /** Blocks until the models are loaded (startup, tests). */
  void awaitModels() {
    detector.join();
  }

  record Guess(Locale language, String reason) {}

  /**
   * @param practice the practice's language codes, in its order of preference
   */
  Guess guess(String text, Folded folded, List<String> practice, @Nullable Locale previous) {
    List<String> candidates = new ArrayList<>();
    for (String code : practice) {
      if (LOCALES.containsKey(code) && !candidates.contains(code)) {
        candidates.add(code);
      }
    }
    if (candidates.isEmpty()) {
      candidates.addAll(List.of("fr", "en", "it"));
    }
    String fallback =
        previous != null && candidates.contains(previous.getLanguage())
            ? previous.getLanguage()
            : candidates.getFirst();
    if (candidates.size() == 1) {
      return new Guess(LOCALES.get(fallback), "language " + fallback + ": the practice's only");
    }
    int[] cues = new int[candidates.size()];
    for (String word : folded.words) {
      for (int i = 0; i < candidates.size(); i++) {
        if (COMMON.get(candidates.get(i)).contains(word)) {
          cues[i]++;
        }
      }
    }
    if (text.contains("sì") && candidates.contains("it")) {
      cues[candidates.indexOf("it")] += 2;
    }
    int letters = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetter(text.charAt(i))) {
        letters++;
      }
    }
    double[] score = new double[candidates.size()];
    StringBuilder why = new StringBuilder();
    boolean lingua = letters >= FEW_LETTERS && folded.length() > 1;
    if (lingua) {
      SortedMap<Language, Double> confidence =
          detector.join().computeLanguageConfidenceValues(text);
      confidence.forEach(
          (language, value) -> {
            int i = candidates.indexOf(CODES.get(language));
            if (i >= 0) {
              score[i] += value;
            }
          });
      why.append("Lingua");
      for (int i = 0; i < candidates.size(); i++) {
        why.append(String.format(Locale.ROOT, " %s %.2f", candidates.get(i), score[i]));
      }
    }
    double[] confidence = score.clone();
    boolean anyCue = false;
    for (int i = 0; i < candidates.size(); i++) {
      score[i] += 0.25 * cues[i];
      anyCue |= cues[i] > 0;
      if (candidates.get(i).equals(fallback)) {
        // A name or a date on its own ("Dr Phillips", "Chiara Rossi 02/04/1988") tells little.
        score[i] += words(folded) <= 3 ? 0.2 : 0.05;
      }
    }
    if (anyCue) {
      why.append(why.isEmpty() ? "" : "; ").append("common words");
      for (int i = 0; i < candidates.size(); i++) {
        why.append(" ").append(candidates.get(i)).append(" ").append(cues[i]);
      }
    }
    if (lingua && !anyCue && runnerUp(confidence, candidates.size()) >= 0.9) {
      // Lingua's confidences are relative (the best is 1): a runner-up this close means gibberish
      // or names, not a language.
      return new Guess(
          LOCALES.get(fallback),
          "language "
              + fallback
              + ": "
              + why
              + ", too close to tell, "
              + whose(fallback, previous));
    }
    if (!lingua && !anyCue) {
      return new Guess(
          LOCALES.get(fallback),
          "language " + fallback + ": too short to tell, " + whose(fallback, previous));
    }
    int best = 0;
    for (int i = 1; i < candidates.size(); i++) {
      if (score[i] > score[best]) {
        best = i;
      }
    }
    return new Guess(
        LOCALES.get(candidates.get(best)), "language " + candidates.get(best) + ": " + why);
  }
}
