package org.accueil.patients.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Identifier;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.imports.Counts.Outcome;
import org.accueil.patients.imports.FileIndex.Target;
import org.accueil.patients.internal.IdentifierRepository;
import org.accueil.patients.internal.Registrar;
import org.accueil.patients.matching.Band;
import org.accueil.patients.matching.Decision;
import org.accueil.patients.matching.Traits;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What importing a row would do, changing nothing: the row checked as a registration is, then
 * matched as the registrar would match it, against the registry and against the rows of the file
 * before it (which a real import will have registered by then).
 */
@Component
class RowPlanner {

  /** What a row would come to; the reasons when it is refused. */
  record Plan(Outcome outcome, @Nullable BadRow bad) {}

  private final RowChecks checks;
  private final Registrar registrar;
  private final IdentifierRepository identifiers;

  RowPlanner(RowChecks checks, Registrar registrar, IdentifierRepository identifiers) {
    this.checks = checks;
    this.registrar = registrar;
    this.identifiers = identifiers;
  }

  Plan plan(ImportRow row, FileIndex file) {
    PatientDetails clean;
    switch (checks.check(row)) {
      case RowChecks.Invalid(List<BadRow.Error> errors) -> {
        return new Plan(Outcome.INVALID, new BadRow(row.number(), row.line(), errors));
      }
      case RowChecks.Valid(PatientDetails valid) -> clean = valid;
    }
    String fingerprint = Fingerprint.of(clean, row.recordId());
    if (file.repeated(fingerprint) != null) {
      return new Plan(Outcome.LINKED, null);
    }
    Traits traits = Registrar.traits(clean);
    Map<Target, Decision.Scored<Target>> best = new LinkedHashMap<>();
    for (var scored : registrar.decide(clean, row.recordId()).candidates()) {
      keepBest(
          best, new Decision.Scored<>(Target.existing(scored.candidate()), scored.comparison()));
    }
    file.candidates(traits).forEach(scored -> keepBest(best, scored));
    Decision<Target> decision = Decision.of(new ArrayList<>(best.values()), 5);
    Target target =
        decision.band() == Band.MATCH
            ? decision.candidates().getFirst().candidate()
            : Target.createdBy(row.number());

    List<BadRow.Error> conflicts = identifierConflicts(row, clean, target, file);
    if (!conflicts.isEmpty()) {
      return new Plan(Outcome.INVALID, new BadRow(row.number(), row.line(), conflicts));
    }
    file.add(row.number(), traits, target, fingerprint);
    return new Plan(
        switch (decision.band()) {
          case MATCH -> Outcome.LINKED;
          case POSSIBLE -> Outcome.POSSIBLE_DUPLICATE;
          case NONE -> Outcome.CREATED;
        },
        null);
  }

  private static void keepBest(
      Map<Target, Decision.Scored<Target>> best, Decision.Scored<Target> scored) {
    best.merge(
        scored.candidate(),
        scored,
        (a, b) -> a.comparison().score() >= b.comparison().score() ? a : b);
  }

  /**
   * An identifier of the row held by another record than the row's, in the registry or by an
   * earlier row of the file: the registrar refuses such a row, so the plan does.
   */
  private List<BadRow.Error> identifierConflicts(
      ImportRow row, PatientDetails clean, Target target, FileIndex file) {
    List<BadRow.Error> errors = new ArrayList<>();
    List<Identifier> list = clean.identifiersOrNone();
    for (int i = 0; i < list.size(); i++) {
      Identifier identifier = list.get(i);
      String field = row.field("identifiers[" + i + "].value");
      Optional<UUID> holder = identifiers.holder(identifier);
      if (holder.isPresent() && !holder.get().equals(target.existing())) {
        errors.add(checks.error(field, Registrar.identifierTaken(identifier, holder.get())));
        continue;
      }
      String key = identifier.system() + "|" + identifier.value();
      Target claimed = file.holder(key);
      if (claimed != null && !claimed.equals(target)) {
        errors.add(checks.error(field, repeated(identifier, file.holderRow(key))));
      }
    }
    return errors;
  }

  private static ProblemException repeated(Identifier identifier, @Nullable Integer row) {
    return ProblemException.of(HttpStatus.CONFLICT, "import-identifier-repeated")
        .detail(
            "This {0} identifier is also on row {1} of the file, for someone else: one of the two"
                + " rows is wrong.",
            identifier.system(), String.valueOf(row))
        .build();
  }
}
