package org.accueil.scheduling.model;

import static java.time.DayOfWeek.SUNDAY;
import static org.accueil.scheduling.model.PracticeFixture.PARIS;
import static org.accueil.scheduling.model.PracticeFixture.paris;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.accueil.scheduling.model.PracticeFixture.ProviderFixture;
import org.accueil.scheduling.model.PracticeFixture.TypeFixture;
import org.junit.jupiter.api.Test;

/**
 * Slots around Europe/Paris's daylight-saving changes of 2026: on Sunday 29 March clocks jump from
 * 02:00 to 03:00 (+01:00 to +02:00); on Sunday 25 October they fall back from 03:00 to 02:00
 * (+02:00 to +01:00), so 02:00-03:00 happens twice.
 */
class SlotFinderDaylightSavingTests {

  static final Instant EARLY_MARCH = paris("2026-03-01T08:00");

  static final LocalDate SPRING_SATURDAY = LocalDate.of(2026, 3, 28);
  static final LocalDate SPRING_FORWARD = LocalDate.of(2026, 3, 29);
  static final LocalDate SPRING_MONDAY = LocalDate.of(2026, 3, 30);
  static final LocalDate AUTUMN_SATURDAY = LocalDate.of(2026, 10, 24);
  static final LocalDate FALL_BACK = LocalDate.of(2026, 10, 25);
  static final LocalDate AUTUMN_MONDAY = LocalDate.of(2026, 10, 26);

  static final ZoneOffset WINTER = ZoneOffset.ofHours(1);
  static final ZoneOffset SUMMER = ZoneOffset.ofHours(2);

  final PracticeFixture practice = PracticeFixture.paris();
  final ProviderFixture phillips = practice.provider("Phillips").worksEveryDay("09:00-12:00");
  final ProviderFixture chen = practice.provider("Chen").works(SUNDAY, "01:00-04:00");
  final ProviderFixture martinez = practice.provider("Martinez").works(SUNDAY, "02:00-03:00");
  final TypeFixture consultation = practice.type("consultation").lasting(30).offeredBy(phillips);
  final TypeFixture nightVisit = practice.type("night-visit").lasting(30).offeredBy(chen);
  final TypeFixture gapVisit = practice.type("gap-visit").lasting(30).offeredBy(martinez);

  @Test
  void morningSlotsKeepTheirWallClockTimesAcrossTheSpringChange() {
    List<Slot> slots =
        practice.at(EARLY_MARCH).freeSlots(consultation, SPRING_SATURDAY, SPRING_MONDAY);

    List<OffsetDateTime> expected = new ArrayList<>();
    expected.addAll(morning(SPRING_SATURDAY, WINTER));
    expected.addAll(morning(SPRING_FORWARD, SUMMER));
    expected.addAll(morning(SPRING_MONDAY, SUMMER));
    assertThat(slots).extracting(Slot::localStart).containsExactlyElementsOf(expected);
    assertThat(slotsPerDay(slots)).containsExactly(6L, 6L, 6L);
    assertThat(slots).extracting(Slot::start).doesNotHaveDuplicates();
    assertThat(slots).allSatisfy(slot -> assertLastsThirtyMinutes(slot));
  }

  @Test
  void morningSlotsKeepTheirWallClockTimesAcrossTheAutumnChange() {
    List<Slot> slots =
        practice.at(EARLY_MARCH).freeSlots(consultation, AUTUMN_SATURDAY, AUTUMN_MONDAY);

    List<OffsetDateTime> expected = new ArrayList<>();
    expected.addAll(morning(AUTUMN_SATURDAY, SUMMER));
    expected.addAll(morning(FALL_BACK, WINTER));
    expected.addAll(morning(AUTUMN_MONDAY, WINTER));
    assertThat(slots).extracting(Slot::localStart).containsExactlyElementsOf(expected);
    assertThat(slotsPerDay(slots)).containsExactly(6L, 6L, 6L);
    assertThat(slots).extracting(Slot::start).doesNotHaveDuplicates();
    assertThat(slots).allSatisfy(slot -> assertLastsThirtyMinutes(slot));
  }

  @Test
  void springForwardNightOffersNothingInTheHourThatDoesNotExist() {
    List<Slot> slots =
        practice.at(EARLY_MARCH).freeSlots(nightVisit, SPRING_FORWARD, SPRING_FORWARD);

    // 01:00-04:00 on the wall clock is two hours of real time: four half-hour visits.
    assertThat(slots)
        .extracting(Slot::localStart)
        .containsExactly(
            at(SPRING_FORWARD, "01:00", WINTER),
            at(SPRING_FORWARD, "01:30", WINTER),
            at(SPRING_FORWARD, "03:00", SUMMER),
            at(SPRING_FORWARD, "03:30", SUMMER));
    assertThat(slots).extracting(Slot::start).doesNotHaveDuplicates();
    assertThat(slots).allSatisfy(slot -> assertLastsThirtyMinutes(slot));
    Instant periodStart = at(SPRING_FORWARD, "01:00", WINTER).toInstant();
    Instant periodEnd = at(SPRING_FORWARD, "04:00", SUMMER).toInstant();
    assertThat(slots)
        .allSatisfy(
            slot -> {
              assertThat(slot.start()).isAfterOrEqualTo(periodStart);
              assertThat(slot.end()).isBeforeOrEqualTo(periodEnd);
            });
  }

  @Test
  void fallBackNightOffersBothInstantsOfTheHourThatHappensTwice() {
    List<Slot> slots = practice.at(EARLY_MARCH).freeSlots(nightVisit, FALL_BACK, FALL_BACK);

    // 01:00-04:00 on the wall clock is four hours of real time: eight half-hour visits.
    assertThat(slots)
        .extracting(Slot::localStart)
        .containsExactly(
            at(FALL_BACK, "01:00", SUMMER),
            at(FALL_BACK, "01:30", SUMMER),
            at(FALL_BACK, "02:00", SUMMER),
            at(FALL_BACK, "02:30", SUMMER),
            at(FALL_BACK, "02:00", WINTER),
            at(FALL_BACK, "02:30", WINTER),
            at(FALL_BACK, "03:00", WINTER),
            at(FALL_BACK, "03:30", WINTER));
    assertThat(slots).extracting(Slot::start).doesNotHaveDuplicates();
    assertThat(slots).allSatisfy(slot -> assertLastsThirtyMinutes(slot));
    Instant periodStart = at(FALL_BACK, "01:00", SUMMER).toInstant();
    Instant periodEnd = at(FALL_BACK, "04:00", WINTER).toInstant();
    assertThat(slots)
        .allSatisfy(
            slot -> {
              assertThat(slot.start()).isAfterOrEqualTo(periodStart);
              assertThat(slot.end()).isBeforeOrEqualTo(periodEnd);
            });
  }

  @Test
  void bookingAtNineOnEitherChangeDayIsAcceptedWithThatDaysOffset() {
    PracticeFixture.Desk desk = practice.at(EARLY_MARCH);

    Verdict spring = desk.check(consultation, phillips, paris("2026-03-29T09:00"));
    Verdict autumn = desk.check(consultation, phillips, paris("2026-10-25T09:00"));

    assertThat(spring)
        .isInstanceOfSatisfying(
            Verdict.Free.class,
            free -> {
              assertThat(free.slot().localStart()).isEqualTo(at(SPRING_FORWARD, "09:00", SUMMER));
              assertThat(free.slot().localEnd()).isEqualTo(at(SPRING_FORWARD, "09:30", SUMMER));
            });
    assertThat(autumn)
        .isInstanceOfSatisfying(
            Verdict.Free.class,
            free -> {
              assertThat(free.slot().localStart()).isEqualTo(at(FALL_BACK, "09:00", WINTER));
              assertThat(free.slot().localEnd()).isEqualTo(at(FALL_BACK, "09:30", WINTER));
            });
  }

  /**
   * 02:30 on 29 March names no instant. Whichever instant a caller derives from it, the engine
   * judges that instant for what it is on the real clock: with the winter offset (what {@code
   * ZonedDateTime} resolves it to) it is 03:30+02:00, with the summer offset it is 01:30+01:00. For
   * a provider working 09:00-12:00 both are outside working hours.
   */
  @Test
  void bookingAtHalfPastTwoOnTheSpringChangeIsRefusedHoweverItIsRead() {
    PracticeFixture.Desk desk = practice.at(EARLY_MARCH);
    var outside = new Rejection.OutsideWorkingHours(phillips.provider(), SPRING_FORWARD);

    for (Instant reading : readingsOfHalfPastTwoOnSpringForward()) {
      assertThat(desk.check(consultation, phillips, reading))
          .isEqualTo(new Verdict.Refused(outside));
    }
  }

  @Test
  void providerWorkingOnlyTheMissingHourHasNothingOnTheSpringChangeAndRefusesHalfPastTwo() {
    PracticeFixture.Desk desk = practice.at(EARLY_MARCH);

    assertThat(desk.freeSlots(gapVisit, SPRING_FORWARD, SPRING_FORWARD)).isEmpty();
    assertThat(desk.freeSlots(gapVisit, SPRING_FORWARD.minusWeeks(1), SPRING_FORWARD.minusWeeks(1)))
        .extracting(Slot::localStart)
        .containsExactly(
            at(SPRING_FORWARD.minusWeeks(1), "02:00", WINTER),
            at(SPRING_FORWARD.minusWeeks(1), "02:30", WINTER));
    var outside = new Rejection.OutsideWorkingHours(martinez.provider(), SPRING_FORWARD);
    for (Instant reading : readingsOfHalfPastTwoOnSpringForward()) {
      assertThat(desk.check(gapVisit, martinez, reading)).isEqualTo(new Verdict.Refused(outside));
    }
  }

  /**
   * For a provider working through the gap, "02:30" read either way is a real time she works
   * (03:30+02:00 or 01:30+01:00): the engine accepts it as exactly the slot search offers then, and
   * never as a slot labelled 02:30.
   */
  @Test
  void halfPastTwoOnTheSpringChangeIsJudgedAsTheRealTimeItIs() {
    PracticeFixture.Desk desk = practice.at(EARLY_MARCH);
    List<Slot> offered = desk.freeSlots(nightVisit, SPRING_FORWARD, SPRING_FORWARD);

    for (Instant reading : readingsOfHalfPastTwoOnSpringForward()) {
      Verdict verdict = desk.check(nightVisit, chen, reading);
      assertThat(verdict).isInstanceOf(Verdict.Free.class);
      Slot slot = ((Verdict.Free) verdict).slot();
      assertThat(offered).contains(slot);
      assertThat(slot.localStart().toLocalTime()).isNotEqualTo(LocalTime.of(2, 30));
    }
  }

  @Test
  void bothInstantsOfHalfPastTwoOnTheAutumnChangeCanBeBooked() {
    PracticeFixture.Desk desk = practice.at(EARLY_MARCH);
    Instant first = at(FALL_BACK, "02:30", SUMMER).toInstant();
    Instant second = at(FALL_BACK, "02:30", WINTER).toInstant();

    Verdict earlier = desk.check(nightVisit, chen, first);
    Verdict later = desk.check(nightVisit, chen, second);

    assertThat(Duration.between(first, second)).isEqualTo(Duration.ofHours(1));
    assertThat(earlier)
        .isInstanceOfSatisfying(
            Verdict.Free.class,
            free -> assertThat(free.slot().localStart()).isEqualTo(at(FALL_BACK, "02:30", SUMMER)));
    assertThat(later)
        .isInstanceOfSatisfying(
            Verdict.Free.class,
            free -> assertThat(free.slot().localStart()).isEqualTo(at(FALL_BACK, "02:30", WINTER)));
  }

  /**
   * Every half hour of real time through both change nights: booking accepts what search offers.
   */
  @Test
  void bookingAcceptsExactlyTheNightSlotsSearchOffersOnBothChangeDays() {
    PracticeFixture.Desk desk = practice.at(EARLY_MARCH);

    for (LocalDate day : List.of(SPRING_FORWARD, FALL_BACK)) {
      List<Slot> offered = desk.freeSlots(nightVisit, day, day);
      assertThat(acceptedThroughTheNight(desk, nightVisit, chen, day))
          .as("accepted on %s", day)
          .containsExactlyElementsOf(offered);
    }
  }

  /**
   * Hours that start at 02:30 on 29 March start when the clocks jump, at 03:00+02:00: no wall-clock
   * time between 02:30 and 03:00 exists that day.
   */
  @Test
  void hoursStartingInsideTheMissingHourBeginWhenTheClocksJump() {
    var williams = practice.provider("Williams").works(SUNDAY, "02:30-04:00");
    var earlyVisit = practice.type("early-visit").lasting(30).offeredBy(williams);
    PracticeFixture.Desk desk = practice.at(EARLY_MARCH);

    List<Slot> offered = desk.freeSlots(earlyVisit, SPRING_FORWARD, SPRING_FORWARD);

    assertThat(offered)
        .extracting(Slot::localStart)
        .containsExactly(at(SPRING_FORWARD, "03:00", SUMMER), at(SPRING_FORWARD, "03:30", SUMMER));
    assertThat(acceptedThroughTheNight(desk, earlyVisit, williams, SPRING_FORWARD))
        .containsExactlyElementsOf(offered);
  }

  /**
   * Hours that end at 02:30 on 29 March end when the clocks jump, at 03:00+02:00: a visit may not
   * run on to 03:30+02:00, half an hour past the wall-clock end of the working period.
   */
  @Test
  void hoursEndingInsideTheMissingHourEndWhenTheClocksJump() {
    var smith = practice.provider("Smith").works(SUNDAY, "01:00-02:30");
    var hourLong = practice.type("hour-long").lasting(60).every(30).offeredBy(smith);
    PracticeFixture.Desk desk = practice.at(EARLY_MARCH);

    List<Slot> offered = desk.freeSlots(hourLong, SPRING_FORWARD, SPRING_FORWARD);

    assertThat(offered)
        .extracting(Slot::localStart, Slot::localEnd)
        .containsExactly(
            tuple(at(SPRING_FORWARD, "01:00", WINTER), at(SPRING_FORWARD, "03:00", SUMMER)));
    assertThat(acceptedThroughTheNight(desk, hourLong, smith, SPRING_FORWARD))
        .containsExactlyElementsOf(offered);
    assertThat(desk.check(hourLong, smith, at(SPRING_FORWARD, "03:00", SUMMER).toInstant()))
        .isEqualTo(
            new Verdict.Refused(
                new Rejection.OutsideWorkingHours(smith.provider(), SPRING_FORWARD)));
  }

  /**
   * What booking accepts, trying every half hour of real time from 22:00 UTC the evening before.
   */
  private static List<Slot> acceptedThroughTheNight(
      PracticeFixture.Desk desk, TypeFixture type, ProviderFixture provider, LocalDate day) {
    Instant from = day.minusDays(1).atTime(22, 0).toInstant(ZoneOffset.UTC);
    Instant until = day.atTime(4, 0).toInstant(ZoneOffset.UTC);
    List<Slot> accepted = new ArrayList<>();
    for (Instant start = from; start.isBefore(until); start = start.plus(Duration.ofMinutes(30))) {
      if (desk.check(type, provider, start) instanceof Verdict.Free free) {
        accepted.add(free.slot());
      }
    }
    return accepted;
  }

  private static List<Instant> readingsOfHalfPastTwoOnSpringForward() {
    LocalDateTime halfPastTwo = SPRING_FORWARD.atTime(2, 30);
    return List.of(
        halfPastTwo.atZone(PARIS).toInstant(),
        halfPastTwo.toInstant(WINTER),
        halfPastTwo.toInstant(SUMMER));
  }

  /** 09:00, 09:30, ... 11:30 on {@code day}, at {@code offset}. */
  private static List<OffsetDateTime> morning(LocalDate day, ZoneOffset offset) {
    List<OffsetDateTime> starts = new ArrayList<>();
    for (LocalTime time = LocalTime.of(9, 0);
        time.isBefore(LocalTime.of(12, 0));
        time = time.plusMinutes(30)) {
      starts.add(OffsetDateTime.of(day, time, offset));
    }
    return starts;
  }

  /** How many slots each day has, in date order. */
  private static List<Long> slotsPerDay(List<Slot> slots) {
    return slots.stream()
        .collect(
            Collectors.groupingBy(
                s -> s.localStart().toLocalDate(), TreeMap::new, Collectors.counting()))
        .values()
        .stream()
        .toList();
  }

  private static OffsetDateTime at(LocalDate day, String time, ZoneOffset offset) {
    return OffsetDateTime.of(day, LocalTime.parse(time), offset);
  }

  private static void assertLastsThirtyMinutes(Slot slot) {
    assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(Duration.ofMinutes(30));
  }
}
