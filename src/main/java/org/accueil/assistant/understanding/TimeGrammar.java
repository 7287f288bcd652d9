package org.accueil.assistant.understanding;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules that find time expressions in folded text ({@link TimeText}), one list per language,
 * compiled once. A rule's match becomes an {@link Atom}: a day (or span of days), a clock time (a
 * point, an interval, an open interval), a part of day, an exact instant ("in an hour"), or a
 * blocker (a past or recurring expression: "hier", "last Friday", "every Monday") that takes its
 * words out of play. {@link TimeExpressions} joins neighbouring atoms and resolves them.
 */
final class TimeGrammar {

  private TimeGrammar() {}

  /** Days from {@code from} inclusive to {@code to} exclusive. */
  record Day(LocalDate from, LocalDate to, Grain grain) {
    static Day of(LocalDate date) {
      return new Day(date, date.plusDays(1), Grain.DAY);
    }

    boolean single() {
      return grain == Grain.DAY && to.equals(from.plusDays(1));
    }
  }

  /**
   * A time of day lasting {@code length}. {@code pmDefaulted}: an hour 1–7 read as the afternoon;
   * {@code bareMorning}: an hour 8–11 without am/pm. A part of day may turn either around.
   */
  record Clock(
      LocalTime start,
      Duration length,
      Grain grain,
      boolean part,
      boolean pmDefaulted,
      boolean bareMorning) {

    static Clock part(int fromHour, int toHour) {
      return new Clock(
          LocalTime.of(fromHour, 0),
          Duration.ofHours(toHour - fromHour),
          Grain.PART_OF_DAY,
          true,
          false,
          false);
    }

    static Clock hours(int fromHour, int toHour) {
      return new Clock(
          LocalTime.of(fromHour, 0),
          Duration.ofHours(toHour - fromHour),
          Grain.HOUR,
          false,
          false,
          false);
    }

    /** This time read in the light of a part of day: "7h du matin", "ce soir à 8h". */
    Clock within(Clock partOfDay) {
      if (part) {
        return this;
      }
      int partHour = partOfDay.start().getHour();
      if (partHour < 12 && pmDefaulted && start.getHour() >= 13) {
        return new Clock(start.minusHours(12), length, grain, false, false, true);
      }
      if (partHour >= 12 && bareMorning && start.getHour() < 12) {
        return new Clock(start.plusHours(12), length, grain, false, false, false);
      }
      return this;
    }
  }

  /** What one match means. */
  record Meaning(
      @Nullable Day day,
      @Nullable Clock clock,
      @Nullable Clock part,
      @Nullable ZonedDateTime at,
      boolean needsDay,
      boolean blocker) {

    static Meaning day(@Nullable Day day) {
      return new Meaning(day, null, null, null, false, false);
    }

    static Meaning clock(@Nullable Clock clock) {
      return new Meaning(null, clock, null, null, false, false);
    }

    static Meaning part(Clock part) {
      return new Meaning(null, null, part, null, false, false);
    }

    static final Meaning BLOCKER = new Meaning(null, null, null, null, false, true);

    boolean empty() {
      return day == null && clock == null && part == null && at == null && !blocker;
    }
  }

  /** A match: its span in the text, its meaning, and the rule's priority among equal lengths. */
  record Atom(int start, int end, Meaning meaning, int priority) {

    int length() {
      return end - start;
    }
  }

  record Context(ZonedDateTime now, LocalDate today, String text) {}

  @FunctionalInterface
  interface Build {
    @Nullable Meaning build(Matcher m, Context c);
  }

  /**
   * {@code gate}: a cheap pattern the text must contain for the rule to be worth running (the month
   * names of a rule that needs one), or null.
   */
  record Rule(Pattern pattern, int priority, Build build, @Nullable Pattern gate) {

    Rule(Pattern pattern, int priority, Build build) {
      this(pattern, priority, build, null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Shared vocabulary

  private static final String UNITS =
      "ans?|annees?|years?|yrs?|anni|anno|mg|ml|mcg|g|gr|grammes?|grams?|kg|cl|l|euros?|eur|"
          + "dollars?|pounds?|comprimes?|cachets?|gelules?|tablets?|pills?|capsules?|compresse|"
          + "pastiglie|gouttes|drops|gocce|personnes?|people|persons?|persone|enfants?|kids?|"
          + "children|child|bambin[io]|figli[oe]?|fils|filles?|sons?|daughters?|fois|times?|volte|"
          + "minutes?|mins?|mn|secondes?|seconds?|secondi|heures?|hours?|hrs?|ore|jours?|days?|"
          + "giorni|semaines?|weeks?|settimane|mois|months?|mesi|rue|street|st|via|viale|avenue|"
          + "av|bd|boulevard|etages?|floors?|piano|metres?|meters?|km|cm|mm|m|kilos?|lbs?|degres|"
          + "degrees|gradi|cigarettes?|sigarette|boites?|boxes|scatole|seances?|sessions?|sedute|"
          + "patients?|pazienti|lits?|beds?|letti|points?|punti|ampoules|fiale|doses?|dosi|"
          + "unites?|units?|unita|x(?!\\s+(?:favore|fav|piacere|cortesia))|cuilleres?|spoons?|cucchiai|verres?|glasses|bicchieri|miles|"
          + "pieces?|pezzi|visites?|visits?|visite|rendez-vous|rdv|appointments?|appuntamenti|"
          + "dents?|teeth|denti|piqures?|injections?|iniezioni|vaccins?|vaccines?|vaccini|pas|"
          + "steps|passi|nuits?|nights?|notti|chf|bpm|kcal|cal|mmhg|ui|iu|anos|bis|ter";

  /** After a bare number: not a quantity, a price, a decimal, a fraction or a phone number. */
  private static final String NOT_UNIT =
      "(?![\\d:])(?!\\s?(?:%|€|\\$|£|°|/\\d|[.,]\\d|'\\d))(?!\\s+\\d)(?!\\s*(?:"
          + UNITS
          + ")\\b)"
          + "(?!\\s+[a-z]+\\s+(?:street|st|road|rd|avenue|ave|lane|drive|square|place|rue|via"
          + "|piazza|strasse)\\b)(?!\\s+(?:sur|su|out of|over)\\s+\\d)";

  private static final String NUM_START = "(?<![\\d/.,:€$£])";

  /** {@link #NOT_UNIT}, but a clock time may follow: "rdv du 16/03 10h15". */
  private static final String NOT_UNIT_BUT_TIME =
      NOT_UNIT.replace("(?!\\s+\\d)", "(?!\\s+\\d(?!\\d?(?:h|:)))");

  private static final String NUMERIC_DATES_2 =
      NUM_START
          + "(?<d>\\d{1,2})/(?<mo>\\d{1,2})(?:/(?<y>\\d{4}|\\d{2}))?(?![\\d/])"
          + NOT_UNIT_BUT_TIME;
  private static final String NUMERIC_DATES_3 =
      NUM_START + "(?<d>\\d{1,2})[.-](?<mo>\\d{1,2})[.-](?<y>\\d{4})(?!\\d)";

  private static final Pattern PAIN_SCALE =
      Pattern.compile(
          "\\b(?:douleur|pain|dolore|note|scale|echelle|scala|rate|voto|sur|su|out of|tension|pression"
              + "|pressione|pressure|bp|tensione|glycemie|sugar|score|punteggio)\\b");

  // ---------------------------------------------------------------------------------------------
  // Rules

  /** Compiled on first use, once every vocabulary constant above and below is set. */
  private static final class Compiled {
    static final List<Rule> FR = withDotTime(french());
    static final List<Rule> EN = withDotTime(english());
    static final List<Rule> IT = withDotTime(italian());

    private static List<Rule> withDotTime(List<Rule> rules) {
      List<Rule> all = new ArrayList<>(rules);
      all.add(DOT_TIME);
      return List.copyOf(all);
    }
  }

  static List<Rule> rules(Locale language) {
    return switch (language.getLanguage()) {
      case "fr" -> Compiled.FR;
      case "it" -> Compiled.IT;
      default -> Compiled.EN;
    };
  }

  static List<Atom> atoms(String folded, Locale language, ZonedDateTime now) {
    Context context = new Context(now, now.toLocalDate(), folded);
    List<Atom> atoms = new ArrayList<>();
    for (Rule rule : rules(language)) {
      if (rule.gate() != null && !rule.gate().matcher(folded).find()) {
        continue;
      }
      Matcher m = rule.pattern().matcher(folded);
      while (m.find()) {
        Meaning meaning;
        try {
          meaning = rule.build().build(m, context);
        } catch (RuntimeException invalid) { // a 31 April, an hour 25
          meaning = null;
        }
        if (meaning != null && !meaning.empty()) {
          atoms.add(new Atom(m.start(), m.end(), meaning, rule.priority()));
        }
      }
    }
    return atoms;
  }

  private static final class Rules {
    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, String> vars;

    Rules(Map<String, String> vars) {
      this.vars = vars;
    }

    Rules add(int priority, String template, Build build) {
      String regex = template;
      for (int i = 0; i < 3 && regex.contains("{"); i++) {
        for (Map.Entry<String, String> v : vars.entrySet()) {
          regex = regex.replace("{" + v.getKey() + "}", v.getValue());
        }
      }
      Pattern gate = null;
      if (template.contains("(?<mo>{MONTH})") && !template.contains("(?<mo>{MONTH}))?")) {
        gate = Pattern.compile(vars.get("MONTH"));
      }
      rules.add(new Rule(Pattern.compile(regex), priority, build, gate));
      return this;
    }

    List<Rule> list() {
      return List.copyOf(rules);
    }
  }

  private static final String[] FR_DAYS = {
    "premier",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
    "vingt",
    "vingt et un",
    "vingt-deux",
    "vingt-trois",
    "vingt-quatre",
    "vingt-cinq",
    "vingt-six",
    "vingt-sept",
    "vingt-huit",
    "vingt-neuf",
    "trente",
    "trente et un"
  };
  private static final String[] EN_DAYS = {
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
    "twenty-fifth",
    "twenty-sixth",
    "twenty-seventh",
    "twenty-eighth",
    "twenty-ninth",
    "thirtieth",
    "thirty-first"
  };
  private static final String[] IT_DAYS = {
    "primo",
    "due",
    "tre",
    "quattro",
    "cinque",
    "sei",
    "sette",
    "otto",
    "nove",
    "dieci",
    "undici",
    "dodici",
    "tredici",
    "quattordici",
    "quindici",
    "sedici",
    "diciassette",
    "diciotto",
    "diciannove",
    "venti",
    "ventuno",
    "ventidue",
    "ventitre",
    "ventiquattro",
    "venticinque",
    "ventisei",
    "ventisette",
    "ventotto",
    "ventinove",
    "trenta",
    "trentuno"
  };

  private static Map<String, Integer> dayWords() {
    Map<String, Integer> words = new java.util.HashMap<>();
    for (String[] language : new String[][] {FR_DAYS, EN_DAYS, IT_DAYS}) {
      for (int i = 0; i < language.length; i++) {
        words.put(language[i], i + 1);
        words.put(language[i].replace('-', ' '), i + 1);
        words.put(language[i].replace(" et ", "-et-"), i + 1);
      }
    }
    return Map.copyOf(words);
  }

  private static final Map<String, Integer> DAY_WORDS = dayWords();

  private static String dayWordsRegex(String... words) {
    return java.util.Arrays.stream(words)
        .flatMap(w -> java.util.stream.Stream.of(w, w.replace('-', ' '), w.replace(" et ", "-et-")))
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(w -> w.replace(" ", "\\s").replace("-", "[-\\s]"))
        .collect(java.util.stream.Collectors.joining("|", "(?:", ")\\b"));
  }

  private static final String HOUR_WORDS_FR =
      "une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze";
  private static final String HOUR_WORDS_EN =
      "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
  private static final String HOUR_WORDS_IT =
      "l'una|una|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici";

  private static List<Rule> french() {
    String t =
        "(?:"
            + NUM_START
            + "(?:\\d{1,2}\\s?h(?:\\s?[0-5]\\d\\b|\\b)|\\d{1,2}\\s?heures?\\b(?:\\s?[0-5]\\d\\b)?"
            + "|\\d{1,2}:[0-5]\\d\\b|\\d{1,2}\\s?(?:am|pm)\\b|(?<!apres-|apres |apres)midi\\b"
            + "|minuit\\b|(?:"
            + HOUR_WORDS_FR
            + ")\\s+heures?\\b)(?:\\s?(?:et demie?|et quart|moins le quart|moins quart)\\b)?"
            + "(?:\\s?(?:am|pm)\\b)?)";
    String w = "(?:" + NUM_START + "\\d{1,2}" + NOT_UNIT + ")";
    String ww = "(?:" + w + "|(?:" + HOUR_WORDS_FR + ")\\b(?!\\s*(?:" + UNITS + ")\\b))";
    String wd =
        "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
            + "|(?<!\\bla |\\bl')(?:lun|mar|mer|jeu|ven|sam|dim)"
            + "(?=\\.?\\s+(?:\\d{1,2}"
            + NOT_UNIT
            + "|matin|apres|soir|midi|a\\s\\d))";
    String month =
        "(?:janvier|janv|fevrier|fevr|fev|mars|avril|avr|mai|juin|juillet|juil|aout|septembre"
            + "|sept|octobre|oct|novembre|nov|decembre|dec)\\b\\.?";
    String n =
        "\\d{1,2}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente";
    Rules r =
        new Rules(
            Map.of(
                "T",
                t,
                "W",
                w,
                "TW",
                "(?:" + t + "|" + w + ")",
                "TWW",
                "(?:" + t + "|" + ww + ")",
                "WD",
                "(?:" + wd + ")",
                "MONTH",
                month,
                "N",
                n,
                "NU",
                NOT_UNIT,
                "DAYWORDS",
                dayWordsRegex(FR_DAYS)));
    // past and recurring: out of play
    r.add(
            9,
            "\\b(?:hier|avant[- ]hier)(?: (?:soir|matin|apres[- ]?midi|midi|aprem))?\\b",
            (m, c) -> Meaning.BLOCKER)
        .add(9, "\\bbonne (?:soiree|journee|matinee|apres[- ]?midi)\\b", (m, c) -> Meaning.BLOCKER)
        .add(
            9,
            "\\b(?:la semaine (?:derniere|passee)|le mois dernier|l'an dernier|l'annee derniere"
                + "|le week-?end dernier)\\b",
            (m, c) -> Meaning.BLOCKER)
        .add(9, "\\b(?:le |ce )?{WD}\\s+(?:dernier|passe)\\b", (m, c) -> Meaning.BLOCKER)
        .add(
            9,
            "\\bles (?:{WD}s|matins|soirs|nuits|apres-midis)\\b"
                + "|\\b(?:tous les|chaque) (?:{WD}s|jours|matins|soirs|semaines|nuits|"
                + "apres-midis|mois|{WD}|jour|matin|soir|semaine|nuit|apres[- ]midi|\\d{1,2}\\s?h\\b"
                + "|\\d{1,2}\\s?heures)",
            (m, c) -> Meaning.BLOCKER);
    // days
    r.add(5, "\\bapres[- ]?demain\\b", (m, c) -> relative(c, 2))
        .add(4, "\\b(?:demain|dmain|demin)\\b", (m, c) -> relative(c, 1))
        .add(
            4,
            "\\b(?:aujourd'?hui|aujourd hui|aujourdhui|auj|ajd|ce jour|dans la journee)\\b",
            (m, c) -> relative(c, 0))
        // "décaler à plus tard dans la journée": later on the appointment's day, not today.
        .add(5, "\\bplus (?:tard|tot) dans la journee\\b", (m, c) -> Meaning.BLOCKER)
        .add(
            6,
            "\\b(?<r>demain|aujourd'?hui) en (?<k>huit|quinze)\\b",
            (m, c) -> relative(c, (m.group("r").startsWith("d") ? 1 : 0) + eight(m.group("k"))))
        .add(5, "\\b(?:ce|cette) (?<wd>{WD})\\b", (m, c) -> Meaning.day(thisWeek(c, wd(m))))
        .add(5, "\\b(?<wd>{WD}) (?:prochaine?|pro)\\b", (m, c) -> Meaning.day(bare(c, wd(m))))
        .add(
            6,
            "\\b(?:le |ce )?(?<wd>{WD}) en (?<k>huit|quinze)\\b",
            (m, c) -> Meaning.day(Day.of(bare(c, wd(m)).from().plusDays(eight(m.group("k"))))))
        .add(
            6,
            "\\b(?:le )?(?<wd>{WD}),? (?:de )?(?:la )?semaine (?:prochaine|d'apres|suivante)\\b",
            (m, c) -> Meaning.day(nextWeek(c, wd(m))))
        .add(
            6,
            "\\b(?:la )?semaine prochaine,? (?:le )?(?<wd>{WD})\\b",
            (m, c) -> Meaning.day(nextWeek(c, wd(m))))
        .add(3, "\\b(?:le )?(?<wd>{WD})\\b", (m, c) -> Meaning.day(bare(c, wd(m))))
        .add(
            7,
            "\\b(?:le |ce )?(?<wd>{WD}),?\\s+(?:le\\s+)?(?<d>\\d{1,2}|premier)(?:er)?\\b"
                + "(?!\\s?(?:h\\b|h\\d|heures?|:|\\d|-\\s?\\d))(?:\\s+(?<mo>{MONTH}))?(?:\\s+(?<y>\\d{4}))?",
            TimeGrammar::weekdayDate)
        .add(
            6,
            "(?:\\b(?:le|du|au)\\s+|\\bl')?"
                + NUM_START
                + "(?<d>\\d{1,2}|{DAYWORDS})(?:er|ere|eme|e)?\\s*(?:de\\s+)?(?<mo>{MONTH})"
                + "(?:\\s+(?<y>\\d{4}))?",
            TimeGrammar::date)
        .add(5, NUMERIC_DATES_2, TimeGrammar::numericDate)
        .add(
            8,
            "\\b(?:(?:le|ce|on|il|the) )?{WD},?\\s+(?:(?:le|the|il)\\s+)?" + NUMERIC_DATES_2,
            TimeGrammar::numericDate)
        .add(5, NUMERIC_DATES_3, TimeGrammar::numericDate)
        .add(
            4,
            "\\b(?:le|ce|au|du)\\s+(?<d>\\d{1,2}|premier)(?:er)?\\b(?!\\s?(?:h\\b|h\\d|heures?|:))"
                + "(?!\\s*(?:eme|e)\\b){NU}",
            TimeGrammar::dayOfMonth);
    // weeks
    r.add(
            5,
            "\\b(?:(?:la|en|pour la|dans la|courant de la|courant) )?semaine (?:prochaine|pro)\\b"
                + "|\\bla semaine (?:d'apres|suivante)\\b",
            (m, c) -> Meaning.day(nextWeek(c)))
        .add(
            5,
            "\\b(?:cette semaine|dans la semaine|d'ici la fin de (?:la |cette )?semaine)\\b",
            (m, c) -> Meaning.day(thisWeek(c)))
        .add(
            7,
            "\\b(?:la )?semaine du (?<d>\\d{1,2}|premier)(?:er)?(?:\\s+(?<mo>{MONTH}))?",
            TimeGrammar::weekOf)
        .add(
            5,
            "\\b(?:(?:en|a la|pour la|vers la) )?fin de (?:la |cette )?semaine\\b",
            (m, c) -> Meaning.day(endOfWeek(c, 0)))
        .add(
            6,
            "\\b(?:(?:en|a la|pour la|vers la) )?fin de (?:la )?semaine prochaine\\b",
            (m, c) -> Meaning.day(endOfWeek(c, 1)))
        .add(
            6,
            "\\b(?:(?:en|au) )?debut de (?:la )?semaine prochaine\\b",
            (m, c) -> Meaning.day(earlyNextWeek(c)))
        .add(
            5,
            "\\b(?:(?:le|ce|du|pendant le|au cours du|durant le) )?(?:week-?end|week end|we)\\b",
            (m, c) -> m.group().trim().equals("we") ? null : Meaning.day(weekend(c, 0)))
        .add(
            6,
            "\\b(?:le )?(?:week-?end|week end) prochain\\b|\\ble prochain (?:week-?end|week end)\\b",
            (m, c) -> Meaning.day(weekend(c, 1)));
    // in n days, weeks, months, hours, minutes
    r.add(
            7,
            "\\b(?:le )?(?<wd>{WD}),? (?:dans|d'ici) (?:(?<n>{N}) semaines?|(?<q>quinze|15|huit|8) jours)\\b"
                + "|\\b(?:dans|d'ici) (?:(?<n2>{N}) semaines?|(?<q2>quinze|15|huit|8) jours),? (?:le )?(?<wd2>{WD})",
            (m, c) -> {
              String weeks = m.group("n") != null ? m.group("n") : m.group("n2");
              if (weeks == null) {
                String q = m.group("q") != null ? m.group("q") : m.group("q2");
                weeks = q.equals("huit") || q.equals("8") ? "1" : "2";
              }
              return Meaning.day(inWeeks(c, wd(m), weeks));
            })
        .add(
            6,
            "\\b(?:dans|d'ici|sous)\\s+(?<n>{N})\\s+(?<u>jours?|semaines?|mois)\\b",
            (m, c) -> offset(c, frenchDays(m.group("n"), m.group("u")), m.group("u")))
        .add(
            6,
            "\\b(?:dans|d'ici)\\s+(?<n>{N})\\s?(?:heures?|h)\\b(?<half>\\s?et demie)?",
            (m, c) -> after(c, count(m.group("n")) * 60 + (m.group("half") != null ? 30 : 0)))
        .add(
            6,
            "\\b(?:dans|d'ici)\\s+(?<n>\\d{1,3}|cinq|dix|quinze|vingt|trente)\\s?(?:minutes?|mins?|mn)\\b",
            (m, c) -> after(c, count(m.group("n"))))
        .add(6, "\\bdans (?:une )?demi[- ]?heure\\b", (m, c) -> after(c, 30));
    // parts of day
    r.add(
            8,
            "\\b(?:(?:en|a la|dans la|vers la) )?fin de (?:la )?matinee\\b|\\btard dans la matinee\\b",
            (m, c) -> Meaning.part(Clock.part(10, 12)))
        .add(
            8,
            "\\b(?:(?:en|au) )?debut (?:d'|de l')?(?:apres[- ]?midi|apresmidi|aprem)\\b",
            (m, c) -> Meaning.part(Clock.part(12, 15)))
        .add(
            8,
            "\\b(?:(?:en|a la|vers la) )?fin (?:d'|de l')?(?:apres[- ]?midi|apresmidi|aprem)\\b"
                + "|\\b(?:(?:en|a la|vers la) )?fin de (?:la )?journee\\b",
            (m, c) -> Meaning.part(Clock.part(15, 18)))
        .add(
            8,
            "\\b(?:(?:ce|le|du|au|dans la|en|la|cette|de) )?matin(?:ee)?\\b",
            (m, c) -> Meaning.part(Clock.part(8, 12)))
        .add(
            8,
            "(?:\\b(?:cet|dans l'|en|d'|cette|le|de l'|l') ?)?\\b(?:apres[- ]?midi|apresmidi|aprem|aprm)\\b",
            (m, c) -> Meaning.part(Clock.part(12, 18)))
        .add(
            8,
            "\\b(?:(?:ce|le|en|dans la|la|cette|du|en debut de) )?soir(?:ee)?\\b",
            (m, c) -> Meaning.part(Clock.part(18, 21)))
        .add(
            8,
            "\\b(?:(?:a|vers|pendant|sur) )?(?:l'heure du dejeuner|la pause (?:de )?midi"
                + "|la pause dejeuner|ma pause dejeuner)\\b",
            (m, c) -> Meaning.clock(Clock.hours(12, 14)))
        .add(
            8,
            "\\bapres (?:le )?(?:dejeuner|manger)\\b",
            (m, c) -> Meaning.part(Clock.part(12, 18)));
    // clock times
    r.add(2, "(?<t>{T})", (m, c) -> point(m.group("t")))
        .add(
            2,
            "\\b(?:vers|(?<!\\by )a|aux alentours de|autour de|sur les|pour)\\s+(?<t>{TW})",
            (m, c) -> point(m.group("t")))
        .add(
            4,
            "\\b(?:apres|a partir de|des|pas avant|plus tard que)\\s+(?<t>{TW})",
            (m, c) -> openAfter(m.group("t")))
        .add(
            4,
            "\\b(?:avant|jusqu'a|au plus tard a|pas apres)\\s+(?<t>{TW})",
            (m, c) -> openBefore(m.group("t")))
        .add(
            5,
            "\\bentre\\s+(?<a>{TW})\\s+et\\s+(?<b>{TWW})",
            (m, c) -> interval(m.group("a"), m.group("b")))
        .add(
            5,
            "\\bde\\s+(?<a>{TW})\\s*(?:a|-|jusqu'a)\\s*(?<b>{TW})",
            (m, c) -> moveOrInterval(m, c))
        .add(
            4,
            "(?<a>{T})\\s*(?:-|a)\\s*(?<b>{TW})",
            (m, c) -> interval(m.group("a"), m.group("b")));
    return r.list();
  }

  private static List<Rule> english() {
    String hw = HOUR_WORDS_EN;
    String t =
        "(?:"
            + NUM_START
            + "(?:\\d{1,2}(?:[:.][0-5]\\d)?\\s?(?:(?:am|pm)\\b|a\\.m\\.?|p\\.m\\.?)"
            + "|\\d{1,2}:[0-5]\\d\\b|\\d{1,2}h[0-5]\\d\\b|\\d{1,2}\\s?o'?clock\\b"
            + "|(?:"
            + hw
            + ")(?:\\s?o'?clock\\b|\\s?(?:am|pm)\\b)|noon\\b|midday\\b|midnight\\b"
            + "|half past (?:\\d{1,2}|"
            + hw
            + ")\\b|(?:a )?quarter (?:past|to) (?:\\d{1,2}|"
            + hw
            + ")\\b)(?:\\s?(?:(?:am|pm)\\b|a\\.m\\.?|p\\.m\\.?))?)";
    String w =
        "(?:"
            + NUM_START
            + "\\d{1,2}(?:\\s?ish\\b)?"
            + NOT_UNIT
            + "|(?:"
            + hw
            + ")(?:ish)?(?=\\s*(?:[?.!,;)]|$|tomorrow|today|tonight|on\\b|this\\b|next\\b|please"
            + "|pls|if\\b|or\\b|and\\b|ish\\b|in the|would|works?|is\\b|then|instead|for\\b|at\\b)))";
    String wd =
        "monday|tuesday|tuseday|tues|tue|wednesday|wednsday|wensday|wendsday|wenesday|weds|wed"
            + "|thursday|thrusday|thurday|thurs|thur|thu"
            + "|friday|fri|saturday|sunday|(?<!')mon"
            + "|(?<=\\b(?:on|this|next|by|or|and|until|last|every) )(?:sat|sun)"
            + "|(?:sat|sun)(?=\\.?\\s+(?:morning|afternoon|evening|night|am|pm|\\d))";
    String month =
        "(?:january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug"
            + "|september|sept|sep|october|oct|november|nov|december|dec)\\b\\.?";
    String n =
        "\\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|couple of";
    Rules r =
        new Rules(
            Map.of(
                "T",
                t,
                "W",
                w,
                "TW",
                "(?:" + t + "|" + w + ")",
                "WD",
                "(?:" + wd + ")\\b\\.?",
                "MONTH",
                month,
                "N",
                n,
                "NU",
                NOT_UNIT,
                "DAYWORDS",
                dayWordsRegex(EN_DAYS)));
    r.add(
            9,
            "\\b(?:yesterday|(?:the )?day before yesterday)(?: (?:morning|afternoon|evening|night))?\\b",
            (m, c) -> Meaning.BLOCKER)
        .add(9, "\\bgood (?:morning|afternoon|evening|night)\\b", (m, c) -> Meaning.BLOCKER)
        .add(
            9,
            "\\blast (?:{WD}|week|weekend|month|year|night|time)|\\b(?:{WD}) (?:before last)\\b",
            (m, c) -> Meaning.BLOCKER)
        .add(
            9,
            "\\b(?:every|each) (?:{WD}|day|morning|evening|week|month|\\d)",
            (m, c) -> Meaning.BLOCKER)
        .add(
            9,
            "\\b(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\\b",
            (m, c) -> Meaning.BLOCKER);
    r.add(
            6,
            "\\b(?:the )?day after (?:tomorrow|tomorow|tmrw)\\b|\\bovermorrow\\b",
            (m, c) -> relative(c, 2))
        .add(
            4,
            "\\b(?:tomorrow|tomorow|tommorow|tommorrow|tomorrw|tmrw|tmrow|tmr|tmw|2moro|2morrow"
                + "|2morow|tomoz)\\b",
            (m, c) -> relative(c, 1))
        .add(4, "\\b(?:today|2day|tday|tdy)\\b", (m, c) -> relative(c, 0))
        .add(
            6,
            "\\b(?<r>today|tomorrow|tomorow|tmrw)\\s+(?<t>\\d{1,2}(?::[0-5]\\d)?)(?!\\s?(?:am|pm|a\\.m|p\\.m|-|to\\b))"
                + NOT_UNIT,
            (m, c) -> {
              Meaning day = relative(c, m.group("r").equals("today") ? 0 : 1);
              Meaning time = point(m.group("t"));
              return time == null
                  ? null
                  : new Meaning(day.day(), time.clock(), null, null, false, false);
            })
        .add(5, "\\bthis (?:coming )?(?<wd>{WD})", (m, c) -> Meaning.day(thisWeek(c, wd(m))))
        .add(5, "\\bcoming (?<wd>{WD})", (m, c) -> Meaning.day(bare(c, wd(m))))
        .add(5, "\\bnext (?<wd>{WD})", (m, c) -> Meaning.day(nextWeek(c, wd(m))))
        .add(
            6,
            "\\b(?:on )?(?<wd>{WD}),? (?:of )?(?:next week|the following week|the week after)\\b"
                + "|\\bnext week,? (?:on )?(?<wd2>{WD})",
            (m, c) -> Meaning.day(nextWeek(c, wd(m))))
        .add(3, "\\b(?:on )?(?<wd>{WD})", (m, c) -> Meaning.day(bare(c, wd(m))))
        .add(
            7,
            "\\b(?:on )?(?<wd>{WD}),?\\s+(?:the\\s+)?(?<d>\\d{1,2})(?:st|nd|rd|th)?\\b"
                + "(?!\\s?(?:[:.]\\d|-\\s?\\d|am\\b|pm\\b|a\\.m|p\\.m|o'?clock|h\\b|h\\d))(?:\\s+of)?"
                + "(?:\\s+(?<mo>{MONTH}))?(?:,?\\s+(?<y>\\d{4}))?",
            TimeGrammar::weekdayDate)
        .add(
            7,
            "\\b(?:on )?(?<wd>{WD}),?\\s+(?<mo>{MONTH})\\s+(?:the\\s+)?(?<d>\\d{1,2})"
                + "(?:st|nd|rd|th)?\\b(?:,?\\s+(?<y>\\d{4}))?",
            TimeGrammar::weekdayDate)
        .add(
            6,
            "(?:\\b(?:on |for )?the\\s+)?"
                + NUM_START
                + "(?<d>\\d{1,2}|{DAYWORDS})(?:st|nd|rd|th)?\\s*(?:of\\s+)?(?<mo>{MONTH})"
                + "(?:,?\\s+(?<y>\\d{4}))?",
            TimeGrammar::date)
        .add(
            6,
            "\\b(?<mo>{MONTH})\\s+(?:the\\s+)?(?<d>\\d{1,2}|{DAYWORDS})(?:st|nd|rd|th)?\\b"
                + "(?!\\s?(?:[:.]\\d|am\\b|pm\\b|h\\d))"
                + NOT_UNIT
                + "(?:,?\\s+(?<y>\\d{4}))?",
            TimeGrammar::date)
        .add(5, NUMERIC_DATES_2, TimeGrammar::numericDate)
        .add(
            8,
            "\\b(?:(?:le|ce|on|il|the) )?{WD},?\\s+(?:(?:le|the|il)\\s+)?" + NUMERIC_DATES_2,
            TimeGrammar::numericDate)
        .add(5, NUMERIC_DATES_3, TimeGrammar::numericDate)
        .add(
            4,
            "\\b(?:(?:on|for|by) )?the (?<d>\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:opinion|time|floor"
                + "|dose|shot|injection|child|kid|son|daughter|visit|appointment|one|week|day|month"
                + "|year|door|street|avenue|baby|pregnancy|attempt|test)\\b)"
                + "|\\b(?:on|for|by) the (?<d2>\\d{1,2})\\b"
                + NOT_UNIT,
            TimeGrammar::dayOfMonth);
    r.add(
            5,
            "\\b(?:(?:during|for|in) )?next week\\b|\\b(?:the )?following week\\b"
                + "|\\bthe week after next\\b",
            (m, c) ->
                Meaning.day(
                    m.group().contains("after next") ? shiftWeek(nextWeek(c), 1) : nextWeek(c)))
        .add(5, "\\b(?:later )?this week\\b", (m, c) -> Meaning.day(thisWeek(c)))
        .add(
            7,
            "\\b(?:the )?week (?:of|beginning|starting) (?:the )?(?<d>\\d{1,2})(?:st|nd|rd|th)?"
                + "(?:\\s+(?:of\\s+)?(?<mo>{MONTH}))?\\b"
                + "|\\b(?:the )?week (?:of|beginning|starting) (?<mo2>{MONTH})\\s+(?<d2>\\d{1,2})(?:st|nd|rd|th)?\\b",
            TimeGrammar::weekOf)
        .add(
            5,
            "\\b(?:(?:at|by|towards|toward|around) )?(?:the )?end of (?:the |this )?week\\b",
            (m, c) -> Meaning.day(endOfWeek(c, 0)))
        .add(
            6,
            "\\b(?:(?:at|by|towards|toward|around) )?(?:the )?end of next week\\b",
            (m, c) -> Meaning.day(endOfWeek(c, 1)))
        .add(
            6,
            "\\bearly next week\\b|\\bbeginning of next week\\b|\\bstart of next week\\b",
            (m, c) -> Meaning.day(earlyNextWeek(c)))
        .add(
            5,
            "\\b(?:(?:this|the|over the|on the|at the|this coming|during the) )?week-?end\\b"
                + "|\\bweek end\\b",
            (m, c) -> Meaning.day(weekend(c, 0)))
        .add(6, "\\bnext week-?end\\b", (m, c) -> Meaning.day(weekend(c, 1)));
    r.add(
            7,
            "\\b(?:on )?(?<wd>{WD}),? in (?<n>{N}) weeks?\\b"
                + "|\\bin (?<n2>{N}) weeks?(?:'? time)?,? (?:on )?(?<wd2>{WD})",
            (m, c) ->
                Meaning.day(inWeeks(c, wd(m), m.group("n") != null ? m.group("n") : m.group("n2"))))
        .add(
            6,
            "\\bin\\s+(?<n>{N})\\s+(?<u>days?|weeks?|months?)\\b|\\b(?<n2>{N})\\s+(?<u2>days?|weeks?)"
                + " from (?:now|today)\\b",
            (m, c) -> {
              String num = m.group("n") != null ? m.group("n") : m.group("n2");
              String unit = m.group("u") != null ? m.group("u") : m.group("u2");
              return offset(c, count(num) * (unit.startsWith("w") ? 7 : 1), unit);
            })
        .add(6, "\\bin a fortnight\\b", (m, c) -> offset(c, 14, "day"))
        .add(
            6,
            "\\bin\\s+(?<n>{N})\\s?(?:hours?|hrs?|h)\\b(?<half> and a half)?",
            (m, c) -> after(c, count(m.group("n")) * 60 + (m.group("half") != null ? 30 : 0)))
        .add(
            6,
            "\\bin\\s+(?<n>\\d{1,3}|five|ten|fifteen|twenty|thirty|forty)\\s?(?:minutes?|mins?)\\b",
            (m, c) -> after(c, count(m.group("n"))))
        .add(6, "\\bin half an hour\\b|\\bin a half hour\\b", (m, c) -> after(c, 30));
    r.add(
            8,
            "\\b(?:(?:in the|this) )?late morning\\b|\\blater? in the morning\\b",
            (m, c) -> Meaning.part(Clock.part(10, 12)))
        .add(
            8,
            "\\b(?:(?:in the|this) )?early afternoon\\b|\\bearly in the afternoon\\b",
            (m, c) -> Meaning.part(Clock.part(12, 15)))
        .add(
            8,
            "\\b(?:(?:in the|this) )?late afternoon\\b|\\blater? in the afternoon\\b"
                + "|\\b(?:at the )?end of (?:the )?day\\b",
            (m, c) -> Meaning.part(Clock.part(15, 18)))
        .add(8, "\\b(?:(?:this|in the|the) )?morning\\b", (m, c) -> Meaning.part(Clock.part(8, 12)))
        .add(
            8,
            "\\b(?:(?:this|in the|the) )?afternoon\\b|\\barvo\\b|\\bafter lunch\\b",
            (m, c) -> Meaning.part(Clock.part(12, 18)))
        .add(
            8,
            "\\b(?:(?:this|in the|the) )?evening\\b|\\b(?:tonight|tonite|2nite)\\b",
            (m, c) -> Meaning.part(Clock.part(18, 21)))
        .add(
            8,
            "\\b(?:(?:at|around|over|during) )?(?:lunch ?time|lunch|the lunch break|my lunch break)\\b",
            (m, c) -> Meaning.clock(Clock.hours(12, 14)))
        .add(
            1,
            "\\b(?:night|a\\.?m\\.?|p\\.?m\\.?)(?![a-z])",
            (m, c) -> {
              String s = m.group();
              Clock part =
                  s.startsWith("n")
                      ? Clock.part(18, 21)
                      : s.startsWith("a") ? Clock.part(8, 12) : Clock.part(12, 18);
              return new Meaning(null, null, part, null, true, false);
            });
    r.add(2, "(?<t>{T})", (m, c) -> point(m.group("t")))
        .add(
            2,
            "\\b(?:at|around|about|for|say)\\s+(?:about\\s+|around\\s+)?(?<t>{TW})",
            (m, c) -> point(m.group("t")))
        .add(
            4,
            "\\b(?:after|from|anytime after|any time after|not before|later than)\\s+(?<t>{TW})",
            (m, c) -> openAfter(m.group("t")))
        .add(
            4,
            "\\b(?:before|by|until|till|til|no later than|not after)\\s+(?<t>{TW})",
            (m, c) -> openBefore(m.group("t")))
        .add(
            5,
            "\\bbetween\\s+(?<a>{TW})\\s+(?:and|&)\\s+(?<b>{TW})",
            (m, c) -> interval(m.group("a"), m.group("b")))
        .add(
            5,
            "\\bfrom\\s+(?<a>{TW})\\s*(?:to|till|until|-)\\s*(?<b>{TW})",
            (m, c) -> moveOrInterval(m, c))
        .add(
            4,
            "(?<a>{T}|" + NUM_START + "\\d{1,2})\\s*(?:-|to)\\s*(?<b>{T})",
            (m, c) -> interval(m.group("a"), m.group("b")));
    return r.list();
  }

  private static List<Rule> italian() {
    String hw = HOUR_WORDS_IT;
    String t =
        "(?:"
            + NUM_START
            + "(?:\\d{1,2}:[0-5]\\d\\b|\\d{1,2}\\s?h(?:\\s?[0-5]\\d\\b|\\b)|\\d{1,2}\\s?(?:am|pm)\\b"
            + "|mezzogiorno(?:\\s+e\\s+mezzo|\\s+e\\s+mezza)?\\b|mezzanotte\\b))";
    String suffix =
        "(?:\\s+e\\s+(?:mezza|mezzo|un quarto|quarto|[0-5]\\d\\b))?(?:\\s+meno\\s+(?:un\\s+)?quarto)?";
    String w =
        "(?:(?:"
            + NUM_START
            + "\\d{1,2}(?:[.:][0-5]\\d)?|(?:"
            + hw
            + ")\\b)"
            + suffix
            + NOT_UNIT
            + ")";
    String wd =
        "lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica"
            + "|(?:lun|mar|mer|gio|ven|sab|dom)(?=\\.?\\s+(?:\\d{1,2}"
            + NOT_UNIT
            + "|mattina|pomeriggio|sera|alle|ore))";
    String month =
        "(?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre"
            + "|novembre|dicembre)\\b";
    String n =
        "\\d{1,2}|un'|una|uno|un|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|quindici|venti|trenta";
    String prefix =
        "(?:\\b(?:alle(?: ore)?|delle(?: ore)?|verso(?: le| l')?|per le|intorno alle|sulle|ore|h)\\s*"
            + "|\\b(?:all|dell)')";
    Rules r =
        new Rules(
            Map.of(
                "T",
                t,
                "W",
                w,
                "TW",
                "(?:" + t + "|" + w + ")",
                "WD",
                "(?:" + wd + ")'?",
                "MONTH",
                month,
                "N",
                n,
                "NU",
                NOT_UNIT,
                "P",
                prefix,
                "DAYWORDS",
                dayWordsRegex(IT_DAYS)));
    r.add(
            9,
            "\\b(?:ieri|l'altro ieri|l'altroieri|altroieri)(?: (?:sera|mattina|pomeriggio|notte))?\\b"
                + "|\\bstanotte\\b",
            (m, c) -> Meaning.BLOCKER)
        .add(9, "\\bbuona (?:sera|serata|notte|giornata)\\b", (m, c) -> Meaning.BLOCKER)
        .add(
            9,
            "\\b(?:la settimana scorsa|la scorsa settimana|il mese scorso|l'anno scorso"
                + "|lo scorso fine settimana)\\b|\\b(?:{WD}) scors[oa]\\b|\\b(?:lo |la )?scors[oa] {WD}",
            (m, c) -> Meaning.BLOCKER)
        .add(
            9,
            "\\b(?:ogni|tutti i|tutte le) (?:{WD}|giorn[oi]|mattin[ae]|ser[ae]|settiman[ae]|mes[ei]|\\d)",
            (m, c) -> Meaning.BLOCKER);
    r.add(5, "\\b(?:dopodomani|dopo domani)\\b", (m, c) -> relative(c, 2))
        .add(4, "\\b(?:domani|doman)\\b", (m, c) -> relative(c, 1))
        .add(
            5,
            "\\bdomattina\\b",
            (m, c) ->
                new Meaning(
                    Day.of(c.today().plusDays(1)), null, Clock.part(8, 12), null, false, false))
        .add(4, "\\boggi\\b|\\bin giornata\\b", (m, c) -> relative(c, 0))
        .add(
            5,
            "\\b(?:questo|questa|sto|sta) (?<wd>{WD})",
            (m, c) -> Meaning.day(thisWeek(c, wd(m))))
        .add(
            6,
            "\\b(?:(?:il|la) )?(?<wd>{WD}) prossim[oa]\\b|\\b(?:(?:il|la) )?prossim[oa] (?<wd2>{WD})"
                + "|\\b(?:(?:il|la) )?(?<wd3>{WD}),? (?:della|nella|la) (?:settimana prossima|prossima settimana)\\b"
                + "|\\b(?:la )?(?:settimana prossima|prossima settimana),? (?:il |la )?(?<wd4>{WD})",
            (m, c) -> Meaning.day(nextWeek(c, wd(m))))
        .add(3, "\\b(?:(?:il|la|per) )?(?<wd>{WD})", (m, c) -> Meaning.day(bare(c, wd(m))))
        .add(
            7,
            "\\b(?:(?:il|la|per|per il) )?(?<wd>{WD}),?\\s+(?<d>\\d{1,2}|primo)\\b(?!\\s?(?:h\\b|h\\d|:|\\.\\d|-\\s?\\d))"
                + "(?:\\s+(?<mo>{MONTH}))?(?:\\s+(?<y>\\d{4}))?",
            TimeGrammar::weekdayDate)
        .add(
            6,
            "(?:\\b(?:il|per il|dal|al)\\s+|\\bl'|\\b(?:per l'|all'|dall'))?"
                + NUM_START
                + "(?<d>\\d{1,2}|{DAYWORDS})(?:°)?\\s*(?:di\\s+)?(?<mo>{MONTH})(?:\\s+(?<y>\\d{4}))?",
            TimeGrammar::date)
        .add(5, NUMERIC_DATES_2, TimeGrammar::numericDate)
        .add(
            8,
            "\\b(?:(?:le|ce|on|il|the) )?{WD},?\\s+(?:(?:le|the|il)\\s+)?" + NUMERIC_DATES_2,
            TimeGrammar::numericDate)
        .add(5, NUMERIC_DATES_3, TimeGrammar::numericDate)
        .add(
            4,
            "(?:\\b(?:il|per il|del|al|dal)(?: giorno)?\\s+|\\bl')(?<d>\\d{1,2}|primo)\\b(?!\\s?(?:h\\b|h\\d|:|\\.\\d)){NU}",
            TimeGrammar::dayOfMonth);
    r.add(
            5,
            "\\b(?:(?:la|nella|per la|entro la) )?(?:settimana prossima|prossima settimana)\\b"
                + "|\\bla settimana (?:che viene|dopo)\\b",
            (m, c) -> Meaning.day(nextWeek(c)))
        .add(
            5,
            "\\b(?:(?:in|entro) )?questa settimana\\b|\\bin settimana\\b|\\bentro la settimana\\b",
            (m, c) -> Meaning.day(thisWeek(c)))
        .add(
            7,
            "\\b(?:la |nella )?settimana del (?<d>\\d{1,2}|primo)(?:\\s+(?<mo>{MONTH}))?",
            TimeGrammar::weekOf)
        .add(
            5,
            "\\b(?:(?:alla|a|verso|per la|entro la|verso la) )?(?:la )?fine (?:della|di questa) settimana\\b"
                + "|\\bentro (?:la )?fine settimana\\b",
            (m, c) -> Meaning.day(endOfWeek(c, 0)))
        .add(
            6,
            "\\b(?:(?:alla|a|verso la|per la) )?fine della (?:settimana prossima|prossima settimana)\\b",
            (m, c) -> Meaning.day(endOfWeek(c, 1)))
        .add(
            6,
            "\\b(?:(?:a|ad|all') )?inizio (?:della )?(?:settimana prossima|prossima settimana)\\b",
            (m, c) -> Meaning.day(earlyNextWeek(c)))
        .add(
            5,
            "\\b(?:(?:il|questo|nel|per il|sto|durante il|questo) )?(?:fine settimana|fine-settimana"
                + "|finesettimana|week-?end|week end)\\b",
            (m, c) -> Meaning.day(weekend(c, 0)))
        .add(
            6,
            "\\b(?:il )?prossimo (?:fine settimana|week-?end)\\b|\\b(?:il )?(?:fine settimana|week-?end) prossimo\\b",
            (m, c) -> Meaning.day(weekend(c, 1)));
    r.add(
            7,
            "\\b(?:(?:il|la) )?(?<wd>{WD}),? (?:tra|fra) (?<n>{N}) settiman[ae]\\b"
                + "|\\b(?:tra|fra) (?<n2>{N}) settiman[ae],? (?:il |la )?(?<wd2>{WD})",
            (m, c) ->
                Meaning.day(inWeeks(c, wd(m), m.group("n") != null ? m.group("n") : m.group("n2"))))
        .add(
            6,
            "\\b(?:tra|fra)\\s+(?<n>{N})\\s*(?<u>giorni|giorno|settimane|settimana|mesi|mese)\\b",
            (m, c) ->
                offset(
                    c,
                    count(m.group("n")) * (m.group("u").startsWith("s") ? 7 : 1),
                    m.group("u").startsWith("m") ? "month" : "day"))
        .add(
            6,
            "\\b(?:tra|fra)\\s+(?<n>{N})\\s*or(?:a|e|etta|ette)\\b(?<half> e mezz[ao])?",
            (m, c) -> after(c, count(m.group("n")) * 60 + (m.group("half") != null ? 30 : 0)))
        .add(
            6,
            "\\b(?:tra|fra)\\s+(?<n>\\d{1,3}|cinque|dieci|quindici|venti|trenta)\\s?(?:minuti|min)\\b",
            (m, c) -> after(c, count(m.group("n"))))
        .add(6, "\\b(?:tra|fra) (?:una )?mezz'?or(?:a|etta)\\b", (m, c) -> after(c, 30));
    r.add(
            8,
            "\\b(?:(?:in|a|verso|nella) )?(?:tarda mattinata|tarda mattina|fine mattinata|fine mattina)\\b",
            (m, c) -> Meaning.part(Clock.part(10, 12)))
        .add(
            8,
            "\\b(?:(?:nel|in|al|a) )?(?:primo pomeriggio|inizio pomeriggio)\\b",
            (m, c) -> Meaning.part(Clock.part(12, 15)))
        .add(
            8,
            "\\b(?:(?:nel|in|al|verso|a|verso il) )?(?:tardo pomeriggio|fine pomeriggio|fine giornata)\\b",
            (m, c) -> Meaning.part(Clock.part(15, 18)))
        .add(
            8,
            "\\b(?:(?:la|di|in|alla|nella|questa|sta|del|al) )?(?:mattina|mattinata|mattino)\\b"
                + "|\\b(?:stamattina|stamani|stamane)\\b",
            (m, c) -> Meaning.part(Clock.part(8, 12)))
        .add(
            8,
            "\\b(?:(?:il|di|nel|questo|sto|al|del|oggi) )?pomeriggio\\b|\\b(?:nel )?pome\\b",
            (m, c) -> Meaning.part(Clock.part(12, 18)))
        .add(
            8,
            "\\b(?:(?:la|di|in|alla|nella|questa|sta|della) )?(?:sera|serata)\\b|\\b(?:stasera|stassera)\\b",
            (m, c) -> Meaning.part(Clock.part(18, 21)))
        .add(
            8,
            "\\b(?:(?:in|durante la|durante|all'ora di|a|in) )?(?:pausa pranzo|ora di pranzo|pranzo)\\b",
            (m, c) -> Meaning.clock(Clock.hours(12, 14)))
        .add(8, "\\bdopo pranzo\\b", (m, c) -> Meaning.part(Clock.part(12, 18)));
    r.add(2, "(?:{P})?(?<t>{T})", (m, c) -> point(m.group("t")))
        .add(2, "{P}(?<t>{TW})", (m, c) -> point(m.group("t")))
        .add(
            4,
            "\\b(?:dopo(?: le| l')?|a partire dalle|a partire dall'|dalle|dall'|non prima delle)\\s*(?<t>{TW})",
            (m, c) -> openAfter(m.group("t")))
        .add(
            4,
            "\\b(?:prima delle|prima dell'|prima di|entro le|entro l'|entro|fino alle|fino all'|fino a|non dopo le|non oltre le|non oltre l')\\s*(?<t>{TW})",
            (m, c) -> openBefore(m.group("t")))
        .add(
            5,
            "\\b(?:tra|fra)\\s+(?:le\\s+|l')(?:ore\\s+)?(?<a>{TW})\\s+e\\s+(?:le\\s+|l')?(?<b>{TW})",
            (m, c) -> interval(m.group("a"), m.group("b")))
        .add(
            5,
            "\\b(?:dalle|dall')(?:\\s*ore)?\\s*(?<a>{TW})\\s*(?:alle|all'|a|-)\\s*(?<b>{TW})",
            (m, c) -> moveOrInterval(m, c))
        .add(4, "(?<a>{T})\\s*-\\s*(?<b>{TW})", (m, c) -> interval(m.group("a"), m.group("b")))
        .add(
            3,
            NUM_START + "(?<a>\\d{1,2})\\s?-\\s?(?<b>\\d{1,2})(?!-)" + NOT_UNIT,
            (m, c) -> interval(m.group("a"), m.group("b")));
    return r.list();
  }

  /** "14.30" is a time only next to a day ("domani 14.30"); alone it may be a price. */
  private static final Rule DOT_TIME =
      new Rule(
          Pattern.compile(NUM_START + "\\d{1,2}\\.[0-5]\\d" + NOT_UNIT),
          1,
          (m, c) -> {
            Meaning time = point(m.group());
            return time == null ? null : new Meaning(null, time.clock(), null, null, true, false);
          });

  // ---------------------------------------------------------------------------------------------
  // Days

  private static Meaning relative(Context c, int days) {
    return Meaning.day(Day.of(c.today().plusDays(days)));
  }

  private static int eight(String k) {
    return k.equals("huit") ? 7 : 14;
  }

  private static DayOfWeek wd(Matcher m) {
    String s = null;
    for (String g : new String[] {"wd", "wd2", "wd3", "wd4"}) {
      try {
        if (m.group(g) != null) {
          s = m.group(g);
          break;
        }
      } catch (IllegalArgumentException absent) {
        // the pattern has no such group
      }
    }
    if (s == null) {
      throw new IllegalStateException("no weekday");
    }
    return weekday(s);
  }

  static DayOfWeek weekday(String s) {
    if (s.startsWith("lu") || s.startsWith("mo")) {
      return DayOfWeek.MONDAY;
    }
    if (s.startsWith("mar") || s.startsWith("tu")) {
      return DayOfWeek.TUESDAY;
    }
    if (s.startsWith("me") || s.startsWith("we")) {
      return DayOfWeek.WEDNESDAY;
    }
    if (s.startsWith("je") || s.startsWith("th") || s.startsWith("gi")) {
      return DayOfWeek.THURSDAY;
    }
    if (s.startsWith("ve") || s.startsWith("fr")) {
      return DayOfWeek.FRIDAY;
    }
    if (s.startsWith("sa")) {
      return DayOfWeek.SATURDAY;
    }
    return DayOfWeek.SUNDAY;
  }

  /** The next such day strictly after today. */
  private static Day bare(Context c, DayOfWeek day) {
    return Day.of(c.today().with(TemporalAdjusters.next(day)));
  }

  /** The one of the current Monday–Sunday week, today included; if past, the next one. */
  private static Day thisWeek(Context c, DayOfWeek day) {
    LocalDate d = monday(c).plusDays(day.getValue() - 1);
    return d.isBefore(c.today()) ? bare(c, day) : Day.of(d);
  }

  /** That weekday in the Monday–Sunday week of the day {@code n} weeks from today. */
  private static Day inWeeks(Context c, DayOfWeek day, String n) {
    return Day.of(monday(c).plusWeeks(count(n)).plusDays(day.getValue() - 1));
  }

  /** The one of the next calendar week. */
  private static Day nextWeek(Context c, DayOfWeek day) {
    return Day.of(monday(c).plusDays(7 + day.getValue() - 1));
  }

  private static LocalDate monday(Context c) {
    return c.today().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static Day nextWeek(Context c) {
    LocalDate next = monday(c).plusDays(7);
    return new Day(next, next.plusDays(7), Grain.WEEK);
  }

  private static Day shiftWeek(Day week, int weeks) {
    return new Day(week.from().plusWeeks(weeks), week.to().plusWeeks(weeks), week.grain());
  }

  private static Day thisWeek(Context c) {
    return new Day(c.today(), monday(c).plusDays(7), Grain.WEEK);
  }

  /**
   * Thursday to Saturday of this week (from today on Thursday or Friday; next week's at the
   * weekend).
   */
  private static Day endOfWeek(Context c, int weeks) {
    LocalDate monday = monday(c);
    int dow = c.today().getDayOfWeek().getValue();
    if (weeks == 0 && dow >= 6) {
      weeks = 1;
    }
    LocalDate thursday = monday.plusDays(3 + 7L * weeks);
    LocalDate from = thursday.isBefore(c.today()) ? c.today() : thursday;
    return new Day(from, thursday.plusDays(2), Grain.DAY);
  }

  /** Monday to Wednesday of next week. */
  private static Day earlyNextWeek(Context c) {
    LocalDate monday = monday(c).plusDays(7);
    return new Day(monday, monday.plusDays(3), Grain.DAY);
  }

  /** Saturday 00:00 to Monday 00:00 (from today on a Sunday). */
  private static Day weekend(Context c, int weeks) {
    LocalDate saturday = monday(c).plusDays(5 + 7L * weeks);
    LocalDate from = saturday.isBefore(c.today()) ? c.today() : saturday;
    return new Day(from, saturday.plusDays(2), Grain.DAY);
  }

  private static @Nullable Meaning weekdayDate(Matcher m, Context c) {
    int day = dayNumber(m.group("d"));
    DayOfWeek weekday = wd(m);
    if (m.group("mo") != null) {
      return date(c, day, month(m.group("mo")), m.group("y"));
    }
    if (day < 1 || day > 31) {
      return null;
    }
    LocalDate first = c.today().withDayOfMonth(1);
    for (int i = 0; i < 2; i++) {
      LocalDate month = first.plusMonths(i);
      if (day <= month.lengthOfMonth()) {
        LocalDate d = month.withDayOfMonth(day);
        if (!d.isBefore(c.today()) && d.getDayOfWeek() == weekday) {
          return Meaning.day(Day.of(d));
        }
      }
    }
    if (day >= 8 && day <= 20) {
      // no such date soon: "lundi 17" with no Monday the 17th in sight is Monday at 17:00
      Meaning time = point(String.valueOf(day));
      if (time != null) {
        return new Meaning(bare(c, weekday), time.clock(), null, null, false, false);
      }
    }
    return dayOfMonth(c, day);
  }

  private static @Nullable Meaning date(Matcher m, Context c) {
    return date(c, dayNumber(m.group("d")), month(m.group("mo")), m.group("y"));
  }

  private static final Pattern FRACTION = Pattern.compile("1/2|1/3|1/4|2/3|3/4");
  private static final Pattern DATE_ARTICLE =
      Pattern.compile("\\b(?:le|the|il|on|for|per|pour|du|au|al|dal|del|by|until|jusqu'au)\\s*$");

  /** The Monday–Monday week holding a date: "la semaine du 23", "the week of March 23". */
  private static @Nullable Meaning weekOf(Matcher m, Context c) {
    String d = m.group("d");
    String mo = m.group("mo");
    if (d == null) {
      try {
        d = m.group("d2");
        mo = m.group("mo2");
      } catch (IllegalArgumentException absent) {
        return null;
      }
    }
    Meaning date =
        mo != null ? date(c, dayNumber(d), month(mo), null) : dayOfMonth(c, dayNumber(d));
    if (date == null || date.day() == null) {
      return null;
    }
    LocalDate monday = date.day().from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate from = monday.isBefore(c.today()) ? c.today() : monday;
    return Meaning.day(new Day(from, monday.plusDays(7), Grain.WEEK));
  }

  private static @Nullable Meaning numericDate(Matcher m, Context c) {
    int day = Integer.parseInt(m.group("d"));
    int month = Integer.parseInt(m.group("mo"));
    String year = m.group("y");
    if (year == null) {
      if (day == 24 && month == 7) {
        return null; // 24/7
      }
      if (PAIN_SCALE.matcher(textBefore(m, c, 30)).find()) {
        return null; // "douleur 8/10", "tension 14/9"
      }
      if (FRACTION.matcher(m.group()).matches()
          && !DATE_ARTICLE.matcher(textBefore(m, c, 6)).find()) {
        return null; // "1/2 comprimé", "3/4 of a tablet"
      }
    }
    if (month > 12 && day <= 12) {
      int swap = day;
      day = month;
      month = swap;
    }
    return date(c, day, month, year);
  }

  private static String textBefore(Matcher m, Context c, int chars) {
    return c.text().substring(Math.max(0, m.start() - chars), m.start());
  }

  private static @Nullable Meaning dayOfMonth(Matcher m, Context c) {
    String d = m.group("d");
    if (d == null) {
      try {
        d = m.group("d2");
      } catch (IllegalArgumentException absent) {
        d = null;
      }
    }
    if (d == null) {
      return null;
    }
    return dayOfMonth(c, dayNumber(d));
  }

  /** This month's, or next month's if already past (the first month that has it). */
  private static @Nullable Meaning dayOfMonth(Context c, int day) {
    if (day < 1 || day > 31) {
      return null;
    }
    LocalDate first = c.today().withDayOfMonth(1);
    for (int i = 0; i < 13; i++) {
      LocalDate month = first.plusMonths(i);
      if (day <= month.lengthOfMonth()) {
        LocalDate d = month.withDayOfMonth(day);
        if (!d.isBefore(c.today())) {
          return Meaning.day(Day.of(d));
        }
      }
    }
    return null;
  }

  private static @Nullable Meaning date(Context c, int day, int month, @Nullable String year) {
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    LocalDate d;
    if (year != null) {
      int y = Integer.parseInt(year);
      if (y < 100) {
        y += 2000;
      }
      if (y < 2000 || y > 2100) {
        return Meaning.BLOCKER; // a birth date
      }
      d = LocalDate.of(y, month, day);
      if (d.isBefore(c.today())) {
        return Meaning.BLOCKER; // a past visit
      }
    } else {
      d = LocalDate.of(c.today().getYear(), month, day);
      if (d.isBefore(c.today())) {
        d = LocalDate.of(c.today().getYear() + 1, month, day);
      }
    }
    return Meaning.day(Day.of(d));
  }

  private static int dayNumber(String s) {
    Integer word = DAY_WORDS.get(s.trim().replaceAll("\\s+", " "));
    return word != null ? word : Integer.parseInt(s.replaceAll("\\D", ""));
  }

  static int month(String s) {
    if (s.startsWith("ja") || s.startsWith("ge")) {
      return 1;
    }
    if (s.startsWith("fe")) {
      return 2;
    }
    if (s.startsWith("mar")) {
      return 3;
    }
    if (s.startsWith("av") || s.startsWith("ap")) {
      return 4;
    }
    if (s.startsWith("mai") || s.startsWith("may") || s.startsWith("mag")) {
      return 5;
    }
    if (s.startsWith("juil") || s.startsWith("jul") || s.startsWith("lu")) {
      return 7;
    }
    if (s.startsWith("jui") || s.startsWith("jun") || s.startsWith("gi")) {
      return 6;
    }
    if (s.startsWith("ao") || s.startsWith("au") || s.startsWith("ag")) {
      return 8;
    }
    if (s.startsWith("se")) {
      return 9;
    }
    if (s.startsWith("o")) {
      return 10;
    }
    if (s.startsWith("n")) {
      return 11;
    }
    if (s.startsWith("d")) {
      return 12;
    }
    throw new IllegalArgumentException(s);
  }

  // ---------------------------------------------------------------------------------------------
  // Offsets

  private static final Map<String, Integer> NUMBERS =
      Map.ofEntries(
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("un", 1),
          Map.entry("une", 1),
          Map.entry("uno", 1),
          Map.entry("una", 1),
          Map.entry("un'", 1),
          Map.entry("l'una", 1),
          Map.entry("two", 2),
          Map.entry("deux", 2),
          Map.entry("due", 2),
          Map.entry("a couple of", 2),
          Map.entry("couple of", 2),
          Map.entry("three", 3),
          Map.entry("trois", 3),
          Map.entry("tre", 3),
          Map.entry("four", 4),
          Map.entry("quatre", 4),
          Map.entry("quattro", 4),
          Map.entry("five", 5),
          Map.entry("cinq", 5),
          Map.entry("cinque", 5),
          Map.entry("six", 6),
          Map.entry("sei", 6),
          Map.entry("seven", 7),
          Map.entry("sept", 7),
          Map.entry("sette", 7),
          Map.entry("eight", 8),
          Map.entry("huit", 8),
          Map.entry("otto", 8),
          Map.entry("nine", 9),
          Map.entry("neuf", 9),
          Map.entry("nove", 9),
          Map.entry("ten", 10),
          Map.entry("dix", 10),
          Map.entry("dieci", 10),
          Map.entry("eleven", 11),
          Map.entry("onze", 11),
          Map.entry("undici", 11),
          Map.entry("twelve", 12),
          Map.entry("douze", 12),
          Map.entry("dodici", 12),
          Map.entry("quinze", 15),
          Map.entry("quindici", 15),
          Map.entry("fifteen", 15),
          Map.entry("vingt", 20),
          Map.entry("venti", 20),
          Map.entry("twenty", 20),
          Map.entry("trente", 30),
          Map.entry("trenta", 30),
          Map.entry("thirty", 30),
          Map.entry("forty", 40));

  static int count(String s) {
    String k = s.trim();
    Integer n = NUMBERS.get(k);
    return n != null ? n : Integer.parseInt(k);
  }

  /** French "huit jours" is a week and "quinze jours" two. */
  private static int frenchDays(String n, String unit) {
    int k = count(n);
    if (unit.startsWith("sem")) {
      return k * 7;
    }
    if (unit.startsWith("jour") && (k == 8 || k == 15)) {
      return k - 1;
    }
    return k;
  }

  private static Meaning offset(Context c, int amount, String unit) {
    LocalDate d =
        unit.startsWith("mo") || unit.startsWith("me")
            ? c.today().plusMonths(amount)
            : c.today().plusDays(amount);
    return Meaning.day(Day.of(d));
  }

  private static Meaning after(Context c, int minutes) {
    ZonedDateTime at = c.now().plusMinutes(minutes).truncatedTo(ChronoUnit.MINUTES);
    return new Meaning(null, null, null, at, false, false);
  }

  // ---------------------------------------------------------------------------------------------
  // Clock times

  /** A clock time as written: hour, minutes, am/pm, and whether it is noon or midnight. */
  record Raw(int hour, int minute, boolean minutes, int meridiem, boolean fixed) {
    static final int NONE = 0;
    static final int AM = 1;
    static final int PM = 2;

    Raw meridiem(int m) {
      return new Raw(hour, minute, minutes, m, fixed);
    }
  }

  private static final Pattern DIGITS = Pattern.compile("\\d{1,2}");
  private static final Pattern NOON = Pattern.compile("\\b(?:midi|noon|midday|mezzogiorno)\\b");
  private static final Pattern MIDNIGHT = Pattern.compile("\\b(?:minuit|midnight|mezzanotte)\\b");
  private static final Pattern HOUR_WORD =
      Pattern.compile(
          "\\b(?:l'una|une|un|one|una|deux|two|due|trois|three|tre|quatre|four|quattro|cinq|five"
              + "|cinque|six|sei|sept|seven|sette|huit|eight|otto|neuf|nine|nove|dix|ten|dieci"
              + "|onze|eleven|undici|douze|twelve|dodici)\\b");
  private static final Pattern HALF = Pattern.compile("\\b(?:demie?|mezza|mezzo|half)\\b");
  private static final Pattern QUARTER = Pattern.compile("\\b(?:quart|quarter|quarto)\\b");
  private static final Pattern MINUS = Pattern.compile("\\b(?:moins|meno|to)\\b");
  private static final Pattern PM = Pattern.compile("(?<![a-z])(?:pm|p\\.m)");
  private static final Pattern AM = Pattern.compile("(?<![a-z])(?:am|a\\.m)");

  static @Nullable Raw raw(String text) {
    String s = text.trim();
    int hour;
    int minute = 0;
    boolean minutes = false;
    boolean fixed = false;
    Matcher d = DIGITS.matcher(s);
    if (NOON.matcher(s).find()) {
      hour = 12;
      fixed = true;
    } else if (MIDNIGHT.matcher(s).find()) {
      hour = 0;
      fixed = true;
    } else if (d.find()) {
      hour = Integer.parseInt(d.group());
      if (d.find()) {
        minute = Integer.parseInt(d.group());
        minutes = true;
      }
    } else {
      Matcher w = HOUR_WORD.matcher(s);
      if (!w.find()) {
        return null;
      }
      hour = count(w.group());
    }
    if (HALF.matcher(s).find()) {
      minute = 30;
      minutes = true;
    } else if (QUARTER.matcher(s).find()) {
      minutes = true;
      if (MINUS.matcher(s).find()) {
        hour = hour == 0 ? 23 : hour - 1;
        minute = 45;
      } else {
        minute = 15;
      }
    }
    int meridiem = PM.matcher(s).find() ? Raw.PM : AM.matcher(s).find() ? Raw.AM : Raw.NONE;
    if (hour > 23 || minute > 59) {
      return null;
    }
    return new Raw(hour, minute, minutes, meridiem, fixed);
  }

  static @Nullable Clock clock(Raw r) {
    int h = r.hour();
    boolean pmDefaulted = false;
    boolean bareMorning = false;
    if (r.meridiem() == Raw.PM) {
      if (h < 12) {
        h += 12;
      }
    } else if (r.meridiem() == Raw.AM) {
      if (h == 12) {
        h = 0;
      } else if (h > 12) {
        return null;
      }
    } else if (!r.fixed()) {
      if (h >= 1 && h <= 7) {
        h += 12;
        pmDefaulted = true;
      } else if (h >= 8 && h <= 11) {
        bareMorning = true;
      }
    }
    if (h > 23) {
      return null;
    }
    return new Clock(
        LocalTime.of(h, r.minute()),
        r.minutes() ? Duration.ofMinutes(1) : Duration.ofHours(1),
        r.minutes() ? Grain.MINUTE : Grain.HOUR,
        false,
        pmDefaulted,
        bareMorning);
  }

  private static @Nullable Meaning point(String text) {
    Raw r = raw(text);
    return r == null ? null : Meaning.clock(clock(r));
  }

  private static final LocalTime EVENING_END = LocalTime.of(21, 0);
  private static final LocalTime MORNING_START = LocalTime.of(8, 0);

  private static @Nullable Meaning openAfter(String text) {
    Raw r = raw(text);
    Clock c = r == null ? null : clock(r);
    if (c == null) {
      return null;
    }
    Duration length =
        c.start().isBefore(LocalTime.of(20, 0))
            ? Duration.between(c.start(), EVENING_END)
            : Duration.ofHours(1);
    return Meaning.clock(
        new Clock(
            c.start(),
            length,
            c.grain() == Grain.MINUTE ? Grain.MINUTE : Grain.HOUR,
            false,
            c.pmDefaulted(),
            c.bareMorning()));
  }

  private static @Nullable Meaning openBefore(String text) {
    Raw r = raw(text);
    Clock c = r == null ? null : clock(r);
    if (c == null) {
      return null;
    }
    LocalTime start =
        c.start().isAfter(LocalTime.of(9, 0)) ? MORNING_START : c.start().minusHours(1);
    if (start.isAfter(c.start())) {
      return null;
    }
    return Meaning.clock(
        new Clock(
            start,
            Duration.between(start, c.start()),
            c.grain() == Grain.MINUTE ? Grain.MINUTE : Grain.HOUR,
            false,
            c.pmDefaulted(),
            c.bareMorning()));
  }

  /** A verb that moves an appointment: "from 10 to 11" then names the old and the new time. */
  private static final Pattern MOVE_VERB =
      Pattern.compile(
          "\\b(?:move|change|reschedule|push|bring|postpone|shift|swap|deplacer|decaler|changer"
              + "|reporter|avancer|repousser|modifier|spostare|spostarl[oa]|cambiare|anticipare"
              + "|posticipare|rimandare|rinviare|deplac|decal)");

  private static final Pattern AVAILABLE =
      Pattern.compile(
          "\\b(?:dispo|disponibles?|libres?|available|free|disponibil[ei]|liber[oa]|entre|between"
              + "|any ?time|n'importe|qualsiasi)\\b");

  private static @Nullable Meaning moveOrInterval(Matcher m, Context c) {
    if (MOVE_VERB.matcher(c.text()).find() && !AVAILABLE.matcher(c.text()).find()) {
      return point(m.group("b"));
    }
    return interval(m.group("a"), m.group("b"));
  }

  private static @Nullable Meaning interval(String from, String to) {
    Raw a = raw(from);
    Raw b = raw(to);
    if (a == null || b == null) {
      return null;
    }
    if (a.meridiem() == Raw.NONE && !a.fixed() && b.meridiem() != Raw.NONE) {
      if (b.meridiem() == Raw.AM) {
        a = a.meridiem(Raw.AM);
      } else {
        Clock cb = clock(b);
        if (cb != null && a.hour() < 12 && a.hour() + 12 < cb.start().getHour()) {
          a = a.meridiem(Raw.PM);
        } else {
          a = new Raw(a.hour(), a.minute(), a.minutes(), Raw.NONE, true);
        }
      }
    }
    Clock ca = clock(a);
    Clock cb = clock(b);
    if (ca == null || cb == null) {
      return null;
    }
    if (a.hour() < b.hour() && !ca.start().isBefore(cb.start())) {
      return Meaning.BLOCKER; // "de 1 à 10": a scale, not hours
    }
    if (!cb.start().isAfter(ca.start()) && b.meridiem() == Raw.NONE && cb.start().getHour() < 12) {
      cb = clock(b.meridiem(Raw.PM));
    }
    if (cb == null || !cb.start().isAfter(ca.start())) {
      return null;
    }
    Grain grain = a.minutes() || b.minutes() ? Grain.MINUTE : Grain.HOUR;
    return Meaning.clock(
        new Clock(
            ca.start(),
            Duration.between(ca.start(), cb.start()),
            grain,
            false,
            ca.pmDefaulted() || cb.pmDefaulted(),
            ca.bareMorning() && cb.bareMorning()));
  }
}
