package org.accueil.disruptions;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.accueil.disruptions.Disruption.Action;
import org.accueil.patients.PatientId;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentId;
import org.jspecify.annotations.Nullable;

/**
 * One appointment inside a disruption's blocked time, and where its patient is.
 *
 * @param channel the channel the patient is expected on when listed, then the one the message went
 *     out on; null when none reaches them
 * @param consent whether the patient accepts appointment messages on that channel
 * @param reachedAt when the message with the alternatives went out
 * @param escalateAt when an unanswered patient goes to the staff's call list
 * @param escalation why the patient is on the call list
 * @param rounds how many sets of alternatives were offered
 * @param offers the times held for the patient now, in the order offered
 */
public record AffectedPatient(
    UUID disruption,
    AppointmentId appointment,
    PatientId patient,
    Instant originalStart,
    Instant originalEnd,
    Action action,
    State state,
    @Nullable String channel,
    boolean consent,
    @Nullable Instant reachedAt,
    @Nullable Instant answeredAt,
    @Nullable Instant escalateAt,
    @Nullable String escalation,
    @Nullable Instant newStart,
    @Nullable ProviderId newProvider,
    int rounds,
    List<OfferedTime> offers) {

  /** The same row with the times held for the patient. */
  public AffectedPatient withOffers(List<OfferedTime> held) {
    return new AffectedPatient(
        disruption,
        appointment,
        patient,
        originalStart,
        originalEnd,
        action,
        state,
        channel,
        consent,
        reachedAt,
        answeredAt,
        escalateAt,
        escalation,
        newStart,
        newProvider,
        rounds,
        List.copyOf(held));
  }

  /** A time held for the patient. */
  public record OfferedTime(int position, AppointmentId hold, Instant start, ProviderId provider) {}

  /** Where the patient is; it only moves forward. */
  public enum State {
    /** Listed; the practice may still choose what to offer before patients are contacted. */
    PLANNED,
    /** To be contacted by the next pass. */
    PENDING,
    /** The alternatives are on their way or sent; waiting for the patient's answer. */
    OFFERED,
    REBOOKED,
    CANCELLED,
    /** No answer by the deadline, no channel, or nothing free: on the staff's call list. */
    UNANSWERED,
    /** Staff called the patient and closed the row. */
    SETTLED;

    @JsonValue
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static State ofCode(String code) {
      return Arrays.stream(values())
          .filter(s -> s.code().equals(code))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("Unknown state " + code));
    }

    /** Still being worked on: the appointment is not yet moved, cancelled or settled. */
    public boolean open() {
      return this == PLANNED || this == PENDING || this == OFFERED || this == UNANSWERED;
    }
  }
}
