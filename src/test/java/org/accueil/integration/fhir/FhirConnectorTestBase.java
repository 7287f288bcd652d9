package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.accueil.integration.EhrSandbox;
import org.accueil.integration.mapping.IntegrationLink;
import org.accueil.integration.mapping.LinkedResource;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.Source;
import org.accueil.scheduling.model.Slot;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Accueil connected to the test EHR (a HAPI FHIR JPA server in a JVM of its own) through {@link
 * EhrProxy}, subscriptions and polling on, as a practice would run it. One context for every test
 * class extending this; each test works on a clinic of its own.
 */
@AccueilTest
@TestPropertySource(
    properties = {
      "accueil.integration.fhir.enabled=true",
      "accueil.integration.fhir.create-missing-practitioners=true",
      "accueil.integration.fhir.subscription.secret=" + FhirConnectorTestBase.SECRET,
      "accueil.integration.fhir.reconciliation.enabled=false",
      "accueil.integration.fhir.read-timeout=5s",
      // The tests' HL7 v2 peer may be down for a minute here (EhrOutageTests): the tests' short
      // backoff, then waits long enough to outlast it (about 4 minutes in all).
      "accueil.integration.hl7v2.outbound.backoff=200ms,500ms,1s,2s,5s,10s,30s,1m,2m"
    })
abstract class FhirConnectorTestBase {

  static final String SECRET = "the-subscription-secret";
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final String OUR_APPOINTMENTS = "https://accueil.health/sid/appointment";
  static final String OUR_PATIENTS = "https://accueil.health/sid/patient";

  /** Accueil's port: the EHR's subscriptions call it, so it is known before the context starts. */
  static final int PORT = freePort();

  private static EhrProxy proxy;

  @DynamicPropertySource
  static void ehr(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("accueil.integration.fhir.base-url", () -> proxy().baseUrl());
    registry.add(
        "accueil.integration.fhir.subscription.public-url", () -> "http://127.0.0.1:" + PORT);
  }

  static synchronized EhrProxy proxy() {
    if (proxy == null) {
      proxy = new EhrProxy(EhrSandbox.shared().baseUrl());
    }
    return proxy;
  }

  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired Availability availability;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired EhrLinks links;
  @Autowired FhirSubscriptions subscriptions;
  @Autowired FhirEhr ehr;

  ClinicFixture clinic;

  @BeforeEach
  void aClinicOfOurOwnAndTheRealTime() {
    clock.reset();
    clinic = ClinicFixture.create(admin);
  }

  IGenericClient sandbox() {
    return EhrSandbox.shared().client();
  }

  /** A weekday {@code days} from today (Sunday skipped) at this time in Paris. */
  static Instant dayAt(int days, int hour, int minute) {
    LocalDate date = LocalDate.now(PARIS).plusDays(days);
    if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
      date = date.plusDays(1);
    }
    return date.atTime(LocalTime.of(hour, minute)).atZone(PARIS).toInstant();
  }

  static PatientDetails newPatient() {
    String tag = Tags.letters();
    return new PatientDetails(
        "Lea" + tag, "Martin" + tag, LocalDate.of(1987, 3, 14), null, tag + "@example.org");
  }

  Appointment book(Instant start, PatientDetails patient) {
    return book(start, null, patient);
  }

  /** A booking for a patient Accueil knows already. */
  Appointment book(Instant start, PatientId patient) {
    return book(start, patient, null);
  }

  private Appointment book(
      Instant start, @Nullable PatientId patientId, @Nullable PatientDetails patient) {
    var result =
        appointments.book(
            new BookAppointment(
                null,
                clinic.consultation.id(),
                clinic.provider.id(),
                start,
                clinic.site.id(),
                patientId,
                patient,
                null,
                Source.STAFF,
                "test"));
    assertThat(result).isInstanceOf(BookingResult.Success.class);
    return ((BookingResult.Success<Appointment>) result).value();
  }

  /** The EHR's id of our appointment, once the outbox delivered it. */
  String awaitPushed(AppointmentId id) {
    return awaitPushed(id, Duration.ofSeconds(30));
  }

  String awaitPushed(AppointmentId id, Duration limit) {
    return await(
        "appointment " + id + " in the EHR",
        limit,
        () -> links.byLocal(LinkedResource.APPOINTMENT, id.value()).map(IntegrationLink::remoteId));
  }

  /** The EHR's resources of this type carrying the identifier. */
  static <T extends Resource> List<T> inEhr(Class<T> type, String system, String value) {
    Bundle found =
        EhrSandbox.shared()
            .client()
            .search()
            .forResource(type)
            .where(new TokenClientParam("identifier").exactly().systemAndCode(system, value))
            .returnBundle(Bundle.class)
            .execute();
    return found.getEntry().stream().map(e -> type.cast(e.getResource())).toList();
  }

  /** Free start times of the clinic's consultation on the day of {@code day}. */
  List<Instant> freeStarts(Instant day) {
    LocalDate date = LocalDate.ofInstant(day, PARIS);
    return availability
        .freeSlots(
            new SlotSearch(
                clinic.consultation.id(),
                date,
                date,
                Set.of(clinic.provider.id()),
                null,
                null,
                500))
        .stream()
        .map(Slot::start)
        .toList();
  }

  /** A patient in the EHR, as its front desk registers one. */
  String ehrPatient() {
    String tag = Tags.letters();
    var patient = new org.hl7.fhir.r4.model.Patient();
    patient.addName().setFamily("Dupont" + tag).addGiven("Jean" + tag);
    patient.setGender(AdministrativeGender.MALE);
    patient.setBirthDate(java.sql.Date.valueOf(LocalDate.of(1970, 5, 20)));
    patient.addIdentifier().setSystem("urn:oid:1.2.250.1.71.4.2.1").setValue("MRN" + tag);
    return sandbox().create().resource(patient).execute().getId().getIdPart();
  }

  /** The clinic's provider as the EHR knows them (made by the connector on first need). */
  String ehrPractitioner() {
    return push().practitioner(clinic.provider).getReferenceElement().getIdPart();
  }

  @Autowired AppointmentPush push;

  AppointmentPush push() {
    return push;
  }

  /** An appointment booked in the EHR by its own front desk. */
  String ehrAppointment(String practitioner, String patient, Instant start, int minutes) {
    var appointment = new org.hl7.fhir.r4.model.Appointment();
    appointment.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);
    appointment.setStart(Date.from(start));
    appointment.setEnd(Date.from(start.plus(Duration.ofMinutes(minutes))));
    appointment
        .addParticipant()
        .setActor(new Reference("Patient/" + patient))
        .setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
    appointment
        .addParticipant()
        .setActor(new Reference("Practitioner/" + practitioner))
        .setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
    return sandbox().create().resource(appointment).execute().getId().getIdPart();
  }

  /** Cancels an appointment in the EHR, as its front desk would. */
  void cancelInEhr(String remoteId) {
    var current =
        sandbox()
            .read()
            .resource(org.hl7.fhir.r4.model.Appointment.class)
            .withId(remoteId)
            .execute();
    current.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.CANCELLED);
    sandbox().update().resource(current).execute();
  }

  /** Waits for {@code probe} to give a value; fails after {@code limit}. */
  static <T> T await(String what, Duration limit, Supplier<Optional<T>> probe) {
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      assertThat(Instant.now()).as(what + " within " + limit).isBefore(deadline);
      pause(20);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes the subscriptions if start-up could not, and waits until the EHR says they are active.
   */
  void awaitSubscriptionsActive() {
    if (!subscriptions.statuses().values().stream().allMatch("active"::equals)
        || subscriptions.statuses().isEmpty()) {
      subscriptions.register();
    }
    await(
        "the EHR's subscriptions active",
        Duration.ofSeconds(60),
        () ->
            subscriptions.statuses().size() == FhirSubscriptions.CRITERIA.size()
                    && subscriptions.statuses().values().stream().allMatch("active"::equals)
                ? Optional.of(true)
                : Optional.empty());
  }

  /**
   * Waits until the outbox has nothing left for the EHR: a test that makes the network misbehave
   * then acts on its own deliveries only.
   */
  void awaitOutboxIdle() {
    await(
        "the outbox idle",
        Duration.ofSeconds(120),
        () ->
            jdbc.sql(
                            "SELECT count(*) FROM integration_outbox WHERE destination = 'fhir'"
                                + " AND state IN ('pending', 'delivering')")
                        .query(Integer.class)
                        .single()
                    == 0
                ? Optional.of(true)
                : Optional.empty());
  }

  /** How the inbox got its last change of this resource. */
  Optional<String> inboxSource(String type, String id) {
    return jdbc.sql(
            "SELECT source FROM fhir_inbox WHERE resource_type = :type AND resource_id = :id"
                + " AND applied_at IS NOT NULL ORDER BY id DESC LIMIT 1")
        .param("type", type)
        .param("id", id)
        .query(String.class)
        .optional();
  }

  static UUID uuid(String value) {
    return UUID.fromString(value);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
