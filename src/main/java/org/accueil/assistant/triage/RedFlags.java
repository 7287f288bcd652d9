package org.accueil.assistant.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.accueil.assistant.triage.RedFlag.Category;
import org.jspecify.annotations.Nullable;

/**
 * Red-flag detection before anything else, in French, English and Italian: a deterministic list of
 * phrases (colloquial forms and common misspellings included), matched on text folded to lower case
 * without accents, on word boundaries. It prefers recall: a negation never suppresses a hit ("pas
 * de douleur thoracique" is flagged too; staff see it), since a false alarm costs a look and a miss
 * may cost a life. It never diagnoses: a hit only routes.
 */
public final class RedFlags {

  private static final Locale FR = Locale.FRENCH;
  private static final Locale EN = Locale.ENGLISH;
  private static final Locale IT = Locale.ITALIAN;

  private record Phrase(String folded, Category category, Locale language, String written) {}

  private static final List<Phrase> PHRASES = new ArrayList<>();

  static {
    add(
        Category.CHEST_PAIN,
        Map.of(
            FR,
            List.of(
                "douleur thoracique",
                "douleur dans la poitrine",
                "douleur a la poitrine",
                "mal a la poitrine",
                "mal dans la poitrine",
                "serrement dans la poitrine",
                "oppression thoracique",
                "poitrine qui serre",
                "crise cardiaque",
                "infarctus",
                "crise cardiac",
                "douleur au coeur",
                "mal au coeur et au bras"),
            EN,
            List.of(
                "chest pain",
                "pain in my chest",
                "pain in the chest",
                "chest hurts",
                "chest is tight",
                "tightness in my chest",
                "tight chest",
                "heart attack",
                "crushing pain",
                "chest pains"),
            IT,
            List.of(
                "dolore al petto",
                "dolore toracico",
                "male al petto",
                "oppressione al petto",
                "petto che stringe",
                "infarto",
                "attacco di cuore",
                "attacco cardiaco")));
    add(
        Category.BREATHING,
        Map.of(
            FR,
            List.of(
                "respire plus",
                "respire pas",
                "respire mal",
                "n'arrive pas a respirer",
                "arrive pas a respirer",
                "arrive plus a respirer",
                "du mal a respirer",
                "difficulte a respirer",
                "difficultes a respirer",
                "etouffe",
                "s'etouffe",
                "suffoque",
                "manque d'air",
                "plus d'air",
                "levres bleues"),
            EN,
            List.of(
                "can't breathe",
                "cant breathe",
                "cannot breathe",
                "can not breathe",
                "not breathing",
                "isn't breathing",
                "isnt breathing",
                "wasn't breathing",
                "stopped breathing",
                "struggling to breathe",
                "trouble breathing",
                "difficulty breathing",
                "hard to breathe",
                "choking",
                "short of breath",
                "out of breath and",
                "lips are blue",
                "blue lips"),
            IT,
            List.of(
                "non respira",
                "non riesco a respirare",
                "non riesce a respirare",
                "fatica a respirare",
                "difficolta a respirare",
                "difficolta respiratoria",
                "soffoca",
                "sto soffocando",
                "manca l'aria",
                "mi manca l'aria",
                "labbra blu")));
    add(
        Category.STROKE,
        Map.of(
            FR,
            List.of(
                "avc",
                "accident vasculaire",
                "bouche de travers",
                "visage paralyse",
                "visage qui tombe",
                "bras paralyse",
                "n'arrive plus a parler",
                "arrive plus a parler",
                "parle plus",
                "n'arrive plus a bouger le bras",
                "paralyse d'un cote",
                "paralysie"),
            EN,
            List.of(
                "stroke",
                "face drooping",
                "face is drooping",
                "drooping face",
                "slurred speech",
                "slurring",
                "can't speak",
                "cannot speak",
                "can't move my arm",
                "arm is numb and",
                "numb on one side",
                "paralysed",
                "paralyzed"),
            IT,
            List.of(
                "ictus",
                "bocca storta",
                "faccia storta",
                "paralisi",
                "paralizzato",
                "paralizzata",
                "non riesce a parlare",
                "non riesco a parlare",
                "non riesce a muovere il braccio")));
    add(
        Category.UNCONSCIOUS_OR_SEIZURE,
        Map.of(
            FR,
            List.of(
                "inconscient",
                "inconsciente",
                "perte de connaissance",
                "perdu connaissance",
                "evanoui",
                "evanouie",
                "ne se reveille pas",
                "ne reagit plus",
                "convulsion",
                "convulse",
                "convulsions",
                "crise d'epilepsie"),
            EN,
            List.of(
                "unconscious",
                "passed out",
                "fainted",
                "collapsed",
                "won't wake up",
                "wont wake up",
                "not waking up",
                "unresponsive",
                "seizure",
                "convulsing"),
            IT,
            List.of(
                "svenuto",
                "svenuta",
                "incosciente",
                "privo di sensi",
                "priva di sensi",
                "non si sveglia",
                "non risponde",
                "convulsioni",
                "crisi epilettica")));
    add(
        Category.SEVERE_BLEEDING,
        Map.of(
            FR,
            List.of(
                "saigne beaucoup",
                "saigne enormement",
                "saigne abondamment",
                "hemorragie",
                "saignement abondant",
                "saignement qui ne s'arrete pas",
                "ca saigne beaucoup",
                "perd beaucoup de sang",
                "vomit du sang",
                "crache du sang"),
            EN,
            List.of(
                "bleeding heavily",
                "heavy bleeding",
                "bleeding a lot",
                "won't stop bleeding",
                "wont stop bleeding",
                "lot of blood",
                "losing blood",
                "vomiting blood",
                "coughing up blood",
                "haemorrhage",
                "hemorrhage"),
            IT,
            List.of(
                "sanguina molto",
                "emorragia",
                "perde molto sangue",
                "sanguina tanto",
                "non smette di sanguinare",
                "vomita sangue",
                "sputa sangue")));
    add(
        Category.ANAPHYLAXIS,
        Map.of(
            FR,
            List.of(
                "choc anaphylactique",
                "anaphylaxie",
                "gorge qui gonfle",
                "gorge gonfle",
                "gorge gonflee",
                "langue qui gonfle",
                "visage qui gonfle",
                "oedeme de quincke",
                "reaction allergique grave"),
            EN,
            List.of(
                "anaphylaxis",
                "anaphylactic",
                "throat is swelling",
                "throat swelling",
                "tongue is swelling",
                "severe allergic reaction",
                "epipen"),
            IT,
            List.of(
                "shock anafilattico",
                "anafilassi",
                "gola gonfia",
                "gola che si gonfia",
                "lingua gonfia",
                "reazione allergica grave",
                "edema della glottide")));
    add(
        Category.SUICIDAL,
        Map.of(
            FR,
            List.of(
                "suicide",
                "me suicider",
                "me tuer",
                "en finir",
                "envie de mourir",
                "veux mourir",
                "plus envie de vivre",
                "mettre fin a mes jours",
                "me foutre en l'air",
                "mettre fin a ma vie",
                "mettre fin a mes jours",
                "me supprimer",
                "idees suicidaires",
                "suicidaire",
                "suicidaires",
                "plus la force de vivre",
                "plus envie de rien et je pense a mourir"),
            EN,
            List.of(
                "suicide",
                "suicidal",
                "kill myself",
                "end my life",
                "want to die",
                "don't want to live",
                "dont want to live",
                "end it all",
                "self harm",
                "hurt myself",
                "harm myself",
                "ending my life",
                "ending it all",
                "take my own life",
                "taking my own life",
                "take my life",
                "better off dead",
                "not worth living",
                "no reason to live",
                "thoughts of ending"),
            IT,
            List.of(
                "suicidio",
                "suicidarmi",
                "uccidermi",
                "farla finita",
                "voglio morire",
                "togliermi la vita",
                "non voglio piu vivere",
                "finirla",
                "ammazzarmi",
                "porre fine alla mia vita",
                "pensieri suicidi",
                "farmi del male",
                "non ha piu senso vivere")));
    add(
        Category.OVERDOSE,
        Map.of(
            FR,
            List.of(
                "overdose", "surdose", "avale tous", "avale toute la boite", "trop de medicaments"),
            EN,
            List.of(
                "overdose",
                "overdosed",
                "took too many pills",
                "swallowed all",
                "too many tablets"),
            IT,
            List.of("overdose", "troppe pastiglie", "troppi farmaci", "ingerito tutte")));
    add(
        Category.PREGNANCY_BLEEDING,
        Map.of(
            FR,
            List.of(
                "enceinte et je saigne",
                "enceinte et saigne",
                "saignement enceinte",
                "perte de sang enceinte"),
            EN,
            List.of(
                "pregnant and bleeding", "bleeding while pregnant", "pregnant and i'm bleeding"),
            IT,
            List.of(
                "incinta e sanguino", "incinta e perdo sangue", "sanguinamento in gravidanza")));
    add(
        Category.INFANT_FEVER,
        Map.of(
            FR,
            List.of(
                "bebe a de la fievre",
                "bebe de fievre",
                "nourrisson fievre",
                "bebe fievre",
                "bebe tres chaud",
                "bebe tout mou",
                "bebe ne se reveille",
                "bebe tres fatigue",
                "nourrisson a de la fievre",
                "nourrisson de fievre"),
            EN,
            List.of(
                "baby has a fever",
                "baby has fever",
                "baby with fever",
                "newborn fever",
                "infant fever",
                "baby is floppy",
                "baby is very sleepy",
                "baby won't wake"),
            IT,
            List.of(
                "neonato ha la febbre",
                "neonato con febbre",
                "bambino piccolo con febbre",
                "neonato febbre",
                "neonato molto sonnolento",
                "neonato non si sveglia")));
  }

  /**
   * Two kinds of word close together, for what patients say with words in between ("une douleur
   * très forte dans la poitrine", "dolore fortissimo al petto", "mon bébé de 4 mois a 40 de
   * fièvre"): any word of {@code first} within {@code window} words of any word of {@code second}.
   */
  private record Near(
      Category category, Locale language, Set<String> first, Set<String> second, int window) {}

  /**
   * Bleeding "that won't stop" is a red flag, "should I stop my blood thinners?" is not: these
   * words of a rule's second kind count only with a negation a few words before or right after
   * them.
   */
  private static final Set<String> STOPPING =
      Set.of("stop", "stopping", "stopped", "arrete", "arreter", "ferma", "fermare", "smette");

  private static final Set<String> NEGATIONS =
      Set.of(
          "t",
          "not",
          "cannot",
          "never",
          "unable",
          "impossible",
          "hard",
          "ne",
          "n",
          "pas",
          "plus",
          "non",
          "riesco",
          "niente");

  /**
   * "no fever", "pas de fièvre", "senza febbre": a fever word after one of these does not count.
   */
  private static final Set<String> FEVER = Set.of("fever", "temperature", "fievre", "febbre");

  private static final Set<String> WITHOUT =
      Set.of("no", "without", "sans", "pas", "senza", "niente", "nessuna", "non");

  private static final List<Near> NEAR =
      List.of(
          near(
              Category.CHEST_PAIN,
              FR,
              "douleur douleurs mal serre serrement oppression brulure brulures",
              "poitrine thorax thoracique sternum",
              7),
          near(
              Category.CHEST_PAIN,
              EN,
              "pain pains ache aching pressure tightness tight crushing hurts hurting",
              "chest",
              7),
          near(
              Category.CHEST_PAIN,
              IT,
              "dolore dolori male peso oppressione fitta fitte bruciore",
              "petto torace toracico sterno",
              7),
          near(
              Category.SEVERE_BLEEDING,
              FR,
              "saigne saignent saigner saignement sang hemorragie",
              "arrete arreter beaucoup enormement abondamment flots partout litres",
              6),
          near(
              Category.SEVERE_BLEEDING,
              EN,
              "bleeding bleeds bleed blood",
              "stop stopping stopped heavily lots everywhere pouring soaking gushing",
              6),
          near(
              Category.SEVERE_BLEEDING,
              IT,
              "sanguina sanguinando sanguinare sangue emorragia",
              "ferma fermare smette tantissimo moltissimo tanto ovunque litri",
              6),
          // "my lips and throat are swelling up", "la gorge et les lèvres qui gonflent".
          near(
              Category.ANAPHYLAXIS,
              FR,
              "gorge levres langue",
              "gonfle gonflent gonflee gonflees gonflement enfle enflent enflee",
              4),
          near(
              Category.ANAPHYLAXIS,
              EN,
              "throat lips tongue",
              "swelling swollen swell swells swelled",
              4),
          near(
              Category.ANAPHYLAXIS,
              IT,
              "gola labbra lingua",
              "gonfia gonfiano gonfie gonfio gonfiore gonfiando gonfiate gonfiata",
              4),
          // "I can barely breathe", "je respire à peine", "respiro a fatica".
          near(
              Category.BREATHING,
              FR,
              "respirer respire respirons respiration",
              "peine difficilement mal plus",
              3),
          near(
              Category.BREATHING,
              EN,
              "breathe breathing breath",
              "barely hardly struggling struggle cannot difficult difficulty gasping",
              3),
          near(
              Category.BREATHING,
              IT,
              "respirare respiro respira respirazione",
              "fatica stento riesco difficolta affanno male",
              3),
          near(
              Category.INFANT_FEVER,
              FR,
              "bebe bebes nourrisson nouveau-ne mois semaine semaines",
              "fievre mou molle somnolent somnolente apathique reveille inconsolable",
              10),
          near(
              Category.INFANT_FEVER,
              EN,
              "baby babies infant newborn month months week weeks",
              "fever temperature floppy drowsy lethargic limp unresponsive wake waking",
              10),
          near(
              Category.INFANT_FEVER,
              IT,
              "neonato neonata bimbo bimba bambino bambina lattante mesi settimane",
              "febbre sonnolento sonnolenta molle apatico apatica sveglia",
              10));

  private static Near near(
      Category category, Locale language, String first, String second, int window) {
    return new Near(
        category, language, Set.of(first.split(" ")), Set.of(second.split(" ")), window);
  }

  private RedFlags() {}

  private static void add(Category category, Map<Locale, List<String>> phrases) {
    phrases.forEach(
        (language, list) ->
            list.forEach(p -> PHRASES.add(new Phrase(fold(p), category, language, p))));
  }

  /** The first red flag in the text, if any. */
  public static Optional<RedFlag> in(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String folded = fold(text);
    Phrase found = null;
    for (Phrase phrase : PHRASES) {
      if (containsWord(folded, phrase.folded())) {
        if (found == null) {
          found = phrase;
        } else if (phrase.folded().equals(found.folded())
            && words(folded, phrase.language()) > words(folded, found.language())) {
          // The same word in two languages ("suicide"): the language the rest is written in.
          found = phrase;
        }
      }
    }
    if (found != null) {
      return Optional.of(new RedFlag(found.category(), found.language(), found.written()));
    }
    return near(folded);
  }

  private static Optional<RedFlag> near(String folded) {
    String[] words = folded.split("[^a-z0-9-]+");
    RedFlag best = null;
    int bestWords = -1;
    for (Near rule : NEAR) {
      String written = nearIn(words, rule);
      int common = written == null ? -1 : words(folded, rule.language());
      if (written != null && common > bestWords) {
        // Chest words in two languages ("male al petto" is not French): the sentence's language.
        best = new RedFlag(rule.category(), rule.language(), written);
        bestWords = common;
      }
    }
    return Optional.ofNullable(best);
  }

  /** "douleur … poitrine" when the rule's two kinds of word are close enough, else null. */
  private static @Nullable String nearIn(String[] words, Near rule) {
    for (int i = 0; i < words.length; i++) {
      if (!rule.first().contains(words[i])) {
        continue;
      }
      int from = Math.max(0, i - rule.window());
      int to = Math.min(words.length - 1, i + rule.window());
      for (int j = from; j <= to; j++) {
        if (j != i && rule.second().contains(words[j]) && counts(words, j)) {
          return words[Math.min(i, j)] + " … " + words[Math.max(i, j)];
        }
      }
    }
    return null;
  }

  private static boolean counts(String[] words, int j) {
    if (STOPPING.contains(words[j])) {
      for (int k = Math.max(0, j - 3); k <= Math.min(words.length - 1, j + 1); k++) {
        if (k != j && NEGATIONS.contains(words[k])) {
          return true;
        }
      }
      return false;
    }
    if (FEVER.contains(words[j])) {
      for (int k = Math.max(0, j - 2); k < j; k++) {
        if (WITHOUT.contains(words[k])) {
          return false;
        }
      }
    }
    return true;
  }

  /** A few of each language's commonest words: enough to tell the three apart in a sentence. */
  private static final Map<Locale, List<String>> COMMON =
      Map.of(
          FR, List.of("je", "j", "le", "la", "les", "de", "et", "mon", "ma", "est", "pas", "a"),
          EN, List.of("i", "the", "my", "is", "and", "of", "about", "to", "have", "am", "a"),
          IT, List.of("io", "il", "lo", "di", "e", "mio", "mia", "sono", "ho", "non", "che"));

  private static int words(String folded, Locale language) {
    int count = 0;
    for (String word : folded.split("[^a-z]+")) {
      if (COMMON.get(language).contains(word)) {
        count++;
      }
    }
    return count;
  }

  private static boolean containsWord(String text, String phrase) {
    int at = text.indexOf(phrase);
    while (at >= 0) {
      int end = at + phrase.length();
      boolean starts = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      boolean ends = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (starts && ends) {
        return true;
      }
      at = text.indexOf(phrase, at + 1);
    }
    return false;
  }

  /** Lower case, no accents, one kind of apostrophe, single spaces. */
  static String fold(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replace('’', '\'')
        .replace('`', '\'')
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", " ")
        .strip();
  }
}
