package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.Identifier;
import org.accueil.patients.Origin;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientStatus;
import org.accueil.patients.Sex;
import org.accueil.practice.Address;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.VisitMode;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Source;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Every resource the connector writes to an EHR validates against the FHIR R4 base, offline. */
class EhrResourcesTests {

  private static final FhirConnectorProperties.Identifiers SYSTEMS =
      FhirConnectorTestProperties.identifiers();

  private final Provider provider =
      new Provider(
          ProviderId.of(UUID.randomUUID()),
          "Dr",
          "Emma",
          "Phillips",
          List.of("general practice"),
          List.of("fr", "en"),
          List.of(LocationId.of(UUID.randomUUID())),
          true);

  private final AppointmentType consultation =
      new AppointmentType(
          AppointmentTypeId.of(UUID.randomUUID()),
          "consultation",
          new LocalizedText("Consultation", "Consultation", "Visita"),
          Duration.ofMinutes(20),
          Duration.ZERO,
          Duration.ZERO,
          Duration.ofMinutes(20),
          Duration.ofHours(1),
          60,
          VisitMode.IN_PERSON,
          false,
          null,
          null,
          null,
          LocalizedText.EMPTY,
          List.of(provider.id()),
          true);

  @Test
  void aBookedAppointmentCarriesOurIdentifierAndItsParticipantsAndValidates() {
    var resource =
        appointment(
            AppointmentStatus.BOOKED,
            new Coding("urn:oid:1.2.840.114350.1.13.861.1.7.3.808267.11", "GP20", null));

    assertThat(EhrResources.ours(resource, SYSTEMS.appointment())).isPresent();
    assertThat(resource.getParticipant())
        .extracting(p -> p.getActor().getReference())
        .containsExactly("Patient/p1", "Practitioner/d1", "Location/l1");
    assertThat(resource.getServiceTypeFirstRep().getCoding())
        .extracting(Coding::getCode)
        .containsExactly("GP20", "consultation");
    FhirValidation.r4().assertValid(resource);
  }

  @Test
  void aCancelledAppointmentValidates() {
    FhirValidation.r4().assertValid(appointment(AppointmentStatus.CANCELLED, null));
  }

  @Test
  void applyingOurStateKeepsTheEhrsOwnParticipantsAndIdentifiers() {
    var theirs = appointment(AppointmentStatus.BOOKED, null);
    theirs.addIdentifier().setSystem("urn:oid:1.2.840.1").setValue("E-77");
    theirs
        .addParticipant()
        .setActor(new Reference("HealthcareService/h1"))
        .setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
    String before = EhrJson.managedFields(theirs);

    EhrResources.apply(
        theirs,
        appointmentOf(AppointmentStatus.CANCELLED),
        consultation,
        SYSTEMS,
        new Reference("Patient/p1"),
        new Reference("Practitioner/d1"),
        new Reference("Location/l1"),
        null);

    assertThat(EhrJson.managedFields(theirs)).isNotEqualTo(before);
    assertThat(theirs.getStatus())
        .isEqualTo(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.CANCELLED);
    assertThat(theirs.getIdentifier()).hasSize(2);
    assertThat(theirs.getParticipant())
        .extracting(p -> p.getActor().getReference())
        .containsExactlyInAnyOrder(
            "HealthcareService/h1", "Patient/p1", "Practitioner/d1", "Location/l1");
    FhirValidation.r4().assertValid(theirs);
  }

  @Test
  void thePatientCarriesOurIdentifierAndTheirsButNotTheEhrsOwnIdBack() {
    PatientId id = PatientId.of(UUID.randomUUID());
    var details =
        new PatientDetails(
            "Léa", "Martin", LocalDate.of(1987, 3, 14), "+33612345678", "lea@example.org");
    Patient patient = Patient.of(id, PatientStatus.ACTIVE, details, Origin.STAFF, null);
    var resource =
        EhrResources.patient(
            new Patient(
                id,
                PatientStatus.ACTIVE,
                "Léa",
                "Martin",
                null,
                LocalDate.of(1987, 3, 14),
                Sex.FEMALE,
                "+33612345678",
                "lea@example.org",
                null,
                "fr",
                null,
                Origin.STAFF,
                null),
            List.of(
                new Identifier(Identifier.INS, "287037512345678"),
                new Identifier("http://ehr.example/fhir/Patient", "123")),
            SYSTEMS,
            "http://ehr.example/fhir/Patient");

    assertThat(patient.id()).isEqualTo(id);
    assertThat(resource.getIdentifier())
        .extracting(i -> i.getSystem())
        .contains(SYSTEMS.patient(), "urn:oid:1.2.250.1.213.1.4.8")
        .doesNotContain("http://ehr.example/fhir/Patient");
    assertThat(resource.hasExtension()).isFalse();
    FhirValidation.r4().assertValid(resource);
  }

  @Test
  void practitionerLocationAndSubscriptionValidate() {
    FhirValidation.r4().assertValid(EhrResources.practitioner(provider, SYSTEMS));
    FhirValidation.r4()
        .assertValid(
            EhrResources.location(
                new Location(
                    provider.locations().getFirst(),
                    "Centre Médical Riverside",
                    ZoneId.of("Europe/Paris"),
                    new Address("42 High Street", "75011", "Paris", "FR"),
                    "+33144556677",
                    List.of(),
                    true),
                SYSTEMS));
    for (String criteria : FhirSubscriptions.CRITERIA) {
      FhirValidation.r4()
          .assertValid(
              FhirSubscriptions.subscription(
                  criteria,
                  "https://accueil.example/integration/fhir/notify",
                  "X-Accueil-Secret: s"));
    }
  }

  @Test
  void whatTheInboxKeepsHasNothingClinical() {
    var theirs = appointment(AppointmentStatus.BOOKED, null);
    theirs.setComment("Chest pain since Monday");
    theirs.addReasonCode().setText("Chest pain");
    theirs.getParticipantFirstRep().getActor().setDisplay("Léa Martin");

    var kept = (org.hl7.fhir.r4.model.Appointment) FhirInbox.minimised(theirs);

    assertThat(kept.hasComment()).isFalse();
    assertThat(kept.hasReasonCode()).isFalse();
    assertThat(kept.getParticipantFirstRep().getActor().hasDisplay()).isFalse();
    assertThat(theirs.hasComment()).as("the original is untouched").isTrue();
  }

  private org.hl7.fhir.r4.model.Appointment appointment(AppointmentStatus status, Coding ehrType) {
    return EhrResources.appointment(
        appointmentOf(status),
        consultation,
        SYSTEMS,
        new Reference("Patient/p1"),
        new Reference("Practitioner/d1").setDisplay(provider.displayName()),
        new Reference("Location/l1"),
        ehrType);
  }

  private Appointment appointmentOf(AppointmentStatus status) {
    Instant start = Instant.parse("2026-12-07T09:00:00Z");
    return new Appointment(
        AppointmentId.of(UUID.randomUUID()),
        consultation.id(),
        provider.id(),
        provider.locations().getFirst(),
        null,
        PatientId.of(UUID.randomUUID()),
        status,
        start,
        start.plus(Duration.ofMinutes(20)),
        ZoneId.of("Europe/Paris"),
        null,
        Source.WEB,
        "api-key:test",
        status == AppointmentStatus.CANCELLED
            ? new Appointment.Cancellation("", "patient", start.minus(Duration.ofDays(1)))
            : null,
        start.minus(Duration.ofDays(2)),
        start.minus(Duration.ofDays(2)),
        0);
  }
}
