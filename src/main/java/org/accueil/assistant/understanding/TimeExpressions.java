package org.accueil.assistant.understanding;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.accueil.assistant.understanding.TimeGrammar.Atom;
import org.accueil.assistant.understanding.TimeGrammar.Clock;
import org.accueil.assistant.understanding.TimeGrammar.Day;
import org.accueil.assistant.understanding.TimeGrammar.Meaning;
import org.jspecify.annotations.Nullable;

/**
 * Dates and times in a patient's words, relative to "now" in the practice's zone. Free of Spring.
 *
 * <p>Deterministic and explainable: the text is folded once ({@link TimeText}), the language's
 * rules ({@link TimeGrammar}) find atoms (a day, a clock time, a part of day...), the longest atoms
 * win where they overlap, neighbouring atoms separated only by little words ("vendredi à 14h",
 * "tomorrow morning", "domani alle 15") join into one expression, and each expression resolves to a
 * {@link When}. See docs/ASSISTANT.md, "Dates and times".
 */
public final class TimeExpressions {

  private TimeExpressions() {}

  /** One time expression found: its span in the text as given, and what it means. */
  public record Found(int start, int end, String text, When when) {}

  /**
   * The time {@code text} asks for, or empty when it names none. When it names two ("move Friday to
   * Monday", "pas vendredi mais lundi"), the requested one.
   */
  public static Optional<When> requested(String text, Locale language, ZonedDateTime now) {
    return request(text, language, now).map(Request::when);
  }

  /**
   * The time asked for, and whether it is asked for in place of another the message names: "not
   * Wednesday but Thursday", "push tomorrow's appointment to the 19th", "martedì non posso,
   * mercoledì?". Two times offered as alternatives ("tomorrow at 10 or Thursday") are not.
   */
  public record Request(When when, boolean insteadOfAnother) {}

  /** {@link #requested} with whether the time replaces another one named. */
  public static Optional<Request> request(String text, Locale language, ZonedDateTime now) {
    String folded = TimeText.fold(text);
    List<Group> groups = groups(folded, language, now);
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    int[] choice = chosen(groups, folded, language);
    When when = onTheDayNamed(groups, choice[0], now.getZone());
    // A later time that only narrows the first ("the 18th? Morning preferably") replaces nothing.
    When first = groups.getFirst().when();
    boolean narrows = !when.start().isBefore(first.start()) && !when.end().isAfter(first.end());
    return Optional.of(new Request(when, choice[1] == 1 || (choice[0] > 0 && !narrows)));
  }

  /** Every time expression in {@code text}, in order, to explain what was understood. */
  public static List<Found> all(String text, Locale language, ZonedDateTime now) {
    String folded = TimeText.fold(text);
    List<Found> found = new ArrayList<>();
    for (Group g : groups(folded, language, now)) {
      found.add(new Found(g.start(), g.end(), text.substring(g.start(), g.end()), g.when()));
    }
    return List.copyOf(found);
  }

  // ---------------------------------------------------------------------------------------------

  /** {@code time}: the group's clock time when it names no day, to put on another group's day. */
  private record Group(int start, int end, When when, @Nullable Clock time, @Nullable Day day) {}

  /**
   * A time without a day next to another expression with one is on that day: "pas à 10h demain,
   * plutôt 14h", "I can't come at 10 tomorrow, can we do 2pm?".
   */
  private static When onTheDayNamed(List<Group> groups, int chosen, ZoneId zone) {
    Group g = groups.get(chosen);
    if (g.time() == null) {
      return g.when();
    }
    for (int distance = 1; distance < groups.size(); distance++) {
      for (int i : new int[] {chosen - distance, chosen + distance}) {
        if (i >= 0 && i < groups.size()) {
          Day day = groups.get(i).day();
          if (day != null && day.single()) {
            return on(day.from(), g.time(), zone);
          }
        }
      }
    }
    return g.when();
  }

  private static final Pattern CONNECTOR =
      Pattern.compile(
          "[\\s,;:.()@\\-]*(?:(?:a|au|aux|at|of|on|le|la|l'|les|il|lo|the|in|du|de|d'|des|di|del|della|dell'"
              + "|nel|nella|dans|vers|verso|around|about|for|pour|per|en|this|ce|cet|cette|alle|ore"
              + "|sur|et|and|e|by|say|ideally|idealement|de preference|preferably|preferibilmente"
              + "|possibly|magari|plutot|maybe|peut-etre|svp|please|pls|si possible|if possible"
              + "|se possibile|early|tot|tard|late|piuttosto|ou bien|h|sometime|anytime|any time"
              + "|mettons|disons|diciamo|tipo|genre|like|ehm|euh|um|uh"
              + "|after school|after work|apres l'ecole|apres le travail|apres le boulot"
              + "|dopo la scuola|dopo scuola|dopo il lavoro)[\\s,;:.()@\\-]*)*");

  /**
   * Words just before a time that make it a duration or a past time: "depuis 3h", "every 4 hours".
   */
  private static final Pattern NOT_A_REQUEST =
      Pattern.compile(
          "\\b(?:depuis|since|il y a|(?:ca|cela) fait|pendant|durant|during|toutes les|tous les|every|ogni|per circa"
              + "|da circa|for the past|for the last|negli ultimi|ces derniers|\\d+\\s?(?:kg|kilos?|lbs?|pounds|livres|chili)\\s*)\\s*"
              + "(?:le |la |l'|the |il |les |les derniers |lo )?$");

  /** A medicine taken at a part of day is a habit, not a request: "10 mg le soir". */
  private static final Pattern DOSE =
      Pattern.compile(
          "\\b(?:\\d+\\s?(?:mg|ml|g|mcg|ui|gouttes|drops|gocce)|comprimes?|gelules?|cachets?|pilules?"
              + "|medicaments?|traitement|pills?|tablets?|capsules?|medicines?|medications?|meds|dose"
              + "|compresse|pastiglie|pillola|farmac[oi]|medicin[ae]|terapia|ramipril|doliprane"
              + "|paracetamol|ibuprofen|insulin[ea]?)\\b");

  private static boolean habit(String folded, int start, int end) {
    int from = start;
    while (from > 0 && ".?!;,\n".indexOf(folded.charAt(from - 1)) < 0) {
      from--;
    }
    int to = end;
    while (to < folded.length() && ".?!;,\n".indexOf(folded.charAt(to)) < 0) {
      to++;
    }
    return DOSE.matcher(folded.substring(from, to)).find();
  }

  /** A part of day that says it is today's: "ce soir", "this afternoon", "stasera". */
  private static final Pattern TODAY_WORD =
      Pattern.compile(
          "\\b(?:ce|cet|cette|this|questo|questa|sto|sta|tonight|tonite|stasera|stamattina|stamani"
              + "|stamane|stanotte|oggi|today)\\b");

  /** Italian "da stamattina": since this morning. */
  private static final Pattern SINCE_IT = Pattern.compile("\\b(?:da|dal|dalla)\\s*$");

  /** Words right after a number of hours that make it a duration: "2h de route", "8h par nuit". */
  private static final Pattern DURATION_AFTER =
      Pattern.compile(
          "^\\s*(?:(?:de|d'|of|di)\\s*(?:route|trajet|transport|voiture|train|attente|sommeil"
              + "|travail|sport|marche|sleep|driving|travel|work|waiting|viaggio|macchina|treno"
              + "|attesa|sonno|lavoro)|par (?:jour|nuit|semaine)|a (?:day|night|week)|per (?:day"
              + "|night|week|notte|settimana)|al giorno|a notte|a settimana|que j|che)\\b");

  private static List<Group> groups(String folded, Locale language, ZonedDateTime now) {
    List<Atom> atoms = TimeGrammar.atoms(folded, language, now);
    if (atoms.isEmpty()) {
      return List.of();
    }
    atoms.sort(
        Comparator.comparingInt(Atom::length)
            .reversed()
            .thenComparing(Comparator.comparingInt(Atom::priority).reversed())
            .thenComparingInt(Atom::start));
    List<Atom> kept = new ArrayList<>();
    for (Atom a : atoms) {
      boolean overlaps = false;
      for (Atom k : kept) {
        if (a.start() < k.end() && k.start() < a.end()) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps) {
        kept.add(a);
      }
    }
    kept.sort(Comparator.comparingInt(Atom::start));
    List<Group> groups = new ArrayList<>();
    Builder current = null;
    for (Atom a : kept) {
      Meaning m = a.meaning();
      boolean skipped =
          m.blocker()
              || NOT_A_REQUEST
                  .matcher(folded.substring(Math.max(0, a.start() - 25), a.start()))
                  .find()
              || (m.part() != null
                  && m.day() == null
                  && m.clock() == null
                  && SINCE_IT
                      .matcher(folded.substring(Math.max(0, a.start() - 8), a.start()))
                      .find())
              || (m.clock() != null
                  && m.day() == null
                  && DURATION_AFTER.matcher(folded.substring(a.end())).find());
      if (skipped) {
        close(current, groups, now, folded);
        current = null;
        continue;
      }
      if (current != null
          && current.accepts(m)
          && a.start() - current.end <= 30
          && CONNECTOR.matcher(folded.substring(current.end, a.start())).matches()) {
        current.add(a);
      } else {
        close(current, groups, now, folded);
        current = new Builder(a);
      }
    }
    close(current, groups, now, folded);
    return groups;
  }

  private static final class Builder {
    int start;
    int end;
    @Nullable Day day;
    @Nullable Clock clock;
    @Nullable Clock part;
    @Nullable ZonedDateTime at;
    boolean needsDay;

    Builder(Atom a) {
      start = a.start();
      end = a.end();
      add(a);
    }

    boolean accepts(Meaning m) {
      return at == null
          && m.at() == null
          && !(m.day() != null && day != null)
          && !(m.clock() != null && clock != null)
          && !(m.part() != null && part != null);
    }

    void add(Atom a) {
      Meaning m = a.meaning();
      end = a.end();
      if (m.day() != null) {
        day = m.day();
      }
      if (m.clock() != null) {
        clock = m.clock();
      }
      if (m.part() != null) {
        part = m.part();
        needsDay = needsDay || m.needsDay();
      }
      if (m.clock() != null && m.needsDay()) {
        needsDay = true;
      }
      if (m.at() != null) {
        at = m.at();
      }
    }

    @Nullable When when(ZonedDateTime now) {
      ZoneId zone = now.getZone();
      if (at != null) {
        return new When(at.toOffsetDateTime(), at.plusMinutes(1).toOffsetDateTime(), Grain.MINUTE);
      }
      Clock time = clock;
      if (time != null && part != null) {
        time = time.within(part);
      } else if (time == null) {
        time = part;
      }
      if (day != null) {
        if (time == null || !day.single()) {
          return new When(
              ZonedDateTime.of(day.from().atStartOfDay(), zone).toOffsetDateTime(),
              ZonedDateTime.of(day.to().atStartOfDay(), zone).toOffsetDateTime(),
              day.grain());
        }
        return on(day.from(), time, zone);
      }
      if (time == null || needsDay) {
        return null;
      }
      LocalDate today = now.toLocalDate();
      When when = on(today, time, zone);
      boolean point =
          !time.part()
              && (time.length().equals(Duration.ofMinutes(1))
                  || time.length().equals(Duration.ofHours(1)));
      boolean ahead =
          point
              ? when.start().toInstant().isAfter(now.toInstant())
              : when.end().toInstant().isAfter(now.toInstant());
      return ahead ? when : on(today.plusDays(1), time, zone);
    }
  }

  private static When on(LocalDate date, Clock time, ZoneId zone) {
    LocalDateTime start = LocalDateTime.of(date, time.start());
    return new When(
        ZonedDateTime.of(start, zone).toOffsetDateTime(),
        ZonedDateTime.of(start.plus(time.length()), zone).toOffsetDateTime(),
        time.grain());
  }

  private static void close(
      @Nullable Builder b, List<Group> groups, ZonedDateTime now, String folded) {
    if (b == null) {
      return;
    }
    if (b.day == null && b.at == null && habit(folded, b.start, b.end)) {
      return;
    }
    When when = b.when(now);
    if (when != null) {
      Clock time = null;
      if (b.day == null
          && b.at == null
          && !TODAY_WORD.matcher(folded.substring(b.start, b.end)).find()) {
        time =
            b.clock != null && b.part != null
                ? b.clock.within(b.part)
                : b.clock != null ? b.clock : b.part;
      }
      groups.add(new Group(b.start, b.end, when, time, b.day));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Two dates: the requested one

  private static final String ARTICLES =
      "(?:\\s+(?:le|la|l'|les|the|on|il|lo|un|une|an|next|this|ce|cette|sur|du|del|prossimo"
          + "|questo|sometime|maybe|peut-etre|magari|plutot|rather|perhaps|it|le rendez-vous|rdv"
          + "|lo|me|it|them|later|earlier|plus tard|plus tot|piu tardi|piu presto))*\\s*[,:]?\\s*$";

  // A move verb right before the time counts as a marker too: "riuscite a spostarlo alle 16?".
  private static final Pattern MOVE_FR =
      Pattern.compile(
          "(?:^|[\\s,])(?:a|au|aux|pour|plutot|mais|decaler|deplacer|avancer|reporter|repousser)"
              + ARTICLES);
  private static final Pattern MOVE_EN =
      Pattern.compile(
          "(?:^|[\\s,])(?:to|for|instead|rather|but|into|move|moving|push|bump|reschedule)"
              + ARTICLES);
  private static final Pattern MOVE_IT =
      Pattern.compile(
          "(?:^|[\\s,])(?:a|ad|al|alla|per|invece|piuttosto|ma|spostar(?:e|lo|la|mi)"
              + "|anticipar(?:e|lo|la)|posticipar(?:e|lo|la)|rimandar(?:e|lo|la))"
              + ARTICLES);

  private static final Pattern MOVE_START_FR = Pattern.compile("^(?:a|au|aux|pour)\\s");
  private static final Pattern MOVE_START_EN = Pattern.compile("^(?:to|for)\\s");
  private static final Pattern MOVE_START_IT = Pattern.compile("^(?:a|al|alla|per)\\s");

  private static final Pattern STRONG =
      Pattern.compile(
          "\\b(?:plutot|mais|a la place|finalement|en fait|instead|rather|but|actually|invece"
              + "|piuttosto|ma|anzi|alla fine)\\b(?!\\s+(?:que|qu'|of|than|di|che|del|dello))");

  private static final Pattern NEGATED =
      Pattern.compile(
          "(?:\\b(?:pas|non|not|no|ni|nor|sauf|except|tranne|anziche|invece di|invece che"
              + "|piuttosto che|plutot que|au lieu de|au lieu du|instead of|rather than|than"
              + "|can't do|cannot do|can't make)\\b|n't|n'|\\bne)(?:\\s+\\S+){0,3}\\s*[,:]?\\s*$");

  /** A refusal right after a time ("mardi je ne peux pas", "Tuesday doesn't work"): that time. */
  private static final Pattern REFUSED_AFTER =
      Pattern.compile(
          "^\\s*,?\\s*(?:non|not|no|nope|pas|ne|n'|je ne|je peux pas|j'peux pas|jpeux pas|impossible"
              + "|c'est pas|ca va pas|ca ne va pas|ne va pas|doesn't|does not|don't|won't|isn't"
              + "|is not|can't|cannot|is no good|no good|doesn't suit|is bad|non va|non mi va"
              + "|non riesco|non posso|è impossibile|e impossibile)\\b");

  private static final Pattern AFTER_MARK =
      Pattern.compile(
          "^\\s*,?\\s*(?:instead|rather|plutot|a la place|invece|piuttosto|de preference"
              + "|preferably|preferibilmente)\\b(?!\\s+(?:of|than|que|di|che))");

  /**
   * The index of the requested group, and 1 when another one was refused ("pas mardi", "Tuesday
   * doesn't work"), else 0.
   */
  private static int[] chosen(List<Group> groups, String folded, Locale language) {
    if (groups.size() == 1) {
      return new int[] {0, 0};
    }
    Pattern move =
        switch (language.getLanguage()) {
          case "fr" -> MOVE_FR;
          case "it" -> MOVE_IT;
          default -> MOVE_EN;
        };
    Pattern moveStart =
        switch (language.getLanguage()) {
          case "fr" -> MOVE_START_FR;
          case "it" -> MOVE_START_IT;
          default -> MOVE_START_EN;
        };
    boolean[] refused = new boolean[groups.size()];
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      int to = i + 1 < groups.size() ? groups.get(i + 1).start() : folded.length();
      refused[i] = REFUSED_AFTER.matcher(folded.substring(g.end(), to)).find();
    }
    int firstCandidate = -1;
    int lastMarked = -1;
    boolean skipped = false;
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      int from = i == 0 ? Math.max(0, g.start() - 40) : groups.get(i - 1).end();
      String gap = folded.substring(from, g.start());
      int to = i + 1 < groups.size() ? groups.get(i + 1).start() : folded.length();
      String after = folded.substring(g.end(), to);
      boolean negationIsPrevious = i > 0 && refused[i - 1];
      if (refused[i]
          || (!negationIsPrevious && NEGATED.matcher(gap).find() && !STRONG.matcher(gap).find())) {
        skipped = true;
        continue;
      }
      if (firstCandidate < 0) {
        firstCandidate = i;
      }
      if (move.matcher(gap).find()
          || moveStart.matcher(folded.substring(g.start(), g.end())).find()
          || STRONG.matcher(gap).find()
          || AFTER_MARK.matcher(after).find()) {
        lastMarked = i;
      }
    }
    int index = lastMarked >= 0 ? lastMarked : firstCandidate >= 0 ? firstCandidate : 0;
    if (lastMarked < 0 && groups.get(index).when().grain() == Grain.DAY) {
      // "bump my appt tomorrow to earlier? around 8:30 instead of 11": the clock time asked for
      // goes on the day named (onTheDayNamed), it is what is asked.
      for (int i = index + 1; i < groups.size(); i++) {
        Group g = groups.get(i);
        int from = groups.get(i - 1).end();
        boolean negated =
            refused[i]
                || (!refused[i - 1]
                    && NEGATED.matcher(folded.substring(from, g.start())).find()
                    && !STRONG.matcher(folded.substring(from, g.start())).find());
        if (!negated && g.time() != null) {
          index = i;
          break;
        }
      }
    }
    return new int[] {index, skipped ? 1 : 0};
  }
}
