package org.accueil.patients;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.internal.Candidates;
import org.accueil.patients.internal.DuplicateRepository;
import org.accueil.patients.internal.PatientRepository;
import org.accueil.patients.internal.Registrar;
import org.accueil.patients.matching.Band;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff's review queue: provisional records to confirm, and pairs of records that may be one
 * person, to merge or to tell apart for good.
 */
@Service
public class DuplicateReview {

  private final DuplicateRepository duplicates;
  private final PatientRepository patients;
  private final Candidates candidates;
  private final Registrar registrar;
  private final Audit audit;
  private final Clock clock;

  DuplicateReview(
      DuplicateRepository duplicates,
      PatientRepository patients,
      Candidates candidates,
      Registrar registrar,
      Audit audit,
      Clock clock) {
    this.duplicates = duplicates;
    this.patients = patients;
    this.candidates = candidates;
    this.registrar = registrar;
    this.audit = audit;
    this.clock = clock;
  }

  /** Provisional records awaiting review, oldest first. */
  public List<Patient> provisional(int limit) {
    return patients.provisional(limit);
  }

  /** Open pairs whose records are both still live, oldest first. */
  public List<PossibleDuplicate> open(int limit) {
    return duplicates.open(limit);
  }

  public PossibleDuplicate find(UUID id) {
    return duplicates.find(id).orElseThrow(() -> ProblemException.notFound("duplicate", id));
  }

  /** The staff decided the two records are two people: the pair is not asked again. */
  @Transactional
  public PossibleDuplicate distinct(UUID id) {
    PossibleDuplicate pair = find(id);
    if (!pair.status().equals("open")) {
      throw ProblemException.of(HttpStatus.CONFLICT, "duplicate-decided")
          .detail("The pair {0} was decided already ({1}).", id, pair.status())
          .build();
    }
    duplicates.decide(
        pair.patient().value(),
        pair.candidate().value(),
        "distinct",
        Actor.current().reference(),
        clock.instant());
    audit.success(
        "patient.duplicate.distinct",
        "patient",
        pair.patient().value(),
        Map.of("candidate", pair.candidate().value(), "duplicate", id));
    return find(id);
  }

  /**
   * Compares a record with the rest of the registry (after an import or a correction) and queues
   * every record it may duplicate; records the matcher would link are queued too, since two records
   * already exist.
   */
  @Transactional
  public MatchResult scan(PatientId id) {
    var traits = candidates.traitsOf(List.of(id.value())).get(id.value());
    if (traits == null) {
      throw ProblemException.notFound("patient", id);
    }
    MatchResult result = registrar.duplicatesOf(traits, id.value());
    for (MatchResult.Candidate candidate : result.candidates()) {
      if (candidate.band() != Band.NONE) {
        duplicates.record(
            id.value(),
            candidate.patientId().value(),
            new org.accueil.patients.matching.Comparison(
                candidate.score(), candidate.band(), candidate.fields(), candidate.notes()),
            clock.instant());
      }
    }
    audit.success(
        "patient.duplicate.scan",
        "patient",
        id.value(),
        Map.of("found", result.candidates().size()));
    return result;
  }
}
