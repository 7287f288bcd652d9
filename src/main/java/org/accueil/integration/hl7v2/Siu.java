package org.accueil.integration.hl7v2;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What Accueil reads in an SIU message (v2.5.1 chapter 10, structure SIU_S12), as sent: times are
 * still DTM text, since a time without an offset is read in the zone of the location it names.
 *
 * @param event S12 ... S26
 * @param fillerId SCH-2.1, the peer's id of the appointment or block: the ordering key
 * @param placerId SCH-1.1, ours when the appointment was booked here
 * @param placerAuthority SCH-1.2
 * @param start TQ1-7, else AIS-4, AIP-6, AIL-6, SCH-11.4
 * @param end TQ1-8, else start + duration
 * @param duration AIS-7/8, else AIP-9/10, AIL-9/10, SCH-9/10
 * @param personnel AIP-3.1 of every personnel resource
 * @param locations AIL-3.1 (point of care) and AIL-3.4 (facility) of every location resource
 * @param services AIS-3.1, SCH-8.1 and SCH-7.1: what may name the appointment type
 * @param fillerStatus SCH-25.1 (table 0278)
 * @param reason SCH-6 text (else its identifier): the record of a cancellation, the reason of a
 *     block (S23)
 */
record Siu(
    String event,
    String fillerId,
    @Nullable String placerId,
    @Nullable String placerAuthority,
    @Nullable String start,
    @Nullable String end,
    @Nullable Duration duration,
    List<String> personnel,
    List<String> locations,
    List<String> services,
    @Nullable String fillerStatus,
    @Nullable String reason,
    @Nullable Pid patient) {

  /** The events Accueil acts on. S18-S22 (one resource of an appointment) and S25 are not. */
  static final Set<String> SUPPORTED =
      Set.of("S12", "S13", "S14", "S15", "S16", "S17", "S23", "S24", "S26");

  /** Whether the message describes an appointment's time (rather than ending it). */
  boolean describesTime() {
    return switch (event) {
      case "S12", "S13", "S14", "S23" -> true;
      default -> false;
    };
  }

  boolean isBlock() {
    return event.equals("S23") || event.equals("S24");
  }

  /**
   * The patient segment.
   *
   * @param birthDate PID-7 as sent
   */
  record Pid(
      List<PatientIdentifier> identifiers,
      @Nullable String familyName,
      @Nullable String givenName,
      @Nullable String birthDate,
      @Nullable String sex,
      @Nullable String phone) {

    @Override
    public String toString() {
      return "Pid[…]";
    }
  }

  /**
   * One PID-3 repetition.
   *
   * @param authority CX-4.1, the namespace of the assigning authority
   * @param type CX-5, the identifier type code (MR, PI, NI ...)
   */
  record PatientIdentifier(String value, @Nullable String authority, @Nullable String type) {

    @Override
    public String toString() {
      return "PatientIdentifier[" + authority + "]";
    }
  }
}
