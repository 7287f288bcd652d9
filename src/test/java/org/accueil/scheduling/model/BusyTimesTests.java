package org.accueil.scheduling.model;

import static org.accueil.scheduling.model.PracticeFixture.PARIS;
import static org.accueil.scheduling.model.PracticeFixture.paris;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.junit.jupiter.api.Test;

/** Busy time is half-open, [from, until): a visit may start the instant another ends. */
class BusyTimesTests {

  static final ProviderId JOHNSON = ProviderId.of(UUID.nameUUIDFromBytes("Johnson".getBytes()));
  static final ProviderId PHILLIPS = ProviderId.of(UUID.nameUUIDFromBytes("Phillips".getBytes()));
  static final RoomId PROCEDURE_ROOM = RoomId.of(UUID.nameUUIDFromBytes("Procedure".getBytes()));
  static final AppointmentTypeId VACCINATION =
      AppointmentTypeId.of(UUID.nameUUIDFromBytes("vaccination".getBytes()));
  static final AppointmentTypeId FOLLOW_UP =
      AppointmentTypeId.of(UUID.nameUUIDFromBytes("follow-up".getBytes()));

  @Test
  void timeTouchingABusyIntervalOnEitherSideIsFree() {
    BusyTimes busy = new BusyTimes(List.of(johnson("09:30", "10:00")));

    assertThat(busy.providerFree(JOHNSON, at("09:00"), at("09:30"))).isTrue();
    assertThat(busy.providerFree(JOHNSON, at("10:00"), at("10:30"))).isTrue();
    assertThat(busy.providerConflicts(JOHNSON, at("09:00"), at("09:30"))).isEmpty();
    assertThat(busy.providerConflicts(JOHNSON, at("10:00"), at("10:30"))).isEmpty();
  }

  @Test
  void timeOverlappingABusyIntervalByAnInstantIsTaken() {
    Busy visit = johnson("09:30", "10:00");
    BusyTimes busy = new BusyTimes(List.of(visit));

    assertThat(busy.providerFree(JOHNSON, at("09:00"), at("09:30").plusMillis(1))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("10:00").minusMillis(1), at("10:30"))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("09:40"), at("09:50"))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("09:00"), at("11:00"))).isFalse();
    assertThat(busy.providerConflicts(JOHNSON, at("09:00"), at("11:00"))).containsExactly(visit);
  }

  @Test
  void backToBackAppointmentsLeaveNoGapBetweenThemAndNoneAround() {
    BusyTimes busy = new BusyTimes(List.of(johnson("09:30", "10:00"), johnson("09:00", "09:30")));

    assertThat(busy.providerFree(JOHNSON, at("09:15"), at("09:45"))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("09:29"), at("09:31"))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("08:30"), at("09:00"))).isTrue();
    assertThat(busy.providerFree(JOHNSON, at("10:00"), at("10:30"))).isTrue();
  }

  @Test
  void overlappingEntriesMergeIntoTheirUnion() {
    BusyTimes busy =
        new BusyTimes(
            List.of(
                johnson("10:00", "10:30"), johnson("09:00", "12:00"), johnson("11:30", "12:30")));

    // The long entry swallows the short one and runs into the last: 09:00-12:30 is taken.
    assertThat(busy.providerFree(JOHNSON, at("10:45"), at("11:00"))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("12:00"), at("12:15"))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("08:30"), at("09:00"))).isTrue();
    assertThat(busy.providerFree(JOHNSON, at("12:30"), at("13:00"))).isTrue();
  }

  @Test
  void gapBetweenSeparateEntriesIsFreeExactlyToItsEdges() {
    BusyTimes busy =
        new BusyTimes(
            List.of(
                johnson("14:00", "15:00"), johnson("09:00", "10:00"), johnson("11:00", "12:00")));

    assertThat(busy.providerFree(JOHNSON, at("10:00"), at("11:00"))).isTrue();
    assertThat(busy.providerFree(JOHNSON, at("12:00"), at("14:00"))).isTrue();
    assertThat(busy.providerFree(JOHNSON, at("09:59"), at("11:00"))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("12:00"), at("14:01"))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("15:00"), at("18:00"))).isTrue();
  }

  @Test
  void providersAndRoomsAreBusySeparately() {
    Busy inTheRoom =
        new Busy(
            Busy.Kind.APPOINTMENT,
            UUID.randomUUID(),
            PHILLIPS,
            PROCEDURE_ROOM,
            FOLLOW_UP,
            at("09:00"),
            at("09:00"),
            at("09:30"));
    BusyTimes busy = new BusyTimes(List.of(inTheRoom));

    assertThat(busy.roomFree(PROCEDURE_ROOM, at("09:00"), at("09:30"))).isFalse();
    assertThat(busy.roomFree(PROCEDURE_ROOM, at("09:30"), at("10:00"))).isTrue();
    assertThat(busy.providerFree(PHILLIPS, at("09:00"), at("09:30"))).isFalse();
    assertThat(busy.providerFree(JOHNSON, at("09:00"), at("09:30"))).isTrue();
  }

  @Test
  void conflictsAreListedEarliestFirst() {
    Busy late = johnson("11:00", "11:30");
    Busy early = johnson("09:00", "09:30");
    Busy away = Busy.timeOff(JOHNSON, at("10:00"), at("10:30"));
    BusyTimes busy = new BusyTimes(List.of(late, away, early));

    assertThat(busy.providerConflicts(JOHNSON, at("09:15"), at("11:15")))
        .containsExactly(early, away, late);
  }

  @Test
  void appointmentsAndHoldsAreCountedOnTheLocalDayTheyStart() {
    // 00:30 in Paris on 3 March is still 2 March in UTC.
    BusyTimes busy =
        new BusyTimes(
            List.of(
                visit(Busy.Kind.APPOINTMENT, VACCINATION, paris("2026-03-02T23:30")),
                visit(Busy.Kind.APPOINTMENT, VACCINATION, paris("2026-03-03T00:30")),
                visit(Busy.Kind.HOLD, VACCINATION, paris("2026-03-03T09:00")),
                visit(Busy.Kind.APPOINTMENT, FOLLOW_UP, paris("2026-03-03T10:00"))));

    assertThat(busy.countOn(JOHNSON, VACCINATION, LocalDate.of(2026, 3, 2), PARIS)).isEqualTo(1);
    assertThat(busy.countOn(JOHNSON, VACCINATION, LocalDate.of(2026, 3, 3), PARIS)).isEqualTo(2);
    assertThat(busy.countOn(PHILLIPS, VACCINATION, LocalDate.of(2026, 3, 3), PARIS)).isZero();
  }

  private static Busy johnson(String from, String until) {
    return new Busy(
        Busy.Kind.APPOINTMENT,
        UUID.randomUUID(),
        JOHNSON,
        null,
        FOLLOW_UP,
        at(from),
        at(from),
        at(until));
  }

  private static Busy visit(Busy.Kind kind, AppointmentTypeId type, Instant start) {
    return new Busy(
        kind, UUID.randomUUID(), JOHNSON, null, type, start, start, start.plusSeconds(15 * 60));
  }

  /** That time on Monday 2 March 2026 in Paris. */
  private static Instant at(String time) {
    return paris("2026-03-02T" + time);
  }
}
