package org.accueil.privacy;

import static org.accueil.privacy.PrivacyFixture.at;
import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.accueil.platform.AuditRecord;
import org.accueil.practice.PracticeAdministration;
import org.accueil.privacy.PrivacyFixture.Person;
import org.accueil.scheduling.Appointments;
import org.accueil.testing.Api;
import org.accueil.testing.TestClock;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/**
 * A patient's export holds everything seeded about them: their record, appointments past, future
 * and cancelled, consents and their history, and the sections of modules built later; as JSON and
 * as a FHIR R4 Bundle whose references resolve inside it.
 */
@PrivacyTest
@RecordApplicationEvents
class PatientExportTests {

  static final String NEWSLETTER = "J'accepte de recevoir la lettre du cabinet par email.";

  @Autowired Api api;
  @Autowired Consents consents;
  @Autowired DataExports exports;
  @Autowired StickyNotes notes;
  @Autowired ApplicationEvents events;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired TestClock clock;

  PrivacyFixture fixture;
  Person patient;
  String past;
  String future;
  String cancelled;

  @BeforeEach
  void aPatientWithAHistory() {
    fixture = PrivacyFixture.create(admin, api, appointments, clock);
    patient = fixture.patient("Marie", "Export");
    past = fixture.pastVisit(patient, at(-30, 10, 0));
    future = fixture.book(patient, at(2, 9, 0));
    cancelled = fixture.book(patient, at(3, 11, 0));
    var cancel =
        api.post(
            "/api/v1/appointments/" + cancelled + "/cancel", Map.of("reason", "away that week"));
    assertThat(cancel.status()).isEqualTo(200);
    consents.record(
        new RecordConsent(
            patient.id(),
            ConsentChannel.EMAIL,
            ConsentPurpose.MARKETING,
            true,
            ConsentSource.WEB_FORM,
            ConsentWording.of(NEWSLETTER, "fr")));
    consents.optOut(
        patient.id(),
        ConsentChannel.SMS,
        ConsentPurpose.APPOINTMENT_MESSAGES,
        ConsentSource.SMS_KEYWORD);
    notes.add(patient.id(), "Prefers morning calls", clock.instant());
  }

  @Test
  void theJsonExportHoldsThePatientTheirAppointmentsAndTheirConsents() {
    var export = api.get(patient.path() + "/export");

    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.header("Content-Type")).startsWith("application/json");
    assertThat(export.header("Cache-Control")).contains("no-store");
    JsonNode body = export.body();
    JsonNode record = body.path("patient");
    assertThat(record.path("id").asString()).isEqualTo(patient.id().toString());
    assertThat(record.path("givenName").asString()).isEqualTo("Marie");
    assertThat(record.path("familyName").asString()).isEqualTo(patient.familyName());
    assertThat(record.path("birthDate").asString()).isEqualTo("1984-06-17");
    assertThat(record.path("phone").asString()).isEqualTo(patient.phone());
    assertThat(record.path("email").asString()).isEqualTo(patient.email());

    assertThat(body.path("appointments"))
        .extracting(a -> a.path("id").asString(), a -> a.path("status").asString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(past, "fulfilled"),
            org.assertj.core.groups.Tuple.tuple(future, "booked"),
            org.assertj.core.groups.Tuple.tuple(cancelled, "cancelled"));
    JsonNode booked = body.path("appointments").get(1);
    assertThat(java.time.OffsetDateTime.parse(booked.path("start").asString()))
        .isEqualTo(at(2, 9, 0));
    assertThat(booked.path("provider").path("name").asString())
        .isEqualTo(fixture.clinic.provider.displayName());
    assertThat(booked.path("appointmentType").path("id").asString())
        .isEqualTo(fixture.clinic.consultation.id().toString());
    assertThat(booked.path("location").path("name").asString())
        .isEqualTo(fixture.clinic.site.name());
    assertThat(booked.path("createdBy").asString()).startsWith("api-key:");
    assertThat(booked.path("createdAt").isMissingNode()).isFalse();
    assertThat(body.path("appointments").get(2).path("cancellation").path("reason").asString())
        .isEqualTo("away that week");

    JsonNode consentHistory = body.path("consents").path("history");
    assertThat(consentHistory).hasSize(2);
    assertThat(consentHistory.get(0).path("wording").path("text").asString()).isEqualTo(NEWSLETTER);
    assertThat(consentHistory.get(1).path("source").asString()).isEqualTo("sms-keyword");
    assertThat(body.path("consents").path("current")).hasSize(15);
    assertThat(body.path("erasure").isMissingNode()).isTrue();

    assertThat(body.path("stickyNotes").path("notes").get(0).path("text").asString())
        .isEqualTo("Prefers morning calls");
  }

  @Test
  void theFhirBundleParsesWithHapiAndEveryReferenceResolvesInsideIt() {
    var export = api.get(patient.path() + "/export?format=fhir");

    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.header("Content-Type")).startsWith("application/fhir+json");
    Bundle bundle =
        FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, export.text());

    assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
    assertThat(count(bundle, Patient.class)).isOne();
    assertThat(count(bundle, Practitioner.class)).isOne();
    assertThat(count(bundle, Appointment.class)).isEqualTo(3);
    // The newsletter by email, and the text STOP for appointment messages by SMS.
    assertThat(count(bundle, Consent.class)).isEqualTo(2);

    Set<String> fullUrls =
        bundle.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getFullUrl)
            .collect(Collectors.toSet());
    List<Reference> references =
        resources(bundle, Appointment.class).stream()
            .flatMap(a -> a.getParticipant().stream().map(p -> p.getActor()))
            .collect(Collectors.toList());
    resources(bundle, Consent.class).forEach(c -> references.add(c.getPatient()));
    assertThat(references).hasSize(3 * 2 + 2);
    assertThat(references)
        .allSatisfy(reference -> assertThat(fullUrls).contains(reference.getReference()));

    Patient fhirPatient = resources(bundle, Patient.class).getFirst();
    assertThat(ourId(fhirPatient)).isEqualTo(patient.id().toString());
    assertThat(fhirPatient.getNameFirstRep().getFamily()).isEqualTo(patient.familyName());
    assertThat(fhirPatient.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Marie");
    assertThat(fhirPatient.getBirthDateElement().getValueAsString()).isEqualTo("1984-06-17");
    assertThat(fhirPatient.getTelecom())
        .extracting(t -> t.getSystem().toCode(), t -> t.getValue())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("phone", patient.phone()),
            org.assertj.core.groups.Tuple.tuple("email", patient.email()));

    Practitioner practitioner = resources(bundle, Practitioner.class).getFirst();
    assertThat(ourId(practitioner)).isEqualTo(fixture.clinic.provider.id().value().toString());
    assertThat(resources(bundle, Appointment.class))
        .extracting(PatientExportTests::ourId, a -> a.getStatus().toCode())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(past, "fulfilled"),
            org.assertj.core.groups.Tuple.tuple(future, "booked"),
            org.assertj.core.groups.Tuple.tuple(cancelled, "cancelled"));
    Appointment booked = resources(bundle, Appointment.class).get(1);
    assertThat(booked.getStart().toInstant()).isEqualTo(at(2, 9, 0).toInstant());
    assertThat(booked.getEnd().toInstant()).isEqualTo(at(2, 9, 30).toInstant());
    assertThat(booked.getParticipant())
        .extracting(p -> p.getActor().getReference())
        .containsExactly(
            "urn:uuid:" + patient.id(), "urn:uuid:" + fixture.clinic.provider.id().value());

    assertThat(resources(bundle, Consent.class))
        .extracting(
            c -> c.getProvision().getType().toCode(),
            c -> c.getProvision().getPurposeFirstRep().getCode(),
            c ->
                c.getProvision()
                    .getExtensionByUrl(org.accueil.privacy.internal.FhirBundles.CHANNEL_EXTENSION)
                    .getValue()
                    .primitiveValue())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("permit", "marketing", "email"),
            org.assertj.core.groups.Tuple.tuple("deny", "appointment-messages", "sms"));
    Consent newsletter =
        resources(bundle, Consent.class).stream()
            .filter(c -> c.getProvision().getType() == Consent.ConsentProvisionType.PERMIT)
            .findFirst()
            .orElseThrow();
    assertThat(
            new String(
                newsletter.getSourceAttachment().getData(),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(NEWSLETTER);
    assertThat(newsletter.getSourceAttachment().getLanguage()).isEqualTo("fr");
  }

  @Test
  void askingForFhirJsonInTheAcceptHeaderGivesTheBundle() {
    var export = api.with("Accept", "application/fhir+json").get(patient.path() + "/export");

    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.header("Content-Type")).startsWith("application/fhir+json");
    assertThat(export.body().path("resourceType").asString()).isEqualTo("Bundle");
  }

  @Test
  void anAcceptHeaderItCannotServeIsRefusedWith406AndOneItCannotReadGetsJson() {
    // A caller accepting only XML cannot read a JSON problem either: the status says it all.
    assertThat(api.with("Accept", "application/xml").get(patient.path() + "/export").status())
        .isEqualTo(406);
    var unreadable = api.with("Accept", "not/a type;;").get(patient.path() + "/export");
    assertThat(unreadable.status()).isEqualTo(200);
    assertThat(unreadable.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void anUnknownFormatOrPatientIsRefused() {
    assertThatProblem(api.get(patient.path() + "/export?format=xml"))
        .is(400, "unknown-export-format")
        .naming("format")
        .withDetailContaining("format=json or format=fhir");
    assertThatProblem(api.get("/api/v1/patients/" + UUID.randomUUID() + "/export"))
        .is(404, "not-found");
  }

  @Test
  void anExportIsAudited() {
    exports.export(patient.id(), DataExports.Format.FHIR, Locale.ENGLISH);

    assertThat(events.stream(AuditRecord.class))
        .filteredOn(audit -> audit.action().equals("patient.export"))
        .singleElement()
        .satisfies(
            audit -> {
              assertThat(audit.entityType()).isEqualTo("patient");
              assertThat(audit.entityId()).isEqualTo(patient.id().toString());
              assertThat(audit.refs()).containsEntry("format", "fhir");
            });
  }

  private static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
    return bundle.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** Our id, which every resource carries as a URI identifier (system urn:ietf:rfc:3986). */
  private static String ourId(Resource resource) {
    var identifiers =
        switch (resource) {
          case Patient p -> p.getIdentifier();
          case Practitioner p -> p.getIdentifier();
          case Appointment a -> a.getIdentifier();
          case Consent c -> c.getIdentifier();
          default -> throw new IllegalArgumentException(resource.fhirType());
        };
    assertThat(identifiers)
        .singleElement()
        .satisfies(i -> assertThat(i.getSystem()).isEqualTo("urn:ietf:rfc:3986"));
    return identifiers.getFirst().getValue().substring("urn:uuid:".length());
  }

  private static long count(Bundle bundle, Class<? extends Resource> type) {
    return resources(bundle, type).size();
  }
}
