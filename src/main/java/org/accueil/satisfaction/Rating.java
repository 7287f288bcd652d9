package org.accueil.satisfaction;

import java.util.UUID;

/** What became of a patient's rating: recorded, or refused with the reason. */
public sealed interface Rating {

  /**
   * @param low handed to staff to call the patient back
   */
  record Recorded(UUID request, int score, boolean low) implements Rating {}

  /** Answered before: the first answer stands. */
  record AlreadyAnswered(UUID request) implements Rating {}

  /** No such request for this patient (another patient's, withdrawn, or none), or out of 1–5. */
  record NotRecorded() implements Rating {}
}
