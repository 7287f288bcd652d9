package org.accueil.privacy;

import static org.accueil.privacy.PrivacyFixture.at;
import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.accueil.platform.AuditRecord;
import org.accueil.practice.PracticeAdministration;
import org.accueil.privacy.PrivacyFixture.Person;
import org.accueil.privacy.internal.ErasedAppointmentRetention;
import org.accueil.scheduling.Appointments;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Erasure on request: what identifies the patient goes from every place it was written, the future
 * is cancelled and freed, the past stays as anonymous rows, and the act is recorded once.
 */
@PrivacyTest
@RecordApplicationEvents
class ErasureTests {

  static final String PERSONAL_WORDING =
      "Marie, would you like to receive our newsletter by email?";

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired Consents consents;
  @Autowired Erasures erasures;
  @Autowired StickyNotes notes;
  @Autowired ApplicationEvents events;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired TestClock clock;
  @Autowired ErasedAppointmentRetention appointmentRetention;

  PrivacyFixture fixture;
  Person patient;
  String past;
  String future;
  String cancelledByHerHusband;

  @BeforeEach
  void aPatientWithAHistory() {
    fixture = PrivacyFixture.create(admin, api, appointments, clock);
    patient = fixture.patient("Marie", "Erase");
    past = fixture.pastVisit(patient, at(-20, 14, 0));
    future = fixture.book(patient, at(1, 10, 0));
    cancelledByHerHusband = fixture.book(patient, at(4, 15, 0));
    var cancel =
        api.post(
            "/api/v1/appointments/" + cancelledByHerHusband + "/cancel",
            Map.of("reason", "her son Léo has measles", "cancelledBy", "her husband Marc"));
    assertThat(cancel.status()).isEqualTo(200);
    consents.record(
        new RecordConsent(
            patient.id(),
            ConsentChannel.EMAIL,
            ConsentPurpose.MARKETING,
            true,
            ConsentSource.WEB_FORM,
            ConsentWording.of(PERSONAL_WORDING, "en")));
    notes.add(patient.id(), "Call Marie back about Léo", clock.instant());
  }

  @Test
  void noIdentifyingValueIsLeftInAnyColumnOfThePatientRow() {
    var erased = erase(patient);

    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    String row =
        jdbc.sql("SELECT row_to_json(p)::text FROM patient p WHERE id = :id")
            .param("id", patient.id().value())
            .query(String.class)
            .single();
    assertThat(row)
        .doesNotContain("Marie", patient.familyName(), "1984-06-17")
        .doesNotContain(patient.phone(), patient.phone().substring(1), patient.email())
        .contains("\"given_name\":\"Erased\"", "\"family_name\":\"Erased\"")
        .contains(
            "\"birth_date\":\"1984-01-01\"",
            "\"phone_ciphertext\":null",
            "\"phone_index\":null",
            "\"email_ciphertext\":null",
            "\"email_index\":null");
    assertThat(
            jdbc.sql("SELECT erased_at IS NOT NULL FROM patient WHERE id = :id")
                .param("id", patient.id().value())
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void aVeryOldPatientsBirthYearIsKeptOnlyAsNinety() {
    Person old = fixture.patient("Jeanne", "Old", LocalDate.of(1930, 6, 17));

    erase(old);

    // Erased on 5 April 2027: counted as 90, as if born in 1937.
    assertThat(api.get(old.path()).string("birthDate")).isEqualTo("1937-01-01");
  }

  @Test
  void searchingByTheOldNameOrPhoneFindsNothing() {
    erase(patient);

    assertThat(api.get("/api/v1/patients?familyName=" + patient.familyName()).body()).isEmpty();
    assertThat(api.get("/api/v1/patients?phone=" + patient.phone().replace("+", "%2B")).body())
        .isEmpty();
    assertThat(api.get("/api/v1/patients?familyName=Erased").body()).isEmpty();
    var placeholder = api.get(patient.path());
    assertThat(placeholder.string("familyName")).isEqualTo("Erased");
    assertThat(placeholder.body().path("phone").isNull()).isTrue();
  }

  @Test
  void futureAppointmentsAreCancelledAndTheirTimeCanBeBookedAgain() {
    var erased = erase(patient);

    assertThat(erased.body().path("cancelledAppointments"))
        .extracting(id -> id.asString())
        .containsExactly(future);
    var cancelled = api.get("/api/v1/appointments/" + future);
    assertThat(cancelled.string("status")).isEqualTo("cancelled");
    assertThat(cancelled.body().path("cancellation").path("reason").asString())
        .isEqualTo("erasure");
    Person next = fixture.patient("Paul", "Next");
    assertThat(fixture.book(next, at(1, 10, 0))).isNotEqualTo(future);
  }

  @Test
  void pastAppointmentsStayWithoutTheWordsTypedAboutThem() {
    erase(patient);

    var visit = api.get("/api/v1/appointments/" + past);
    assertThat(visit.status()).isEqualTo(200);
    assertThat(visit.string("status")).isEqualTo("fulfilled");
    assertThat(visit.string("patientId")).isEqualTo(patient.id().toString());
    var cancelled = api.get("/api/v1/appointments/" + cancelledByHerHusband);
    assertThat(cancelled.body().path("cancellation").path("reason").asString()).isEmpty();
    assertThat(cancelled.body().path("cancellation").path("by").asString())
        .matches("api-key:[0-9a-f-]{36}");
    String rows =
        jdbc.sql(
                "SELECT string_agg(row_to_json(a)::text, ',') FROM appointment a"
                    + " WHERE patient_id = :id")
            .param("id", patient.id().value())
            .query(String.class)
            .single();
    assertThat(rows).doesNotContain("Léo", "measles", "Marc", "husband");
  }

  @Test
  void visitsOlderThanThePracticeMustKeepThemGoAtErasureAndTheOthersWhenTheirTimeComes() {
    // "Now" is 5 April 2027 and the practice keeps appointments 10 years (the default).
    String elevenYearsAgo = fixture.pastVisit(patient, paris(LocalDate.of(2016, 3, 1)));
    String almostTenYearsAgo = fixture.pastVisit(patient, paris(LocalDate.of(2017, 5, 2)));

    erase(patient);

    assertThat(api.get("/api/v1/appointments/" + elevenYearsAgo).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/appointments/" + almostTenYearsAgo).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/appointments/" + past).status()).isEqualTo(200);

    clock.advance(java.time.Duration.ofDays(61));
    appointmentRetention.sweep();

    assertThat(api.get("/api/v1/appointments/" + almostTenYearsAgo).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/appointments/" + past).status()).isEqualTo(200);
  }

  @Test
  void theConsentHistoryStaysAsProofWithoutItsWordingAndNothingIsSentAnyMore() {
    String hash = consents.history(patient.id()).getFirst().wording().sha256();

    erase(patient);

    List<ConsentRecord> history = consents.history(patient.id());
    assertThat(history.getFirst().granted()).isTrue();
    assertThat(history.getFirst().wording().text()).isNull();
    assertThat(history.getFirst().wording().sha256()).isEqualTo(hash);
    assertThat(history.subList(1, history.size()))
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.channel()).isEqualTo(ConsentChannel.ANY);
              assertThat(r.granted()).isFalse();
              assertThat(r.source()).isEqualTo(ConsentSource.ERASURE);
            });
    for (ConsentChannel channel : ConsentChannel.CONCRETE) {
      for (ConsentPurpose purpose : ConsentPurpose.values()) {
        assertThat(consents.permits(patient.id(), channel, purpose)).isFalse();
      }
    }
    String rows =
        jdbc.sql(
                "SELECT string_agg(row_to_json(c)::text, ',') FROM consent_record c"
                    + " WHERE patient_id = :id")
            .param("id", patient.id().value())
            .query(String.class)
            .single();
    assertThat(rows).doesNotContain("Marie", "newsletter");
  }

  @Test
  void theExportAfterwardsShowsOnlyThePlaceholder() {
    erase(patient);

    var export = api.get(patient.path() + "/export");
    var fhir = api.get(patient.path() + "/export?format=fhir");

    assertThat(export.status()).isEqualTo(200);
    for (String text : List.of(export.text(), fhir.text())) {
      assertThat(text)
          .doesNotContain("Marie", patient.familyName(), "1984-06-17")
          .doesNotContain(patient.phone(), patient.email(), "Léo", "Marc")
          .contains("Erased");
    }
    assertThat(export.body().path("erasure").path("reason").asString())
        .isEqualTo("Patient's written request (GDPR art. 17)");
    assertThat(export.body().path("stickyNotes").path("notes")).isEmpty();
    assertThat(notes.of(patient.id())).isEmpty();
  }

  @Test
  void erasingAgainAnswersTheFirstErasureAndChangesNothing() {
    var first = erase(patient);
    clock.advance(java.time.Duration.ofHours(1));

    var again =
        api.post(
            patient.path() + "/erasure",
            Map.of("reason", "asked a second time", "requestedVia", "phone"));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(count("patient_erasure")).isOne();
    assertThat(count("consent_record")).isEqualTo(1 + 3);
  }

  @Test
  void twoErasuresAtOnceEraseOnce() throws Exception {
    var one = CompletableFuture.supplyAsync(() -> erase(patient));
    var other = CompletableFuture.supplyAsync(() -> erase(patient));

    assertThat(one.get().status()).isEqualTo(200);
    assertThat(other.get().status()).isEqualTo(200);
    assertThat(one.get().body()).isEqualTo(other.get().body());
    assertThat(count("patient_erasure")).isOne();
    assertThat(count("consent_record")).isEqualTo(1 + 3);
  }

  @Test
  void anErasureIsAuditedOnce() {
    erasures.erase(patient.id(), "Patient's request", RequestedVia.LETTER);
    erasures.erase(patient.id(), "Patient's request", RequestedVia.LETTER);

    assertThat(events.stream(AuditRecord.class))
        .filteredOn(audit -> audit.action().equals("patient.erase"))
        .singleElement()
        .satisfies(
            audit -> {
              assertThat(audit.entityType()).isEqualTo("patient");
              assertThat(audit.entityId()).isEqualTo(patient.id().toString());
              assertThat(audit.refs())
                  .containsEntry("requestedVia", "letter")
                  .containsEntry("cancelledAppointments", "1");
            });
  }

  @Test
  void anErasedPatientCanNeitherBeBookedNorGiveConsent() {
    erase(patient);

    var booking =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId", fixture.clinic.consultation.id().toString(),
                "providerId", fixture.clinic.provider.id().toString(),
                "start", at(5, 9, 0).toString(),
                "patientId", patient.id().toString()));
    var consent =
        api.post(
            patient.path() + "/consents",
            Map.of(
                "channel", "sms",
                "purpose", "surveys",
                "granted", true,
                "source", "staff",
                "wording", Map.of("text", "Surveys by SMS?", "language", "en")));

    assertThatProblem(booking).is(422, "patient-erased").withDetailContaining("erased");
    assertThatProblem(consent).is(422, "patient-erased").withDetailContaining("erased");
  }

  @Test
  void aStoredRegistrationResponseIsForgottenSoAReplayCannotHandBackTheDetails() {
    String key = UUID.randomUUID().toString();
    Map<String, String> details =
        Map.of(
            "givenName",
            "Anna",
            "familyName",
            "Replay-" + Tags.letters(),
            "birthDate",
            "1990-02-03",
            "email",
            "anna." + key.substring(0, 6) + "@example.org");
    var registered = api.with("Idempotency-Key", key).post("/api/v1/patients", details);
    assertThat(registered.status()).isEqualTo(201);
    String id = registered.string("id");

    var erased =
        api.post(
            "/api/v1/patients/" + id + "/erasure",
            Map.of("reason", "Patient's request", "requestedVia", "email"));
    assertThat(erased.status()).isEqualTo(200);
    var replayed = api.with("Idempotency-Key", key).post("/api/v1/patients", details);

    assertThat(replayed.header("Idempotent-Replayed")).isNull();
    assertThat(replayed.string("id")).isNotEqualTo(id);
  }

  @Test
  void aBadRequestIsRefusedFieldByFieldAndErasesNothing() {
    var refused =
        api.with("Accept-Language", "fr")
            .post(patient.path() + "/erasure", Map.of("reason", " ", "requestedVia", "pigeon"));

    assertThatProblem(refused)
        .is(422, "invalid-erasure-request")
        .titled("Demande d'effacement invalide")
        .naming("reason")
        .naming("requestedVia")
        .withDetailContaining("« pigeon » n'est pas un moyen de demande");
    assertThat(api.get(patient.path()).string("givenName")).isEqualTo("Marie");
    assertThat(count("patient_erasure")).isZero();
    assertThatProblem(
            api.post(
                "/api/v1/patients/" + UUID.randomUUID() + "/erasure",
                Map.of("reason", "request", "requestedVia", "email")))
        .is(404, "not-found");
  }

  private Api.Response erase(Person person) {
    return api.post(
        person.path() + "/erasure",
        Map.of(
            "reason", "Patient's written request (GDPR art. 17)",
            "requestedVia", "letter"));
  }

  private static java.time.OffsetDateTime paris(LocalDate day) {
    return day.atTime(10, 0).atZone(PrivacyFixture.PARIS).toOffsetDateTime();
  }

  private long count(String table) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE patient_id = :id")
        .param("id", patient.id().value())
        .query(Long.class)
        .single();
  }
}
