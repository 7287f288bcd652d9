package org.accueil.integration.fhir.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.accueil.demo.DemoPractice;
import org.accueil.integration.fhir.FhirClients;
import org.accueil.integration.fhir.FhirSlotSearch;
import org.accueil.integration.fhir.FhirValidation;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Demo;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Accueil's FHIR API as an integrator uses it, with HAPI's generic client over HTTP: the practice,
 * slots that match the REST API's, {@code $find} → {@code $hold} → {@code $book}, the booking
 * rules, fifty callers on one slot, cancelling. Everything the API answers validates against FHIR
 * R4.
 *
 * <p>"Now" is Monday 19 April 2027, 07:00 in Paris. Only this class books that week; the demo
 * practice's bookings are Dr Johnson's, the others each on a clinic of their own.
 */
@AccueilTest
class FhirApiTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDate MONDAY = LocalDate.of(2027, 4, 19);

  @Autowired Api api;
  @Autowired Demo demo;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;
  @Autowired AuditEvents audit;

  final FhirValidation validation = FhirValidation.r4();
  IGenericClient fhir;

  @BeforeEach
  void mondayMorning() {
    clock.setParis(MONDAY.atTime(7, 0));
    fhir = FhirClients.accueil(api.baseUrl(), Api.ADMIN_KEY);
  }

  @Test
  void theCapabilityStatementIsOpenToAllAndNamesTheSchedulingOperations() {
    CapabilityStatement statement =
        FhirClients.accueil(api.baseUrl(), null)
            .capabilities()
            .ofType(CapabilityStatement.class)
            .execute();

    var appointment =
        statement.getRestFirstRep().getResource().stream()
            .filter(r -> r.getType().equals("Appointment"))
            .findFirst()
            .orElseThrow();
    assertThat(appointment.getOperation())
        .extracting(o -> o.getName())
        .contains("find", "hold", "book");
    assertThat(statement.getRestFirstRep().getResource())
        .extracting(r -> r.getType())
        .contains(
            "Practitioner",
            "Location",
            "HealthcareService",
            "Schedule",
            "Slot",
            "Appointment",
            "Patient");
    assertThat(statement.getRestFirstRep().getSecurity().getDescription()).contains("Bearer");
    validation.assertValid(statement);
  }

  @Test
  void thePracticeReadsAsPractitionersLocationsServicesAndSchedules() {
    DemoPractice practice = demo.practice();
    String johnson = practice.drJohnson().id().toString();

    Practitioner practitioner = fhir.read().resource(Practitioner.class).withId(johnson).execute();
    Bundle practitioners =
        fhir.search().forResource(Practitioner.class).returnBundle(Bundle.class).execute();
    var location =
        fhir.read()
            .resource(org.hl7.fhir.r4.model.Location.class)
            .withId(practice.location().id().toString())
            .execute();
    Bundle services =
        fhir.search()
            .byUrl("HealthcareService?service-type=new-patient-visit")
            .returnBundle(Bundle.class)
            .execute();
    Bundle schedules =
        fhir.search()
            .forResource(Schedule.class)
            .where(Schedule.ACTOR.hasId("Practitioner/" + johnson))
            .returnBundle(Bundle.class)
            .execute();

    assertThat(practitioner.getNameFirstRep().getText()).isEqualTo("Dr Marc Johnson");
    assertThat(practitioners.getEntry()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(location.getName()).isEqualTo(DemoPractice.NAME);
    assertThat(location.getHoursOfOperation()).isNotEmpty();
    assertThat(services.getEntry()).hasSize(1);
    HealthcareService service = (HealthcareService) services.getEntryFirstRep().getResource();
    assertThat(service.getName()).isEqualTo("New-patient visit");
    assertThat(schedules.getEntry()).hasSize(1);
    Schedule schedule = (Schedule) schedules.getEntryFirstRep().getResource();
    assertThat(schedule.getIdElement().getIdPart()).isEqualTo(johnson);
    assertThat(schedule.getServiceType())
        .extracting(c -> c.getCodingFirstRep().getCode())
        .contains("follow-up", "new-patient-visit");
    validation.assertValid(List.of(practitioner, location, service, schedule));
    validation.assertValid(practitioners);
  }

  @Test
  void slotSearchGivesTheSlotsTheRestApiGivesForTheSameQuestion() {
    DemoPractice practice = demo.practice();
    String johnson = practice.drJohnson().id().toString();
    String followUp = practice.type("follow-up").id().toString();

    List<Slot> overFhir =
        FhirSlotSearch.free(
            fhir,
            johnson,
            MONDAY.atStartOfDay(PARIS).toInstant(),
            MONDAY.plusDays(5).atStartOfDay(PARIS).toInstant(),
            "follow-up");
    Bundle byDays =
        fhir.search()
            .byUrl(
                "Slot?schedule=Schedule/%s&service-type=%s|follow-up&start=ge%s&start=lt%s"
                    .formatted(
                        johnson,
                        "urn:accueil:fhir:CodeSystem:appointment-type",
                        MONDAY,
                        MONDAY.plusDays(5)))
            .returnBundle(Bundle.class)
            .execute();
    var overRest =
        api.get(
            "/api/v1/slots?appointmentType=%s&from=%s&to=%s&provider=%s"
                .formatted(followUp, MONDAY, MONDAY.plusDays(4), johnson));

    assertThat(overRest.status()).isEqualTo(200);
    List<Instant> rest = new ArrayList<>();
    overRest
        .body()
        .forEach(s -> rest.add(OffsetDateTime.parse(s.get("start").asString()).toInstant()));
    assertThat(rest).hasSizeGreaterThan(50);
    assertThat(overFhir).extracting(s -> s.getStart().toInstant()).containsExactlyElementsOf(rest);
    assertThat(byDays.getEntry())
        .extracting(e -> ((Slot) e.getResource()).getStart().toInstant())
        .containsExactlyElementsOf(rest);
    assertThat(overFhir)
        .allSatisfy(
            slot -> {
              assertThat(slot.getStatus()).isEqualTo(Slot.SlotStatus.FREE);
              assertThat(slot.getSchedule().getReference()).isEqualTo("Schedule/" + johnson);
            });
    validation.assertValid(overFhir.subList(0, 3));
    validation.assertValid(byDays);
  }

  @Test
  void slotSearchesPageByCountAndOffsetWithNothingKeptBetweenPages() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    String provider = clinic.provider.id().toString();
    Instant from = MONDAY.atStartOfDay(PARIS).toInstant();
    Instant to = MONDAY.plusDays(6).atStartOfDay(PARIS).toInstant();

    List<Slot> inOnePage = FhirSlotSearch.free(fhir, provider, from, to, null);
    List<Slot> bySeven = FhirSlotSearch.free(fhir, provider, from, to, null, 7);
    Bundle first =
        fhir.search()
            .byUrl(
                "Slot?schedule=Schedule/%s&start=ge%s&start=lt%s&_count=7"
                    .formatted(provider, MONDAY, MONDAY.plusDays(6)))
            .returnBundle(Bundle.class)
            .execute();

    // Monday to Saturday, a 30-minute visit every 15 minutes from 08:00 to 17:30.
    assertThat(inOnePage).hasSize(6 * 39);
    assertThat(bySeven)
        .extracting(Slot::getIdElement)
        .extracting(id -> id.getIdPart())
        .containsExactlyElementsOf(
            inOnePage.stream().map(s -> s.getIdElement().getIdPart()).toList());
    assertThat(first.getEntry()).hasSize(7);
    assertThat(first.getTotal()).isEqualTo(inOnePage.size());
    assertThat(first.getLink(Bundle.LINK_NEXT).getUrl()).contains("_offset=7");
  }

  @Test
  void aSearchOverMoreThan31DaysIsRefusedWithAnOperationOutcomeThatSaysSo() {
    String johnson = demo.practice().drJohnson().id().toString();

    var refused =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                fhir.search()
                    .byUrl(
                        "Slot?schedule=Schedule/%s&start=ge2027-04-19&start=lt2027-06-01"
                            .formatted(johnson))
                    .returnBundle(Bundle.class)
                    .execute());

    assertThat(refused.getStatusCode()).isEqualTo(400);
    OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
    assertThat(outcome.getIssueFirstRep().getDiagnostics())
        .contains("at most 31 days")
        .contains("start=ge2027-04-19&start=lt2027-05-20");
    validation.assertValid(outcome);
  }

  @Test
  void findHoldThenBookAndTheAppointmentIsReadListedAndTheSameOverRest() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    String provider = clinic.provider.id().toString();
    String patient = registeredPatient(null);
    LocalDate tuesday = MONDAY.plusDays(1);

    Bundle proposals = find(clinic, tuesday.toString(), tuesday.toString(), null);
    Appointment first = (Appointment) proposals.getEntryFirstRep().getResource();
    Appointment held =
        operation("$hold", in().add("appt-id", new StringType(first.getIdElement().getIdPart())));
    Appointment readHold =
        fhir.read().resource(Appointment.class).withId(held.getIdElement().getIdPart()).execute();
    boolean slotStillOffered = freeStarts(clinic, tuesday).contains(first.getStart().toInstant());
    Appointment booked =
        operation(
            "$book",
            in().add("appt-id", new StringType("Appointment/" + held.getIdElement().getIdPart()))
                .add("patient-id", new StringType("Patient/" + patient)));

    assertThat(proposals.getEntry()).isNotEmpty();
    assertThat(first.getStatus()).isEqualTo(Appointment.AppointmentStatus.PROPOSED);
    assertThat(first.getStart().toInstant())
        .isEqualTo(tuesday.atTime(8, 0).atZone(PARIS).toInstant());
    assertThat(held.getStatus()).isEqualTo(Appointment.AppointmentStatus.PENDING);
    assertThat(held.getExtensionByUrl("urn:accueil:fhir:StructureDefinition:hold-expires"))
        .isNotNull();
    assertThat(readHold.getStatus()).isEqualTo(Appointment.AppointmentStatus.PENDING);
    assertThat(slotStillOffered).as("a held time is not offered").isFalse();
    assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
    assertThat(booked.getIdElement().getIdPart()).isEqualTo(held.getIdElement().getIdPart());
    assertThat(booked.getStart()).isEqualTo(first.getStart());
    assertThat(booked.getParticipant())
        .extracting(p -> p.getActor().getReference())
        .containsExactlyInAnyOrder(
            "Patient/" + patient, "Practitioner/" + provider, "Location/" + clinic.site.id());

    String id = booked.getIdElement().getIdPart();
    Appointment read = fhir.read().resource(Appointment.class).withId(id).execute();
    Bundle byPatient =
        fhir.search()
            .byUrl("Appointment?patient=Patient/%s&date=%s".formatted(patient, tuesday))
            .returnBundle(Bundle.class)
            .execute();
    Bundle byIdentifier =
        fhir.search()
            .byUrl("Appointment?identifier=urn:ietf:rfc:3986|urn:uuid:" + id)
            .returnBundle(Bundle.class)
            .execute();
    Bundle cancelledOnly =
        fhir.search()
            .byUrl(
                "Appointment?practitioner=Practitioner/%s&date=%s&status=cancelled"
                    .formatted(provider, tuesday))
            .returnBundle(Bundle.class)
            .execute();
    var overRest = api.get("/api/v1/appointments/" + id);

    assertThat(read.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
    assertThat(byPatient.getEntry())
        .extracting(e -> e.getResource().getIdElement().getIdPart())
        .containsExactly(id);
    assertThat(byIdentifier.getEntry()).hasSize(1);
    assertThat(cancelledOnly.getEntry()).isEmpty();
    assertThat(overRest.string("status")).isEqualTo("booked");
    assertThat(overRest.string("patientId")).isEqualTo(patient);
    validation.assertValid(List.of(proposals, held, readHold, booked, read, byPatient));

    var again =
        catchThrowableOfType(
            BaseServerResponseException.class,
            () ->
                operation(
                    "$book",
                    in().add("appt-id", new StringType(id))
                        .add("patient-id", new StringType(patient))));
    assertThat(again.getStatusCode()).isEqualTo(409);
    assertThat(problem(again)).isEqualTo("hold-already-booked");
  }

  @Test
  void drJohnsonSeesNewPatientsOnlyOnTuesdayAfternoonsOverFhirToo() {
    DemoPractice practice = demo.practice();
    String johnson = practice.drJohnson().id().toString();

    In question =
        in().add("start", new DateType(MONDAY.toString()))
            .add("end", new DateType(MONDAY.plusDays(4).toString()))
            .add("practitioner", new Reference("Practitioner/" + johnson))
            .add("service-type", new StringType("new-patient-visit"));
    Bundle proposals = operationBundle("$find", question);
    var refused =
        catchThrowableOfType(
            BaseServerResponseException.class,
            () ->
                operation(
                    "$book",
                    in().add(
                            "appt-resource",
                            appointmentAt(johnson, "follow-up", MONDAY.atTime(9, 0)))
                        .add("patient-id", new StringType(registeredPatient(null)))
                        .add("new-patient", new BooleanType(true))));
    Appointment tuesday =
        operation(
            "$book",
            in().add(
                    "appt-resource",
                    appointmentAt(johnson, "follow-up", MONDAY.plusDays(1).atTime(14, 0)))
                .add("patient-id", new StringType(registeredPatient(null)))
                .add("new-patient", new BooleanType(true)));

    assertThat(proposals.getEntry()).isNotEmpty();
    assertThat(proposals.getEntry())
        .extracting(e -> ((Appointment) e.getResource()).getStart().toInstant().atZone(PARIS))
        .allSatisfy(
            start -> {
              assertThat(start.toLocalDate()).isEqualTo(MONDAY.plusDays(1));
              assertThat(start.toLocalTime()).isBetween(LocalTime.of(13, 0), LocalTime.of(17, 15));
            });
    assertThat(refused.getStatusCode()).isEqualTo(422);
    assertThat(problem(refused)).isEqualTo("restricted-by-rule");
    assertThat(text(refused))
        .contains("Dr Johnson sees new patients only on Tuesday afternoons")
        .contains("Tuesday 13:00-18:00");
    assertThat(tuesday.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
    validation.assertValid(proposals);
    validation.assertValid(refused.getOperationOutcome());
    validation.assertValid(tuesday);
  }

  @Test
  void fiftyCallersBookingOneSlotAtOnceMakeOneBookingAndFortyNineClearRefusals() throws Exception {
    ClinicFixture clinic = ClinicFixture.create(admin);
    LocalDate wednesday = MONDAY.plusDays(2);
    Bundle proposals = find(clinic, wednesday.toString(), wednesday.toString(), null);
    Appointment proposal =
        proposals.getEntry().stream()
            .map(e -> (Appointment) e.getResource())
            .filter(
                a ->
                    a.getStart()
                        .toInstant()
                        .equals(wednesday.atTime(10, 0).atZone(PARIS).toInstant()))
            .findFirst()
            .orElseThrow();
    String family = "Racer " + Tags.letters();
    int callers = 50;
    CyclicBarrier together = new CyclicBarrier(callers);
    List<Future<Object>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
      for (int i = 0; i < callers; i++) {
        Appointment mine = proposal.copy();
        mine.addContained(newPatient("p", "Caller " + Tags.letters(i), family, i));
        mine.addParticipant()
            .setActor(new Reference("#p"))
            .setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        futures.add(
            pool.submit(
                () -> {
                  together.await();
                  try {
                    return operation("$book", in().add("appt-resource", mine));
                  } catch (BaseServerResponseException e) {
                    return e;
                  }
                }));
      }
    }
    List<Appointment> booked = new ArrayList<>();
    List<BaseServerResponseException> refused = new ArrayList<>();
    for (Future<Object> future : futures) {
      switch (future.get()) {
        case Appointment a -> booked.add(a);
        case BaseServerResponseException e -> refused.add(e);
        default -> throw new AssertionError();
      }
    }

    assertThat(booked).hasSize(1);
    assertThat(refused)
        .hasSize(callers - 1)
        .allSatisfy(
            e -> {
              assertThat(e.getStatusCode()).as(e.getMessage()).isEqualTo(409);
              assertThat(problem(e)).isEqualTo("slot-taken");
              assertThat(text(e))
                  .contains("is in the way")
                  .contains(booked.getFirst().getIdElement().getIdPart());
              assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getCode())
                  .isEqualTo(OperationOutcome.IssueType.CONFLICT);
            });
    var onTheCalendar =
        api.get(
            "/api/v1/appointments?provider=%s&from=%s&to=%s"
                .formatted(
                    clinic.provider.id(),
                    wednesday.atStartOfDay(PARIS).toInstant(),
                    wednesday.plusDays(1).atStartOfDay(PARIS).toInstant()));
    assertThat(onTheCalendar.body()).hasSize(1);
    // The losers' registrations went with their refused bookings.
    var registered = api.get("/api/v1/patients?familyName=" + family.replace(" ", "%20"));
    assertThat(registered.body()).as(registered.toString()).hasSize(1);
    validation.assertValid(booked.getFirst());
    validation.assertValid(refused.getFirst().getOperationOutcome());
  }

  @Test
  void cancellingByPatchFreesTheSlotForTheNextCaller() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    String provider = clinic.provider.id().toString();
    LocalDate thursday = MONDAY.plusDays(3);
    Instant eleven = thursday.atTime(11, 0).atZone(PARIS).toInstant();
    Appointment booked =
        operation(
            "$book",
            in().add(
                    "appt-resource",
                    appointmentAt(provider, clinic.consultation.code(), thursday.atTime(11, 0)))
                .add("patient-id", new StringType(registeredPatient(null))));
    List<Instant> whileBooked = freeStarts(clinic, thursday);
    String id = booked.getIdElement().getIdPart();

    MethodOutcome patched =
        fhir.patch()
            .withBody(
                """
                [{"op": "replace", "path": "/status", "value": "cancelled"},
                 {"op": "add", "path": "/cancelationReason", "value": {"text": "Patient is abroad"}}]
                """)
            .withId("Appointment/" + id)
            .prefer(PreferReturnEnum.REPRESENTATION)
            .execute();
    Appointment cancelled = (Appointment) patched.getResource();
    List<Instant> afterwards = freeStarts(clinic, thursday);
    var overRest = api.get("/api/v1/appointments/" + id);

    assertThat(whileBooked).doesNotContain(eleven);
    assertThat(cancelled.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
    assertThat(cancelled.getCancelationReason().getText()).isEqualTo("Patient is abroad");
    assertThat(afterwards).contains(eleven);
    assertThat(overRest.string("status")).isEqualTo("cancelled");
    validation.assertValid(cancelled);

    var notACancel =
        catchThrowableOfType(
            BaseServerResponseException.class,
            () ->
                fhir.patch()
                    .withBody(
                        "[{\"op\": \"replace\", \"path\": \"/start\", \"value\": \"2027-04-23T09:00:00+02:00\"}]")
                    .withId("Appointment/" + id)
                    .execute());
    assertThat(notACancel.getStatusCode()).isEqualTo(422);
    assertThat(text(notACancel)).contains("Only cancelling is done by PATCH");
  }

  @Test
  void aHoldIsGivenBackByAFhirPathPatchAndItsSlotReadsFreeAgain() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    LocalDate friday = MONDAY.plusDays(4);
    Appointment proposal =
        (Appointment)
            find(clinic, friday.toString(), friday.toString(), null)
                .getEntryFirstRep()
                .getResource();
    Appointment held = operation("$hold", in().add("appt-resource", proposal));
    String slot = held.getSlotFirstRep().getReference();
    Slot whileHeld = fhir.read().resource(Slot.class).withUrl(slot).execute();

    Parameters patch = new Parameters();
    var operation = patch.addParameter().setName("operation");
    operation.addPart().setName("type").setValue(new CodeType("replace"));
    operation.addPart().setName("path").setValue(new StringType("Appointment.status"));
    operation.addPart().setName("value").setValue(new CodeType("cancelled"));
    MethodOutcome released =
        fhir.patch()
            .withFhirPatch(patch)
            .withId("Appointment/" + held.getIdElement().getIdPart())
            .prefer(PreferReturnEnum.REPRESENTATION)
            .execute();
    Slot afterwards = fhir.read().resource(Slot.class).withUrl(slot).execute();

    assertThat(whileHeld.getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
    assertThat(((Appointment) released.getResource()).getStatus())
        .isEqualTo(Appointment.AppointmentStatus.CANCELLED);
    assertThat(afterwards.getStatus()).isEqualTo(Slot.SlotStatus.FREE);
    assertThat(afterwards.getStart()).isEqualTo(proposal.getStart());
    validation.assertValid(List.of(whileHeld, afterwards, (IBaseResource) released.getResource()));
  }

  @Test
  void bookingWithACancelledAppointmentMovesIt() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    String provider = clinic.provider.id().toString();
    LocalDate friday = MONDAY.plusDays(4);
    Appointment booked =
        operation(
            "$book",
            in().add(
                    "appt-resource",
                    appointmentAt(provider, clinic.consultation.code(), friday.atTime(9, 0)))
                .add("patient-id", new StringType(registeredPatient(null))));
    String id = booked.getIdElement().getIdPart();

    Appointment moved =
        operation(
            "$book",
            in().add(
                    "appt-resource",
                    appointmentAt(provider, clinic.consultation.code(), friday.atTime(15, 30)))
                .add("cancelled-appt-id", new StringType("Appointment/" + id)));

    assertThat(moved.getIdElement().getIdPart()).isEqualTo(id);
    assertThat(moved.getStart().toInstant())
        .isEqualTo(friday.atTime(15, 30).atZone(PARIS).toInstant());
    assertThat(freeStarts(clinic, friday)).contains(friday.atTime(9, 0).atZone(PARIS).toInstant());
    validation.assertValid(moved);

    // Through a hold: the hold is booked for the same patient, the old appointment cancelled.
    Appointment held =
        operation(
            "$hold",
            in().add(
                    "appt-resource",
                    appointmentAt(provider, clinic.consultation.code(), friday.atTime(16, 30))));
    Appointment rebooked =
        operation(
            "$book",
            in().add("appt-id", new StringType(held.getIdElement().getIdPart()))
                .add("cancelled-appt-id", new StringType(id)));
    Appointment old = fhir.read().resource(Appointment.class).withId(id).execute();

    assertThat(rebooked.getIdElement().getIdPart()).isEqualTo(held.getIdElement().getIdPart());
    assertThat(rebooked.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
    assertThat(rebooked.getParticipant())
        .extracting(p -> p.getActor().getReference())
        .contains(moved.getParticipantFirstRep().getActor().getReference());
    assertThat(old.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
    assertThat(old.getCancelationReason().getText()).contains(rebooked.getIdElement().getIdPart());
    validation.assertValid(List.of(rebooked, old));
  }

  @Test
  void patientsAreFoundByTheirIdentifierAndEveryReadIsAudited() {
    String mrn = "FHIR-" + Tags.letters().toUpperCase();
    String patient = registeredPatient(mrn);

    Bundle found =
        fhir.search()
            .byUrl("Patient?identifier=urn:accueil:fhir:NamingSystem:mrn|" + mrn)
            .returnBundle(Bundle.class)
            .execute();
    Patient read = fhir.read().resource(Patient.class).withId(patient).execute();

    assertThat(found.getEntry()).hasSize(1);
    assertThat(found.getEntryFirstRep().getResource().getIdElement().getIdPart())
        .isEqualTo(patient);
    assertThat(read.getIdentifier()).extracting(i -> i.getValue()).contains(mrn);
    assertThat(audit.of("patient.view", patient))
        .singleElement()
        .satisfies(r -> assertThat(r.channel()).isEqualTo("api"));
    assertThat(audit.of("patient.search", null))
        .anySatisfy(r -> assertThat(r.refs().get("results")).isEqualTo(patient));
    validation.assertValid(found);
    validation.assertValid(read);
  }

  // -------------------------------------------------------------------------------- helpers

  private Bundle find(ClinicFixture clinic, String start, String end, @Nullable String patient) {
    In question =
        in().add("start", new StringType(start))
            .add("end", new StringType(end))
            .add("practitioner", new Reference("Practitioner/" + clinic.provider.id()))
            .add("service-type", new StringType(clinic.consultation.code()));
    if (patient != null) {
      question.add("patient", new Reference("Patient/" + patient));
    }
    return operationBundle("$find", question);
  }

  private List<Instant> freeStarts(ClinicFixture clinic, LocalDate day) {
    return FhirSlotSearch.free(
            fhir,
            clinic.provider.id().toString(),
            day.atStartOfDay(PARIS).toInstant(),
            day.plusDays(1).atStartOfDay(PARIS).toInstant(),
            null)
        .stream()
        .map(s -> s.getStart().toInstant())
        .toList();
  }

  private Appointment operation(String name, In in) {
    return fhir.operation()
        .onType(Appointment.class)
        .named(name)
        .withParameters(in.parameters)
        .returnResourceType(Appointment.class)
        .execute();
  }

  private Bundle operationBundle(String name, In in) {
    return fhir.operation()
        .onType(Appointment.class)
        .named(name)
        .withParameters(in.parameters)
        .returnResourceType(Bundle.class)
        .execute();
  }

  /** A patient registered over REST, with an MRN when given; their id. */
  private String registeredPatient(@Nullable String mrn) {
    Map<String, Object> details =
        new java.util.LinkedHashMap<>(
            Map.of(
                "givenName", "Fhir",
                "familyName", "Patient " + Tags.letters(),
                "birthDate", "1984-06-02"));
    if (mrn != null) {
      details.put("identifiers", List.of(Map.of("system", "mrn", "value", mrn)));
    }
    var created = api.post("/api/v1/patients", details);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.string("id");
  }

  private static Appointment appointmentAt(String provider, String type, LocalDateTime start) {
    Appointment wanted = new Appointment();
    wanted.setStatus(Appointment.AppointmentStatus.PROPOSED);
    wanted.setStartElement(
        new org.hl7.fhir.r4.model.InstantType(
            java.util.Date.from(start.atZone(PARIS).toInstant())));
    wanted.addServiceType(
        new CodeableConcept(
            new Coding("urn:accueil:fhir:CodeSystem:appointment-type", type, null)));
    wanted
        .addParticipant()
        .setActor(new Reference("Practitioner/" + provider))
        .setStatus(Appointment.ParticipationStatus.NEEDSACTION);
    return wanted;
  }

  private static Patient newPatient(String id, String given, String family, int n) {
    Patient patient = new Patient();
    patient.setId(id);
    patient.addName().setFamily(family).addGiven(given);
    patient.setBirthDateElement(new DateType("1990-01-01"));
    patient.setGender(AdministrativeGender.FEMALE);
    patient
        .addTelecom()
        .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
        .setValue("+33655" + String.format("%06d", n));
    return patient;
  }

  private static String problem(BaseServerResponseException e) {
    return ((OperationOutcome) e.getOperationOutcome())
        .getIssueFirstRep()
        .getDetails()
        .getCodingFirstRep()
        .getCode();
  }

  private static String text(BaseServerResponseException e) {
    return ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics();
  }

  private static In in() {
    return new In();
  }

  /** An operation's input, written as a sentence. */
  static final class In {
    final Parameters parameters = new Parameters();

    In add(String name, org.hl7.fhir.r4.model.Type value) {
      parameters.addParameter().setName(name).setValue(value);
      return this;
    }

    In add(String name, org.hl7.fhir.r4.model.Resource resource) {
      parameters.addParameter().setName(name).setResource(resource);
      return this;
    }
  }
}
