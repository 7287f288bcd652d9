package org.accueil.disruptions;

import org.accueil.scheduling.Appointment;

/** What a patient's answer to a disruption's offer did. */
public sealed interface ReplyOutcome {

  /** Moved into the time chosen. */
  record Moved(Appointment appointment) implements ReplyOutcome {}

  record Cancelled(Appointment appointment) implements ReplyOutcome {}

  /**
   * New times held: the one chosen was taken meanwhile ({@code taken}), or the patient asked for
   * another day or time.
   */
  record Offered(AffectedPatient patient, boolean taken) implements ReplyOutcome {}

  /** Nothing free when the patient asked; the times offered before are still held. */
  record NothingThen(AffectedPatient patient) implements ReplyOutcome {}

  /** Nothing left to offer: the patient is on the staff's call list. */
  record ToStaff(AffectedPatient patient) implements ReplyOutcome {}

  /** The row is no longer open (answered already, or settled by staff). */
  record Closed(AffectedPatient patient) implements ReplyOutcome {}
}
