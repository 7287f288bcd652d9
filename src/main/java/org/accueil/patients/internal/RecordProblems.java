package org.accueil.patients.internal;

import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.platform.ProblemException;
import org.springframework.http.HttpStatus;

/** Why a record cannot change: it was erased, or merged into another. */
public final class RecordProblems {

  private RecordProblems() {}

  public static ProblemException erased(PatientId id) {
    return ProblemException.of(HttpStatus.CONFLICT, "patient-erased")
        .messageCode("problem.patient-erased.record")
        .detail("The patient {0} was erased at their request: their record cannot change.", id)
        .build();
  }

  /** A tombstone: the person's record is the one it was merged into. */
  public static ProblemException merged(Patient tombstone) {
    return ProblemException.of(HttpStatus.CONFLICT, "patient-merged")
        .detail(
            "The record {0} was merged into {1}: work on {1} instead.",
            tombstone.id(), tombstone.mergedInto())
        .with("mergedInto", String.valueOf(tombstone.mergedInto()))
        .build();
  }
}
