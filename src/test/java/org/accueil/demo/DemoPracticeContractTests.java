package org.accueil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.accueil.practice.Provider;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Demo;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The API as the practice's integrators (and the acceptance checks) call it, on the demo practice.
 * This class books only in the week of 2027-02-08; other weeks stay untouched.
 */
@AccueilTest
class DemoPracticeContractTests {

  @Autowired Api api;
  @Autowired Demo demo;
  @Autowired TestClock clock;

  DemoPractice practice;

  @BeforeEach
  void mondayMorningInParis() {
    clock.setParis(LocalDateTime.of(2027, 1, 25, 8, 0));
    practice = demo.practice();
  }

  @Test
  void providersAreOpenToReadAndNamedWithTheirSurname() {
    var response = api.anonymous().get("/api/v1/providers");

    assertThat(response.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    response.body().forEach(p -> names.add(p.get("name").asString()));
    assertThat(names)
        .contains(
            "Dr Emma Phillips",
            "Dr Marc Johnson",
            "Dr Sofia Martinez",
            "Dr Wei Chen",
            "Dr Luca Williams",
            "Dr Anna Smith");
    response.body().forEach(p -> assertThat(p.get("id").asString()).isNotBlank());
  }

  @Test
  void appointmentTypesAreNamedInTheCallersLanguage() {
    var english = api.anonymous().get("/api/v1/appointment-types");
    var french = api.anonymous().with("Accept-Language", "fr").get("/api/v1/appointment-types");
    var italian = api.anonymous().with("Accept-Language", "it").get("/api/v1/appointment-types");

    assertThat(names(english.body())).contains("Annual check-up", "Joint injection", "Vaccination");
    assertThat(names(french.body())).contains("Bilan annuel", "Infiltration articulaire");
    assertThat(names(italian.body())).contains("Visita di controllo annuale", "Televisita");
    assertThat(english.body().size()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void slotsCarryTheOffsetOfParisAndTheirProvider() {
    var slots =
        slots(
            Map.of(
                "appointmentType",
                type("annual-checkup"),
                "from",
                "2027-02-01",
                "to",
                "2027-02-05"));

    assertThat(slots).isNotEmpty();
    for (JsonNode slot : slots) {
      OffsetDateTime start = OffsetDateTime.parse(slot.get("start").asString());
      OffsetDateTime end = OffsetDateTime.parse(slot.get("end").asString());
      assertThat(start.getOffset().getTotalSeconds()).isEqualTo(3600);
      assertThat(end).isEqualTo(start.plusMinutes(30));
      assertThat(slot.get("providerId").asString()).isNotBlank();
    }
    List<OffsetDateTime> starts =
        slots.stream().map(s -> OffsetDateTime.parse(s.get("start").asString())).toList();
    assertThat(starts).isSorted();
  }

  @Test
  void drJohnsonSeesNewPatientsOnlyOnTuesdayAfternoons() {
    Provider johnson = practice.drJohnson();
    var forNewPatients =
        slots(
            Map.of(
                "appointmentType", type("annual-checkup"),
                "from", "2027-02-01",
                "to", "2027-02-14",
                "provider", johnson.id().toString(),
                "newPatient", "true"));
    var newPatientVisits =
        slots(
            Map.of(
                "appointmentType",
                type("new-patient-visit"),
                "from",
                "2027-02-01",
                "to",
                "2027-02-14",
                "provider",
                johnson.id().toString()));

    assertThat(forNewPatients).isNotEmpty();
    assertThat(newPatientVisits).isNotEmpty();
    for (JsonNode slot : concat(forNewPatients, newPatientVisits)) {
      OffsetDateTime start = OffsetDateTime.parse(slot.get("start").asString());
      OffsetDateTime end = OffsetDateTime.parse(slot.get("end").asString());
      assertThat(start.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
      assertThat(start.toLocalTime()).isAfterOrEqualTo(LocalTime.of(13, 0));
      assertThat(end.toLocalTime()).isBeforeOrEqualTo(LocalTime.of(18, 0));
    }
  }

  @Test
  void drJohnsonSeesReturningPatientsAllWeekButNeverOnTuesdayMorning() {
    var slots =
        slots(
            Map.of(
                "appointmentType", type("annual-checkup"),
                "from", "2027-02-01",
                "to", "2027-02-07",
                "provider", practice.drJohnson().id().toString(),
                "newPatient", "false"));

    assertThat(days(slots))
        .contains(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
    for (JsonNode slot : slots) {
      OffsetDateTime start = OffsetDateTime.parse(slot.get("start").asString());
      if (start.getDayOfWeek() == DayOfWeek.TUESDAY) {
        assertThat(start.toLocalTime()).isAfterOrEqualTo(LocalTime.of(13, 0));
      }
    }
  }

  @Test
  void drMartinezNeverWorksOnFridays() {
    var slots =
        slots(
            Map.of(
                "appointmentType",
                type("paediatric-visit"),
                "from",
                "2027-02-01",
                "to",
                "2027-02-14",
                "provider",
                practice.drMartinez().id().toString()));

    assertThat(days(slots)).isNotEmpty().doesNotContain(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
  }

  @Test
  void drPhillipsConsultsOnMondayWednesdayAndFriday() {
    var slots =
        slots(
            Map.of(
                "appointmentType", type("dermatology-consultation"),
                "from", "2027-02-01",
                "to", "2027-02-07"));

    assertThat(days(slots))
        .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
  }

  @Test
  void nineOClockStaysNineOClockAcrossTheSpringAndAutumnClockChanges() {
    String smith = practice.drSmith().id().toString();
    clock.setParis(LocalDateTime.of(2026, 3, 20, 8, 0));
    var spring =
        slots(
            Map.of(
                "appointmentType",
                type("follow-up"),
                "from",
                "2026-03-28",
                "to",
                "2026-03-30",
                "provider",
                smith));
    clock.setParis(LocalDateTime.of(2026, 10, 16, 8, 0));
    var autumn =
        slots(
            Map.of(
                "appointmentType",
                type("follow-up"),
                "from",
                "2026-10-24",
                "to",
                "2026-10-26",
                "provider",
                smith));

    // Saturday before and Monday after each change: same wall-clock grid, new offset.
    assertThat(startsOn(spring, "2026-03-28")).first().isEqualTo("2026-03-28T09:00+01:00");
    assertThat(startsOn(spring, "2026-03-30")).first().isEqualTo("2026-03-30T08:00+02:00");
    assertThat(startsOn(autumn, "2026-10-24")).first().isEqualTo("2026-10-24T09:00+02:00");
    assertThat(startsOn(autumn, "2026-10-26")).first().isEqualTo("2026-10-26T08:00+01:00");
    for (List<String> day :
        List.of(
            startsOn(spring, "2026-03-28"),
            startsOn(spring, "2026-03-30"),
            startsOn(autumn, "2026-10-24"),
            startsOn(autumn, "2026-10-26"))) {
      assertThat(day).doesNotHaveDuplicates();
      assertThat(day.stream().map(t -> t.substring(11, 16)).toList())
          .allMatch(
              t ->
                  t.endsWith(":00") || t.endsWith(":15") || t.endsWith(":30") || t.endsWith(":45"));
    }
    // 12 quarter-hours on Saturday morning, 32 on Monday (08:00-12:00, 13:30-17:30): none lost.
    assertThat(startsOn(spring, "2026-03-28")).hasSize(12);
    assertThat(startsOn(autumn, "2026-10-24")).hasSize(12);
    assertThat(startsOn(spring, "2026-03-30")).hasSize(32);
    assertThat(startsOn(autumn, "2026-10-26")).hasSize(32);
  }

  private static List<String> startsOn(List<JsonNode> slots, String date) {
    return slots.stream()
        .map(s -> OffsetDateTime.parse(s.get("start").asString()))
        .filter(start -> start.toLocalDate().toString().equals(date))
        .map(start -> start.toString())
        .toList();
  }

  @Test
  void newYearsDayIsAHolidayWithNoSlots() {
    clock.setParis(LocalDateTime.of(2026, 12, 28, 8, 0));

    var slots =
        slots(
            Map.of("appointmentType", type("follow-up"), "from", "2027-01-01", "to", "2027-01-01"));

    assertThat(slots).isEmpty();
  }

  @Test
  void jointInjectionsTakeTheProcedureRoomAndKeepTenMinutesAfter() {
    String injection = type("joint-injection");
    String williams = practice.drWilliams().id().toString();
    var first =
        slots(
            Map.of(
                "appointmentType",
                injection,
                "from",
                "2027-02-09",
                "to",
                "2027-02-09",
                "provider",
                williams));
    assertThat(first).isNotEmpty();
    String room = first.getFirst().get("roomId").asString();
    assertThat(room).isNotBlank();

    var booked =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId",
                injection,
                "providerId",
                williams,
                "start",
                "2027-02-09T09:00:00+01:00",
                "patient",
                patient("Jeanne", "Injection")));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(booked.string("roomId")).isEqualTo(room);

    // The buffer keeps 09:30-09:40 free after the injection: a follow-up fits only from 09:45.
    var followUps =
        slots(
            Map.of(
                "appointmentType",
                type("follow-up"),
                "from",
                "2027-02-09",
                "to",
                "2027-02-09",
                "provider",
                williams));
    List<String> times =
        followUps.stream().map(s -> s.get("start").asString().substring(11, 16)).toList();
    assertThat(times).doesNotContain("09:00", "09:15", "09:30").contains("09:45");
  }

  @Test
  void aBookedTimeIsRefusedToTheNextPatientWithTheAppointmentInTheWay() {
    String checkup = type("annual-checkup");
    String chen = practice.drChen().id().toString();
    var first =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId",
                checkup,
                "providerId",
                chen,
                "start",
                "2027-02-10T10:00:00+01:00",
                "patient",
                patient("Ada", "Lovelace")));
    var second =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId",
                checkup,
                "providerId",
                chen,
                "start",
                "2027-02-10T10:15:00+01:00",
                "patient",
                patient("Grace", "Hopper")));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.string("status")).isEqualTo("booked");
    assertThat(first.header("Location")).endsWith("/api/v1/appointments/" + first.string("id"));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.header("Content-Type")).startsWith("application/problem+json");
    assertThat(second.string("conflictingAppointmentId")).isEqualTo(first.string("id"));
    assertThat(second.string("detail")).contains(first.string("id"));
  }

  private String type(String code) {
    return practice.type(code).id().toString();
  }

  private List<JsonNode> slots(Map<String, String> query) {
    StringBuilder path = new StringBuilder("/api/v1/slots?");
    query.forEach((k, v) -> path.append(k).append('=').append(v).append('&'));
    var response = api.anonymous().get(path.toString());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<JsonNode> slots = new ArrayList<>();
    response.body().forEach(slots::add);
    return slots;
  }

  private static List<String> names(JsonNode types) {
    List<String> names = new ArrayList<>();
    types.forEach(t -> names.add(t.get("name").asString()));
    return names;
  }

  private static List<DayOfWeek> days(List<JsonNode> slots) {
    return slots.stream()
        .map(s -> OffsetDateTime.parse(s.get("start").asString()).getDayOfWeek())
        .distinct()
        .toList();
  }

  private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
    List<JsonNode> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static Map<String, String> patient(String given, String family) {
    return Map.of("givenName", given, "familyName", family, "birthDate", "1980-05-17");
  }
}
