package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.app.Initiator;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.OutboxDestination;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientIdentifier;
import org.accueil.patients.Patients;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.accueil.questionnaires.Questionnaires;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers {@code hl7v2} outbox rows to the configured peer with HAPI's MLLP client (an SIU for an
 * {@code appointment:<id>} row, an ORU^R01 for a {@code questionnaire-response:<id>} row), and
 * reads its ACK (v2.5.1 section 2.9, original and enhanced mode alike):
 *
 * <ul>
 *   <li>AA / CA: delivered.
 *   <li>AE / CE (an error in the message): sent again {@code attempts-on-error} times, in case the
 *       peer's error was passing (a record locked), then dead-lettered.
 *   <li>AR / CR: rejected. For a message type, event, processing id or version the peer does not
 *       take (ERR codes 200-203) that is final: dead-lettered at once. Otherwise (HL7 uses AR for
 *       "system down" too) sent again with the outbox's backoff.
 *   <li>No connection, no ACK in time: sent again with the outbox's backoff.
 * </ul>
 *
 * <p>MSH-10 is derived from the row's idempotency key, the same on every attempt, so a message sent
 * again after a lost ACK or a crash is recognised by the peer's own deduplication.
 */
@Component
class Hl7v2Destination implements OutboxDestination {

  private static final Logger log = LoggerFactory.getLogger(Hl7v2Destination.class);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** The key prefix of the rows of completed forms (written by the FHIR side's router). */
  static final String QUESTIONNAIRE_RESPONSE = "questionnaire-response:";

  private final Hl7v2Properties properties;
  private final Patients patients;
  private final PracticeDirectory practice;
  private final Hl7Mappings mappings;
  private final Hl7Links links;
  private final JsonMapper json;
  private final Clock clock;
  private final SiuWriter writer;
  private final OruWriter results;
  private final Questionnaires questionnaires;
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hl7v2-client-", 0).factory());
  private final HapiContext context =
      Hl7Contexts.newContext(executor, new Hl7Contexts.ConnectingSockets(CONNECT_TIMEOUT));

  Hl7v2Destination(
      Hl7v2Properties properties,
      Patients patients,
      PracticeDirectory practice,
      Hl7Mappings mappings,
      Hl7Links links,
      JsonMapper json,
      Clock clock,
      Questionnaires questionnaires) {
    this.properties = properties;
    this.patients = patients;
    this.practice = practice;
    this.mappings = mappings;
    this.links = links;
    this.json = json;
    this.clock = clock;
    this.writer = new SiuWriter(properties);
    this.results = new OruWriter(properties, writer);
    this.questionnaires = questionnaires;
  }

  @Override
  public boolean handles(String destination) {
    return SiuOutboxWriter.DESTINATION.equals(destination);
  }

  /** {@code outbound.backoff} when set (shorter in tests, longer for a peer down every night). */
  @Override
  public List<Duration> backoff() {
    List<Duration> configured = properties.outbound().backoff();
    return configured == null ? OutboxDestination.super.backoff() : configured;
  }

  @Override
  public Duration timeout() {
    return CONNECT_TIMEOUT.plus(properties.outbound().ackTimeout()).plusSeconds(5);
  }

  /** The peer accepts a connection (closed at once, before any message). */
  @Override
  public boolean answers(String destination) throws IOException {
    Hl7v2Properties.Outbound peer = properties.outbound();
    if (!peer.enabled()) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(peer.host(), peer.port()), (int) CONNECT_TIMEOUT.toMillis());
      return true;
    }
  }

  @Override
  public Delivery deliver(OutboxMessage row) throws Exception {
    Hl7v2Properties.Outbound peer = properties.outbound();
    if (!peer.enabled()) {
      return new Delivery.Failed(
          "No HL7 v2 peer is configured (accueil.integration.hl7v2.outbound.host and port).");
    }
    Message siu;
    if (row.key().startsWith(QUESTIONNAIRE_RESPONSE)) {
      Optional<Message> oru = result(row);
      if (oru.isEmpty()) {
        return Delivery.delivered(); // erased since: nothing to send
      }
      siu = oru.get();
    } else {
      siu = message(row, json.readValue(row.payload(), SiuPayload.class));
    }
    Connection connection;
    try {
      connection = context.newClient(peer.host(), peer.port(), false);
    } catch (Exception e) {
      return Delivery.retry(
          "Cannot connect to " + peer.host() + ":" + peer.port() + ": " + e.getMessage());
    }
    Message ack;
    try {
      Initiator initiator = connection.getInitiator();
      initiator.setTimeout(peer.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
      ack = initiator.sendAndReceive(siu);
    } catch (Exception e) {
      // The connection may be half dead: the next attempt opens a new one.
      context.getConnectionHub().discard(connection);
      return Delivery.retry("No ACK from " + peer.host() + ":" + peer.port() + ": " + describe(e));
    }
    return outcome(ack, row);
  }

  /** The ORU^R01 of a completed form; empty when the response was erased since it was written. */
  private Optional<Message> result(OutboxMessage row) throws Exception {
    UUID response = UUID.fromString(json.readTree(row.payload()).path("responseId").asString());
    Optional<Questionnaires.ForEhr> found = questionnaires.forEhr(response);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    var form = found.get();
    Optional<Patient> patient =
        patients.current(form.answers().patient()).filter(p -> !patients.isErased(p.id()));
    List<PatientIdentifier> identifiers =
        patient.map(p -> patients.record(p).identifiers()).orElse(List.of());
    return Optional.of(
        results.write(
            context.getPipeParser(),
            form.answers(),
            form.questionnaire(),
            ControlIds.of(row.idempotencyKey()),
            patient.orElse(null),
            identifiers,
            practice.snapshot().zone(),
            clock.instant()));
  }

  private Message message(OutboxMessage row, SiuPayload payload) throws Exception {
    Optional<Patient> patient =
        patients.current(PatientId.of(payload.patient())).filter(p -> !patients.isErased(p.id()));
    List<PatientIdentifier> identifiers =
        patient.map(p -> patients.record(p).identifiers()).orElse(List.of());
    PracticeSnapshot snapshot = practice.snapshot();
    SiuWriter.Practice names =
        new SiuWriter.Practice(
            snapshot.appointmentType(AppointmentTypeId.of(payload.type())).orElse(null),
            snapshot.provider(ProviderId.of(payload.provider())).orElse(null),
            snapshot.location(LocationId.of(payload.location())).orElse(null),
            mappings);
    return writer.write(
        context.getPipeParser(),
        payload,
        ControlIds.of(row.idempotencyKey()),
        links.fillerIdOf(payload.appointment()).orElse(null),
        patient.orElse(null),
        identifiers,
        names,
        clock.instant());
  }

  private Delivery outcome(Message ack, OutboxMessage row) throws Exception {
    Terser terser = new Terser(ack);
    String code = value(terser, "/MSA-1");
    String errorCode = value(terser, "/ERR-3-1");
    String text =
        firstOf(value(terser, "/ERR-8"), value(terser, "/MSA-3"), value(terser, "/ERR-3-2"));
    String said =
        code + (errorCode == null ? "" : " " + errorCode) + (text == null ? "" : ": " + text);
    switch (code == null ? "" : code.toUpperCase(Locale.ROOT)) {
      case "AA", "CA" -> {
        return Delivery.delivered();
      }
      case "AE", "CE" -> {
        if (row.attempt() < properties.outbound().attemptsOnError()) {
          return Delivery.retry("The peer answered " + said);
        }
        return new Delivery.Failed(
            "The peer answered " + said + " " + row.attempt() + " times; given up.");
      }
      case "AR", "CR" -> {
        if (errorCode != null && List.of("200", "201", "202", "203").contains(errorCode)) {
          return new Delivery.Failed("The peer does not take this message: " + said);
        }
        return Delivery.retry("The peer rejected it for now: " + said);
      }
      default -> {
        return Delivery.retry("Unexpected acknowledgement: " + said);
      }
    }
  }

  private static @Nullable String value(Terser terser, String path) {
    try {
      String v = terser.get(path);
      return v == null || v.isBlank() ? null : v.strip();
    } catch (Exception e) {
      return null;
    }
  }

  @SafeVarargs
  private static <T> @Nullable T firstOf(@Nullable T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  @PreDestroy
  void close() {
    context.getConnectionHub().discardAll();
    try {
      context.close();
    } catch (IOException e) {
      log.debug("Closing the HAPI context", e);
    }
    executor.shutdownNow();
  }
}
