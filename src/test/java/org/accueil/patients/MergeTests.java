package org.accueil.patients;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.practice.PracticeAdministration;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.Consents;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Merging a duplicate into the record that survives moves everything that was the duplicate's and
 * leaves nothing behind; unmerging within the grace period puts exactly that back.
 */
@AccueilTest
class MergeTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDateTime NOW = LocalDateTime.of(2027, 3, 1, 7, 0);

  /** Every table that names a patient, and its column: after a merge none names the duplicate. */
  static final Map<String, String> PATIENT_COLUMNS =
      Map.of(
          "appointment", "patient_id",
          "patient_identifier", "patient_id",
          "patient_telecom", "patient_id",
          "channel_identity", "patient_id");

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;
  @Autowired Consents consents;

  final String tag = Tags.letters();
  ClinicFixture clinic;
  int slot;

  @BeforeEach
  void aClinic() {
    clock.setParis(NOW);
    clinic = ClinicFixture.create(admin);
  }

  @AfterEach
  void clockBack() {
    clock.setParis(NOW);
  }

  @Test
  void aMergeMovesEverythingToTheSurvivorAndLeavesNothingBehind() {
    Person survivor = staffRegisters("Anne", "Moreau" + tag, "1975-02-14", "+33611" + six(1), null);
    Person duplicate =
        bookingRegisters(
            "Anne",
            "Moreau" + tag,
            "1975-02-14",
            "+33622" + six(2),
            "anne." + tag + "@example.org");
    String child = staffRegisters("Léo", "Moreau" + tag, "2012-06-01", null, null).id;
    identifier(survivor, "mrn", "S-" + tag);
    identifier(duplicate, "mrn", "D-" + tag);
    String contact =
        created(
            api.post(
                "/api/v1/patients/" + duplicate.id + "/contacts",
                Map.of("system", "phone", "value", "+33633" + six(3), "use", "work")));
    String whatsapp =
        created(
            api.post(
                "/api/v1/patients/" + duplicate.id + "/channel-identities",
                Map.of("channel", "whatsapp", "address", duplicate.phone)));
    linked(
        api.post(
            "/api/v1/patients/" + duplicate.id + "/dependents",
            Map.of("dependentId", child, "relationship", "parent")));
    optOut(duplicate, "sms");
    String first = book(survivor);
    String second = book(duplicate);
    String third = book(duplicate);

    var merged = merge(survivor, duplicate);

    assertThat(merged.status()).as(merged.toString()).isEqualTo(201);
    assertThat(merged.body().get("moved").get("appointments").asInt())
        .as("two visits, and the cancelled booking that registered them")
        .isEqualTo(3);
    var tombstone = api.get("/api/v1/patients/" + duplicate.id).body();
    assertThat(tombstone.get("status").asString()).isEqualTo("merged");
    assertThat(tombstone.get("mergedInto").asString()).isEqualTo(survivor.id);
    var record = api.get("/api/v1/patients/" + survivor.id).body();
    assertThat(record.get("status").asString()).isEqualTo("active");
    assertThat(record.get("email").asString())
        .as("taken where the survivor had none")
        .isEqualTo(duplicate.email);
    assertThat(record.get("phone").asString())
        .as("the survivor's own kept")
        .isEqualTo(survivor.phone);
    assertThat(values(record.get("contacts"), "value"))
        .containsExactlyInAnyOrder(duplicate.phone, "+33633" + six(3));
    assertThat(values(record.get("identifiers"), "value"))
        .containsExactlyInAnyOrder("S-" + tag, "D-" + tag);
    assertThat(values(record.get("channelIdentities"), "id")).containsExactly(whatsapp);
    assertThat(values(record.get("dependents"), "dependentId")).containsExactly(child);
    assertThat(values(record.get("mergedRecords"), null)).containsExactly(duplicate.id);
    for (String appointment : List.of(first, second, third)) {
      assertThat(api.get("/api/v1/appointments/" + appointment).string("patientId"))
          .isEqualTo(survivor.id);
    }
    assertThat(
            consents.permits(
                PatientId.of(UUID.fromString(survivor.id)),
                ConsentChannel.SMS,
                ConsentPurpose.APPOINTMENT_MESSAGES))
        .as("the duplicate's opt-out holds for the person")
        .isFalse();
    PATIENT_COLUMNS.forEach(
        (table, column) ->
            assertThat(rowsNaming(table, column, duplicate.id))
                .as(table + " still naming the duplicate")
                .isZero());
    assertThat(rowsNaming("patient_relationship", "guardian_id", duplicate.id)).isZero();
    assertThat(contact).isNotBlank();
  }

  @Test
  void anUnmergeWithinTheGracePeriodPutsBackExactlyWhatMoved() {
    Person survivor = staffRegisters("Marc", "Petit" + tag, "1980-10-10", "+33611" + six(4), null);
    Person duplicate =
        bookingRegisters(
            "Marc", "Petit" + tag, "1980-10-10", "+33622" + six(5), "marc." + tag + "@example.org");
    String child = staffRegisters("Emma", "Petit" + tag, "2014-03-03", null, null).id;
    identifier(duplicate, "mrn", "D-" + tag);
    created(
        api.post(
            "/api/v1/patients/" + duplicate.id + "/channel-identities",
            Map.of("channel", "sms", "address", duplicate.phone)));
    linked(
        api.post(
            "/api/v1/patients/" + duplicate.id + "/dependents",
            Map.of("dependentId", child, "relationship", "parent")));
    optOut(duplicate, "email");
    String theirs = book(duplicate);
    String ours = book(survivor);
    Map<String, Long> before = snapshot(survivor, duplicate);
    var merge = merge(survivor, duplicate).body();
    clock.advance(Duration.ofDays(29));
    String addedSince = book(survivor);

    var unmerged =
        api.post(
            "/api/v1/patients/merges/" + merge.get("id").asString() + "/unmerge",
            Map.of("reason", "Two sisters, not one person"));

    assertThat(unmerged.status()).as(unmerged.toString()).isEqualTo(200);
    assertThat(unmerged.body().get("unmergedAt").isNull()).isFalse();
    var back = api.get("/api/v1/patients/" + duplicate.id).body();
    assertThat(back.get("status").asString()).isEqualTo("provisional");
    assertThat(back.get("mergedInto").isNull()).isTrue();
    assertThat(values(back.get("identifiers"), "value")).containsExactly("D-" + tag);
    assertThat(values(back.get("dependents"), "dependentId")).containsExactly(child);
    var survivorAfter = api.get("/api/v1/patients/" + survivor.id).body();
    assertThat(survivorAfter.get("email").isNull()).as("what the merge filled in goes").isTrue();
    assertThat(survivorAfter.get("contacts").size()).isZero();
    assertThat(api.get("/api/v1/appointments/" + theirs).string("patientId"))
        .isEqualTo(duplicate.id);
    assertThat(api.get("/api/v1/appointments/" + ours).string("patientId")).isEqualTo(survivor.id);
    assertThat(api.get("/api/v1/appointments/" + addedSince).string("patientId"))
        .as("booked on the survivor after the merge: stays")
        .isEqualTo(survivor.id);
    assertThat(
            consents.permits(
                PatientId.of(UUID.fromString(survivor.id)),
                ConsentChannel.EMAIL,
                ConsentPurpose.APPOINTMENT_MESSAGES))
        .isTrue();
    Map<String, Long> after = snapshot(survivor, duplicate);
    after.computeIfPresent("appointment:" + survivor.id, (k, v) -> v - 1); // the one booked since
    assertThat(after).isEqualTo(before);
    assertThat(
            jdbc.sql(
                    "SELECT status FROM patient_duplicate WHERE least(patient_id, candidate_id) = least(?::uuid, ?::uuid) AND greatest(patient_id, candidate_id) = greatest(?::uuid, ?::uuid)")
                .params(survivor.id, duplicate.id, survivor.id, duplicate.id)
                .query(String.class)
                .single())
        .as("told apart for good")
        .isEqualTo("distinct");
  }

  @Test
  void aMergeCannotBeUndoneAfterTheGracePeriod() {
    Person survivor = staffRegisters("Paul", "Girard" + tag, "1966-07-07", null, null);
    Person duplicate = staffRegisters("Paul", "Girard" + tag, "1966-07-07", null, null);
    String merge = merge(survivor, duplicate).string("id");
    clock.advance(Duration.ofDays(31));

    var refused =
        api.post("/api/v1/patients/merges/" + merge + "/unmerge", Map.of("reason", "Too late"));

    assertThatProblem(refused).is(409, "unmerge-too-late").withDetailContaining(merge);
    assertThat(api.get("/api/v1/patients/" + duplicate.id).string("status")).isEqualTo("merged");
  }

  @Test
  void twoVisitsAtTheSameTimeRefuseTheMergeAndNothingMoves() {
    Person survivor = staffRegisters("Inès", "Roux" + tag, "1999-01-20", null, null);
    Person duplicate = staffRegisters("Ines", "Roux" + tag, "1999-01-20", null, null);
    String start = nextSlot();
    String ours = bookAt(survivor, start, clinic);
    ClinicFixture other = ClinicFixture.create(admin);
    String theirs = bookAt(duplicate, start, other);

    var refused = merge(survivor, duplicate);

    assertThatProblem(refused)
        .is(409, "merge-overlapping-visits")
        .withDetailContaining(ours, theirs);
    assertThat(api.get("/api/v1/patients/" + duplicate.id).string("status")).isEqualTo("active");
    assertThat(api.get("/api/v1/appointments/" + theirs).string("patientId"))
        .isEqualTo(duplicate.id);
  }

  @Test
  void mergingIntoARecordThatIsLaterMergedKeepsEveryTombstoneOneStepAway() {
    Person a = staffRegisters("Luc", "Faure" + tag, "1950-05-05", null, null);
    Person b = staffRegisters("Luc", "Faure" + tag, "1950-05-05", null, null);
    Person c = staffRegisters("Luc", "Faure" + tag, "1950-05-05", null, null);
    String first = merge(b, a).string("id");
    String second = merge(c, b).string("id");

    var tombstone = api.get("/api/v1/patients/" + a.id).body();
    var blocked =
        api.post("/api/v1/patients/merges/" + first + "/unmerge", Map.of("reason", "Mistake"));
    var undone =
        api.post("/api/v1/patients/merges/" + second + "/unmerge", Map.of("reason", "Mistake"));
    String aPointsAt = api.get("/api/v1/patients/" + a.id).string("mergedInto");
    var thenFirst =
        api.post("/api/v1/patients/merges/" + first + "/unmerge", Map.of("reason", "Mistake"));

    assertThat(tombstone.get("mergedInto").asString()).isEqualTo(c.id);
    assertThatProblem(blocked).is(409, "unmerge-later-merge-first").withDetailContaining(second);
    assertThat(undone.status()).as(undone.toString()).isEqualTo(200);
    assertThat(aPointsAt).isEqualTo(b.id);
    assertThat(thenFirst.status()).as(thenFirst.toString()).isEqualTo(200);
    assertThat(api.get("/api/v1/patients/" + a.id).string("status")).isEqualTo("active");
  }

  @Test
  void bookingAMergedRecordBooksTheSurvivor() {
    Person survivor = staffRegisters("Nina", "Blanc" + tag, "1988-08-08", null, null);
    Person duplicate = staffRegisters("Nina", "Blanc" + tag, "1988-08-08", null, null);
    merge(survivor, duplicate);

    String appointment = book(duplicate);

    assertThat(api.get("/api/v1/appointments/" + appointment).string("patientId"))
        .isEqualTo(survivor.id);
  }

  @Test
  void erasingAPersonErasesTheRecordsMergedIntoTheirs() {
    Person survivor =
        staffRegisters("Rémi", "Garnier" + tag, "1970-12-12", "+33611" + six(6), null);
    Person duplicate =
        staffRegisters("Remi", "Garnier" + tag, "1970-12-12", "+33622" + six(7), null);
    merge(survivor, duplicate);

    var erased =
        api.post(
            "/api/v1/patients/" + survivor.id + "/erasure",
            Map.of("reason", "Asked by letter", "requestedVia", "letter"));

    assertThat(erased.status()).as(erased.toString()).isLessThan(300);
    for (Person p : List.of(survivor, duplicate)) {
      assertThat(
              jdbc.sql("SELECT family_name FROM patient WHERE id = ?::uuid")
                  .params(p.id)
                  .query(String.class)
                  .single())
          .isEqualTo("Erased");
    }
    assertThat(api.get("/api/v1/patients?q=Garnier" + tag).body().size()).isZero();
  }

  @Test
  void thePersonsExportHoldsTheirIdentifiersChannelsAndTheRecordsMergedIntoTheirs() {
    Person survivor =
        staffRegisters("Claire", "Mercier" + tag, "1983-03-03", "+33611" + six(8), null);
    Person duplicate =
        staffRegisters("Claire", "Mercier" + tag, "1983-03-03", "+33622" + six(9), null);
    identifier(duplicate, "mrn", "X-" + tag);
    created(
        api.post(
            "/api/v1/patients/" + duplicate.id + "/channel-identities",
            Map.of("channel", "whatsapp", "address", duplicate.phone)));
    merge(survivor, duplicate);

    var byOldId = api.get("/api/v1/patients/" + duplicate.id + "/export").body();

    assertThat(byOldId.get("patient").get("id").asString()).isEqualTo(survivor.id);
    assertThat(values(byOldId.get("identifiers"), "value")).containsExactly("X-" + tag);
    assertThat(values(byOldId.get("channelIdentities"), "address"))
        .containsExactly(duplicate.phone);
    assertThat(values(byOldId.get("mergedRecords"), "id")).containsExactly(duplicate.id);
  }

  @Test
  void aRecordCannotBeMergedIntoItselfNorIntoATombstone() {
    Person a = staffRegisters("Yves", "Perrin" + tag, "1944-04-04", null, null);
    Person b = staffRegisters("Yves", "Perrin" + tag, "1944-04-04", null, null);
    Person c = staffRegisters("Yves", "Perrin" + tag, "1944-04-04", null, null);
    merge(a, b);

    assertThatProblem(merge(a, a)).is(422, "merge-same-record");
    assertThatProblem(merge(b, c)).is(409, "patient-merged").withDetailContaining(a.id);
  }

  // ------------------------------------------------------------------------------- fixtures

  record Person(String id, @Nullable String phone, @Nullable String email) {}

  private Person staffRegisters(
      String given, String family, String birth, @Nullable String phone, @Nullable String email) {
    var created = api.post("/api/v1/patients", details(given, family, birth, phone, email));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(created.string("id"), phone, email);
  }

  /** A patient who booked online: a provisional record. */
  private Person bookingRegisters(
      String given, String family, String birth, @Nullable String phone, @Nullable String email) {
    Map<String, Object> booking = new LinkedHashMap<>();
    booking.put("appointmentTypeId", clinic.consultation.id().toString());
    booking.put("providerId", clinic.provider.id().toString());
    booking.put("start", nextSlot());
    booking.put("patient", details(given, family, birth, phone, email));
    booking.put("source", "web");
    var booked = api.post("/api/v1/appointments", booking);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String id = booked.string("patientId");
    assertThat(api.get("/api/v1/patients/" + id).string("status")).isEqualTo("provisional");
    // Cancelled, so that it blocks nobody's time; it stays the patient's, and moves with them.
    api.post(
        "/api/v1/appointments/" + booked.string("id") + "/cancel",
        Map.of("reason", "test set-up", "cancelledBy", "test"));
    return new Person(id, phone, email);
  }

  private void identifier(Person p, String system, String value) {
    created(
        api.post(
            "/api/v1/patients/" + p.id + "/identifiers", Map.of("system", system, "value", value)));
  }

  private void optOut(Person p, String channel) {
    created(
        api.post(
            "/api/v1/patients/" + p.id + "/consents",
            Map.of(
                "channel",
                channel,
                "purpose",
                "appointment-messages",
                "granted",
                false,
                "source",
                "staff")));
  }

  private Api.Response merge(Person survivor, Person duplicate) {
    return api.post(
        "/api/v1/patients/merges",
        Map.of(
            "survivorId",
            survivor.id,
            "duplicateId",
            duplicate.id,
            "reason",
            "Same person, registered twice"));
  }

  private String book(Person p) {
    return bookAt(p, nextSlot(), clinic);
  }

  private String bookAt(Person p, String start, ClinicFixture at) {
    var booked =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId",
                at.consultation.id().toString(),
                "providerId",
                at.provider.id().toString(),
                "start",
                start,
                "patientId",
                p.id));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return booked.string("id");
  }

  /** Successive half-hours from the day after the test clock's today, never overlapping. */
  private String nextSlot() {
    int n = slot++;
    LocalDate day = clock.instant().atZone(PARIS).toLocalDate().plusDays(1 + n / 16);
    if (day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    return day.atTime(9, 0).plusMinutes(30L * (n % 16)).atZone(PARIS).toOffsetDateTime().toString();
  }

  /** Rows naming each patient, by table. */
  private Map<String, Long> snapshot(Person... people) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Person p : people) {
      PATIENT_COLUMNS.forEach(
          (table, column) -> rows.put(table + ":" + p.id, rowsNaming(table, column, p.id)));
      rows.put("guardian:" + p.id, rowsNaming("patient_relationship", "guardian_id", p.id));
    }
    return rows;
  }

  private long rowsNaming(String table, String column, String id) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?::uuid")
        .params(id)
        .query(Long.class)
        .single();
  }

  private static Map<String, Object> details(
      String given, String family, String birth, @Nullable String phone, @Nullable String email) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("givenName", given);
    body.put("familyName", family);
    body.put("birthDate", birth);
    body.put("phone", phone);
    body.put("email", email);
    return body;
  }

  private static void linked(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
  }

  private static String created(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.string("id");
  }

  private static List<String> values(JsonNode list, @Nullable String field) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(field == null ? n.asString() : n.get(field).asString()));
    return out;
  }

  /** Six digits from a seed: phone numbers of this test's people. */
  private String six(int seed) {
    return String.format("%06d", Math.abs((tag + seed).hashCode()) % 1_000_000);
  }
}
