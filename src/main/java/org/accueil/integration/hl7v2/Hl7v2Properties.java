package org.accueil.integration.hl7v2;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.integration.hl7v2.*}: HL7 v2.5.1 SIU over MLLP. See docs/INTEGRATION.md.
 *
 * @param sendingApplication MSH-3 of what we send, and the assigning authority of our ids (SCH-1,
 *     our patient id in PID-3)
 * @param sendingFacility MSH-4 of what we send
 * @param mapping the peer's ids of our providers, locations and appointment types
 */
@ConfigurationProperties("accueil.integration.hl7v2")
public record Hl7v2Properties(
    @DefaultValue Inbound inbound,
    @DefaultValue Outbound outbound,
    @DefaultValue("ACCUEIL") String sendingApplication,
    @DefaultValue("ACCUEIL") String sendingFacility,
    @DefaultValue Mapping mapping) {

  /** The destination of the outbox rows for the HL7 v2 peer (SIU and ORU messages). */
  public static final String DESTINATION = "hl7v2";

  /**
   * The MLLP listener.
   *
   * @param port null: no listener (the default); 0: any free port (tests)
   * @param bindAddress the local address it listens on
   * @param identifierSystem the system (as in {@code patients.Identifier}) of a PID-3 identifier
   *     whose assigning authority is not in {@code identifierSystems}: the practice's MRN by
   *     default, which a practice-management system usually assigns
   * @param identifierSystems PID-3 assigning authority (CX-4, its namespace id) to our system
   * @param pollInterval how often the worker looks for messages stored by other nodes, and for
   *     messages waiting for an earlier one
   * @param waitForBooking how many times a cancellation or no-show of an appointment not known yet
   *     is tried again (1 s, 2 s, 4 s ... 30 s apart) before it is set aside: its booking may still
   *     be on its way
   * @param retention how long a message is kept once applied, refused or set aside (failed ones
   *     included: the time staff have to act on them); pending ones are always kept
   */
  public record Inbound(
      @Nullable Integer port,
      @DefaultValue("0.0.0.0") String bindAddress,
      @DefaultValue("mrn") String identifierSystem,
      @DefaultValue Map<String, String> identifierSystems,
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("10") int waitForBooking,
      @DefaultValue("30d") Duration retention) {

    public boolean enabled() {
      return port != null;
    }
  }

  /**
   * The peer our bookings are sent to.
   *
   * @param host null: nothing is sent (the default)
   * @param receivingApplication MSH-5
   * @param receivingFacility MSH-6
   * @param processingId MSH-11: P (production), T (training), D (debugging)
   * @param ackTimeout how long to wait for the ACK of one message
   * @param attemptsOnError how many times a message answered AE is sent before it is given up
   * @param backoff the waits between attempts when the peer is down or does not answer; null: the
   *     outbox's default (1 s, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h)
   */
  public record Outbound(
      @Nullable String host,
      @DefaultValue("0") int port,
      @DefaultValue("") String receivingApplication,
      @DefaultValue("") String receivingFacility,
      @DefaultValue("P") String processingId,
      @DefaultValue("10s") Duration ackTimeout,
      @DefaultValue("3") int attemptsOnError,
      @Nullable List<Duration> backoff) {

    public Outbound {
      if (backoff != null) {
        if (backoff.isEmpty() || backoff.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
          throw new IllegalArgumentException(
              "accueil.integration.hl7v2.outbound.backoff must list at least one positive"
                  + " duration (e.g. 1s,5s,30s,2m), not "
                  + backoff);
        }
        backoff = List.copyOf(backoff);
      }
    }

    public boolean enabled() {
      return host != null && !host.isBlank() && port > 0;
    }
  }

  /**
   * The peer's ids (AIP-3, AIL-3, AIS-3 / SCH-8) of our providers, locations and appointment types,
   * as {@code remote id -> our id}. An id missing here is taken to be ours when it is one (a peer
   * that learned our ids from what we send).
   *
   * @param defaultAppointmentType for a booking whose type is not mapped: our appointment type id,
   *     else the provider's only type, else the booking is set aside for staff
   */
  public record Mapping(
      @DefaultValue Map<String, String> providers,
      @DefaultValue Map<String, String> locations,
      @DefaultValue Map<String, String> appointmentTypes,
      @Nullable String defaultAppointmentType) {}
}
