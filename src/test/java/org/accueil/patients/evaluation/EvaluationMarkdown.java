package org.accueil.patients.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.accueil.patients.evaluation.MatchEvaluation.Band;
import org.accueil.patients.evaluation.MatchEvaluation.Outcomes;
import org.accueil.patients.evaluation.MatchEvaluation.WrongLink;
import org.accueil.patients.evaluation.Query.Kind;
import org.jspecify.annotations.Nullable;

/** A {@link MatchEvaluation} as Markdown tables, the way docs/PERFORMANCE.md shows results. */
final class EvaluationMarkdown {

  private final MatchEvaluation evaluation;
  private final StringBuilder text = new StringBuilder();

  EvaluationMarkdown(MatchEvaluation evaluation) {
    this.evaluation = evaluation;
  }

  String render() {
    var population = evaluation.population();
    int queries = population.queries().size();
    line("Registry of %,d synthetic patients, %,d queries.", population.registry().size(), queries);
    line("");
    line("| band | precision | recall | F1 | true pos. | false pos. | false neg. |");
    line("|---|---|---|---|---|---|---|");
    band("auto-link (MATCH, first candidate)", evaluation.autoLink());
    band("match or possible (truth in first 3)", evaluation.matchOrPossible());
    line("");
    line(
        "Sent to staff (POSSIBLE): %s of queries (%,d of %,d).",
        percent(evaluation.possibleShare()), evaluation.possibleCount(), queries);
    line("");
    line("| target | result | met? |");
    line("|---|---|---|");
    double precision = evaluation.autoLink().precision();
    double f1 = evaluation.autoLink().f1();
    line(
        "| auto-link precision ≥ %s | %s | %s |",
        MatchEvaluation.TARGET_PRECISION,
        number(precision),
        yes(precision >= MatchEvaluation.TARGET_PRECISION));
    line(
        "| auto-link F1 ≥ %s | %s | %s |",
        MatchEvaluation.TARGET_F1, number(f1), yes(f1 >= MatchEvaluation.TARGET_F1));
    int hard = evaluation.hardNegativesAutoLinked();
    line("| hard negatives auto-linked = 0 | %d | %s |", hard, yes(hard == 0));
    line("");
    kinds();
    corruptions("Same person, by corruption", evaluation.samePersonByCorruption(), true);
    counts();
    corruptions("Hard negatives, by corruption", evaluation.hardNegativesByCorruption(), false);
    wrongLinks();
    return text.toString();
  }

  private void kinds() {
    line("#### By query kind");
    line("");
    line(
        "| kind | queries | linked right | linked wrong | possible, truth in first 3 | possible, other | none |");
    line("|---|---|---|---|---|---|---|");
    for (Kind kind : Kind.values()) {
      Outcomes o = evaluation.byKind(kind);
      if (o.queries() > 0) {
        line(
            "| %s | %,d | %,d | %,d | %,d | %,d | %,d |",
            kind,
            o.queries(),
            o.linkedRight(),
            o.linkedWrong(),
            o.possibleRight(),
            o.possibleOther(),
            o.none());
      }
    }
    line("");
  }

  private void corruptions(String title, Map<String, Outcomes> rows, boolean samePerson) {
    if (rows.isEmpty()) {
      return;
    }
    line("#### %s", title);
    line("");
    if (samePerson) {
      line("| corruption | queries | auto-link recall | match-or-possible recall | linked wrong |");
      line("|---|---|---|---|---|");
      rows.forEach(
          (label, o) ->
              line(
                  "| %s | %,d | %s | %s | %,d |",
                  label,
                  o.queries(),
                  number(o.autoLinkRecall()),
                  number(o.matchOrPossibleRecall()),
                  o.linkedWrong()));
    } else {
      line("| corruption | queries | auto-linked (must be 0) | possible |");
      line("|---|---|---|---|");
      rows.forEach(
          (label, o) ->
              line("| %s | %,d | %,d | %,d |", label, o.queries(), o.autoLinked(), o.possible()));
    }
    line("");
  }

  private void counts() {
    line("#### Same person, by number of corruptions (phone format and missing sex aside)");
    line("");
    line("| corruptions | queries | auto-link recall | match-or-possible recall | linked wrong |");
    line("|---|---|---|---|---|");
    evaluation
        .samePersonByCorruptionCount()
        .forEach(
            (count, o) ->
                line(
                    "| %d | %,d | %s | %s | %,d |",
                    count,
                    o.queries(),
                    number(o.autoLinkRecall()),
                    number(o.matchOrPossibleRecall()),
                    o.linkedWrong()));
    line("");
  }

  private void wrongLinks() {
    List<WrongLink> links = evaluation.wrongAutoLinks();
    line("#### First wrong auto-links (synthetic people)");
    line("");
    if (links.isEmpty()) {
      line("None.");
      return;
    }
    line("| query | kind | given as | linked to | truth | corruptions |");
    line("|---|---|---|---|---|---|");
    for (WrongLink link : links) {
      line(
          "| %d | %s | %s | %s | %s | %s |",
          link.queryIndex(),
          link.query().kind(),
          person(link.query().details()),
          person(link.linked()),
          link.truth() == null ? "not registered" : person(link.truth()),
          String.join(", ", link.query().corruptions()));
    }
  }

  private static String person(@Nullable SyntheticPerson p) {
    if (p == null) {
      return "";
    }
    return String.format(
            Locale.ROOT,
            "%s %s%s, %s, %s, %s, %s",
            p.givenName(),
            p.familyName(),
            p.birthFamilyName() == null ? "" : " (born " + p.birthFamilyName() + ")",
            p.birthDate(),
            p.sex() == null ? "sex not given" : p.sex(),
            p.phone() == null ? "no phone" : p.phone(),
            p.email() == null ? "no e-mail" : p.email())
        .replace("|", "\\|");
  }

  private void band(String name, Band band) {
    line(
        "| %s | %s | %s | %s | %,d | %,d | %,d |",
        name,
        number(band.precision()),
        number(band.recall()),
        number(band.f1()),
        band.truePositives(),
        band.falsePositives(),
        band.falseNegatives());
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static String percent(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", value * 100);
  }

  private static String yes(boolean met) {
    return met ? "yes" : "**no**";
  }

  private void line(String format, Object... arguments) {
    text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
  }
}
