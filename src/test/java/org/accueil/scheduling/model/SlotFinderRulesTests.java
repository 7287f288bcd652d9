package org.accueil.scheduling.model;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.accueil.practice.PatientCategory.NEW;
import static org.accueil.practice.PatientCategory.RETURNING;
import static org.accueil.scheduling.model.PracticeFixture.PARIS;
import static org.accueil.scheduling.model.PracticeFixture.appointment;
import static org.accueil.scheduling.model.PracticeFixture.busy;
import static org.accueil.scheduling.model.PracticeFixture.paris;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.accueil.practice.BookingRule;
import org.accueil.practice.LocationId;
import org.accueil.practice.RoomId;
import org.accueil.scheduling.model.PracticeFixture.ProviderFixture;
import org.accueil.scheduling.model.PracticeFixture.TypeFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One booking rule at a time: each test shows the refusal {@code check} gives, naming the rule, and
 * that search never offers the refused time. The week is that of Monday 2 March 2026 in Paris
 * (+01:00 throughout), asked on the Monday at 08:00.
 */
class SlotFinderRulesTests {

  static final Instant MONDAY_MORNING = paris("2026-03-02T08:00");

  static final LocalDate MONDAY_2 = LocalDate.of(2026, 3, 2);
  static final LocalDate TUESDAY_3 = LocalDate.of(2026, 3, 3);
  static final LocalDate WEDNESDAY_4 = LocalDate.of(2026, 3, 4);
  static final LocalDate THURSDAY_5 = LocalDate.of(2026, 3, 5);
  static final LocalDate FRIDAY_6 = LocalDate.of(2026, 3, 6);
  static final LocalDate SUNDAY_8 = LocalDate.of(2026, 3, 8);
  static final LocalDate MONDAY_9 = LocalDate.of(2026, 3, 9);
  static final LocalDate TUESDAY_10 = LocalDate.of(2026, 3, 10);

  final PracticeFixture practice = PracticeFixture.paris();

  @Nested
  class NewPatientsOnTuesdayAfternoon {
    final ProviderFixture johnson =
        practice
            .provider("Johnson")
            .works(MONDAY, "09:00-10:00")
            .works(TUESDAY, "09:00-10:00")
            .works(TUESDAY, "13:00-14:00");
    final ProviderFixture phillips = practice.provider("Phillips").works(MONDAY, "09:00-10:00");
    final TypeFixture consultation = practice.type("consultation").offeredBy(johnson, phillips);
    final TypeFixture firstVisit =
        practice.type("first-visit").forNewPatientsOnly().offeredBy(johnson);
    final BookingRule rule = practice.onlyWithin(johnson, NEW, TUESDAY, "13:00-18:00");

    @Test
    void newPatientsSeeDrJohnsonOnlyOnTuesdayAfternoonAndOtherDoctorsAsUsual() {
      var desk = practice.at(MONDAY_MORNING);

      List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, SUNDAY_8, NEW, none());

      assertThat(practice.describe(slots))
          .containsExactly(
              "2026-03-02T09:00 Phillips",
              "2026-03-02T09:30 Phillips",
              "2026-03-03T13:00 Johnson",
              "2026-03-03T13:30 Johnson");
      assertThat(desk.check(consultation, johnson, paris("2026-03-02T09:00"), NEW, none()))
          .isEqualTo(refused(new Rejection.RestrictedByRule(rule)));
      assertThat(desk.check(consultation, johnson, paris("2026-03-03T09:30"), NEW, none()))
          .isEqualTo(refused(new Rejection.RestrictedByRule(rule)));
      assertThat(desk.check(consultation, johnson, paris("2026-03-03T13:00"), NEW, none()))
          .isInstanceOf(Verdict.Free.class);
    }

    @Test
    void returningPatientsSeeDrJohnsonWheneverHeWorks() {
      var desk = practice.at(MONDAY_MORNING);

      List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, SUNDAY_8, RETURNING, none());

      assertThat(practice.describe(slots))
          .filteredOn(slot -> slot.endsWith("Johnson"))
          .containsExactly(
              "2026-03-02T09:00 Johnson",
              "2026-03-02T09:30 Johnson",
              "2026-03-03T09:00 Johnson",
              "2026-03-03T09:30 Johnson",
              "2026-03-03T13:00 Johnson",
              "2026-03-03T13:30 Johnson");
      assertThat(desk.check(consultation, johnson, paris("2026-03-02T09:00"), RETURNING, none()))
          .isInstanceOf(Verdict.Free.class);
    }

    @Test
    void patientOfUnknownCategoryIsNotHeldToTheNewPatientRule() {
      var desk = practice.at(MONDAY_MORNING);

      List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, SUNDAY_8, null, none());

      assertThat(practice.describe(slots))
          .filteredOn(slot -> slot.endsWith("Johnson"))
          .containsExactly(
              "2026-03-02T09:00 Johnson",
              "2026-03-02T09:30 Johnson",
              "2026-03-03T09:00 Johnson",
              "2026-03-03T09:30 Johnson",
              "2026-03-03T13:00 Johnson",
              "2026-03-03T13:30 Johnson");
      assertThat(desk.check(consultation, johnson, paris("2026-03-02T09:00")))
          .isInstanceOf(Verdict.Free.class);
    }

    @Test
    void newPatientsOnlyTypeIsBookedUnderTheNewPatientRule() {
      var desk = practice.at(MONDAY_MORNING);

      List<Slot> slots = desk.freeSlots(firstVisit, MONDAY_2, SUNDAY_8, null, none());

      assertThat(practice.describe(slots))
          .containsExactly("2026-03-03T13:00 Johnson", "2026-03-03T13:30 Johnson");
      assertThat(desk.check(firstVisit, johnson, paris("2026-03-02T09:00")))
          .isEqualTo(refused(new Rejection.RestrictedByRule(rule)));
    }

    @Test
    void returningPatientCannotBookANewPatientsOnlyType() {
      var desk = practice.at(MONDAY_MORNING);

      assertThat(desk.freeSlots(firstVisit, MONDAY_2, SUNDAY_8, RETURNING, none())).isEmpty();
      assertThat(desk.check(firstVisit, johnson, paris("2026-03-03T13:00"), RETURNING, none()))
          .isEqualTo(refused(new Rejection.NewPatientsOnly(firstVisit.type())));
    }
  }

  // Working hours

  @Test
  void providerWithNoHoursOnFridayIsNeverOfferedOnFriday() {
    var martinez = practice.provider("Martinez");
    for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY)) {
      martinez.works(day, "09:00-10:00");
    }
    var consultation = practice.type("consultation").offeredBy(martinez);
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, SUNDAY_8);

    assertThat(practice.describe(slots))
        .containsExactly(
            "2026-03-02T09:00 Martinez",
            "2026-03-02T09:30 Martinez",
            "2026-03-03T09:00 Martinez",
            "2026-03-03T09:30 Martinez",
            "2026-03-04T09:00 Martinez",
            "2026-03-04T09:30 Martinez",
            "2026-03-05T09:00 Martinez",
            "2026-03-05T09:30 Martinez");
    assertThat(desk.check(consultation, martinez, paris("2026-03-06T09:00")))
        .isEqualTo(refused(new Rejection.OutsideWorkingHours(martinez.provider(), FRIDAY_6)));
  }

  @Test
  void visitRunningPastTheEndOfWorkingHoursIsRefused() {
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-10:00");
    var longVisit = practice.type("long-visit").lasting(45).every(15).offeredBy(johnson);
    var desk = practice.at(MONDAY_MORNING);

    assertThat(practice.describe(desk.freeSlots(longVisit, MONDAY_2, MONDAY_2)))
        .containsExactly("2026-03-02T09:00 Johnson", "2026-03-02T09:15 Johnson");
    assertThat(desk.check(longVisit, johnson, paris("2026-03-02T09:30")))
        .isEqualTo(refused(new Rejection.OutsideWorkingHours(johnson.provider(), MONDAY_2)));
  }

  // Notice and horizon

  @Test
  void visitsNeedingADaysNoticeStartNoEarlierThanTheNoticeAllows() {
    var johnson = practice.provider("Johnson").worksWeekdays("09:00-10:00");
    var consultation =
        practice.type("consultation").bookedAtLeast(Duration.ofHours(25)).offeredBy(johnson);
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, TUESDAY_3);

    // Monday 08:00 plus 25 hours is Tuesday 09:00, which is still bookable.
    assertThat(practice.describe(slots))
        .containsExactly("2026-03-03T09:00 Johnson", "2026-03-03T09:30 Johnson");
    assertThat(desk.check(consultation, johnson, paris("2026-03-02T09:30")))
        .isEqualTo(
            refused(
                new Rejection.TooShortNotice(
                    Duration.ofHours(25), paris("2026-03-03T09:00"), PARIS)));
    assertThat(desk.check(consultation, johnson, paris("2026-03-03T09:00")))
        .isInstanceOf(Verdict.Free.class);
  }

  @Test
  void visitsBeyondTheHorizonAreNotOffered() {
    var johnson = practice.provider("Johnson").worksEveryDay("09:00-09:30");
    var consultation = practice.type("consultation").bookableUpTo(2).offeredBy(johnson);
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, SUNDAY_8);

    assertThat(practice.describe(slots))
        .containsExactly(
            "2026-03-02T09:00 Johnson", "2026-03-03T09:00 Johnson", "2026-03-04T09:00 Johnson");
    assertThat(desk.check(consultation, johnson, paris("2026-03-05T09:00")))
        .isEqualTo(refused(new Rejection.BeyondHorizon(2, WEDNESDAY_4)));
    assertThat(desk.check(consultation, johnson, paris("2026-03-04T09:00")))
        .isInstanceOf(Verdict.Free.class);
  }

  // Buffers

  @Test
  void cleanUpTimeAfterAVisitMustNotRunIntoTheNextAppointment() {
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-12:00");
    var followUp = practice.type("follow-up").offeredBy(johnson);
    var injection = practice.type("injection").keepingFree(0, 10).offeredBy(johnson);
    Busy atTen = appointment(johnson, followUp, paris("2026-03-02T10:00"));
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(injection, MONDAY_2, MONDAY_2, null, busy(atTen));

    // 09:30 would keep Johnson until 10:10; 10:30 needs no time before it.
    assertThat(practice.describe(slots))
        .containsExactly(
            "2026-03-02T09:00 Johnson",
            "2026-03-02T10:30 Johnson",
            "2026-03-02T11:00 Johnson",
            "2026-03-02T11:30 Johnson");
    assertThat(desk.check(injection, johnson, paris("2026-03-02T09:30"), null, busy(atTen)))
        .isEqualTo(refused(new Rejection.SlotTaken(List.of(atTen))));
    assertThat(desk.check(injection, johnson, paris("2026-03-02T10:30"), null, busy(atTen)))
        .isInstanceOf(Verdict.Free.class);
  }

  @Test
  void preparationTimeBeforeAVisitMustNotOverlapThePreviousAppointment() {
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-12:00");
    var followUp = practice.type("follow-up").offeredBy(johnson);
    var minorSurgery = practice.type("minor-surgery").keepingFree(15, 0).offeredBy(johnson);
    Busy atTen = appointment(johnson, followUp, paris("2026-03-02T10:00"));
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(minorSurgery, MONDAY_2, MONDAY_2, null, busy(atTen));

    // 10:30 would need Johnson from 10:15; 09:30 ends as the follow-up starts.
    assertThat(practice.describe(slots))
        .containsExactly(
            "2026-03-02T09:00 Johnson",
            "2026-03-02T09:30 Johnson",
            "2026-03-02T11:00 Johnson",
            "2026-03-02T11:30 Johnson");
    assertThat(desk.check(minorSurgery, johnson, paris("2026-03-02T10:30"), null, busy(atTen)))
        .isEqualTo(refused(new Rejection.SlotTaken(List.of(atTen))));
    assertThat(desk.check(minorSurgery, johnson, paris("2026-03-02T09:30"), null, busy(atTen)))
        .isInstanceOf(Verdict.Free.class);
  }

  @Test
  void visitWithoutBuffersMayTouchItsNeighboursButNotTheirBuffers() {
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-12:00");
    var followUp = practice.type("follow-up").offeredBy(johnson);
    var injection = practice.type("injection").keepingFree(10, 10).offeredBy(johnson);
    Busy plainAtTen = appointment(johnson, followUp, paris("2026-03-02T10:00"));
    Busy injectionAtTen = appointment(johnson, injection, paris("2026-03-02T10:00"));
    var desk = practice.at(MONDAY_MORNING);

    assertThat(
            practice.describe(desk.freeSlots(followUp, MONDAY_2, MONDAY_2, null, busy(plainAtTen))))
        .containsExactly(
            "2026-03-02T09:00 Johnson",
            "2026-03-02T09:30 Johnson",
            "2026-03-02T10:30 Johnson",
            "2026-03-02T11:00 Johnson",
            "2026-03-02T11:30 Johnson");
    // The injection keeps Johnson busy from 09:50 to 10:40.
    assertThat(
            practice.describe(
                desk.freeSlots(followUp, MONDAY_2, MONDAY_2, null, busy(injectionAtTen))))
        .containsExactly(
            "2026-03-02T09:00 Johnson", "2026-03-02T11:00 Johnson", "2026-03-02T11:30 Johnson");
    assertThat(desk.check(followUp, johnson, paris("2026-03-02T10:30"), null, busy(injectionAtTen)))
        .isEqualTo(refused(new Rejection.SlotTaken(List.of(injectionAtTen))));
  }

  @Nested
  class ProcedureRooms {
    final ProviderFixture williams = practice.provider("Williams").works(MONDAY, "09:00-10:00");
    final ProviderFixture phillips = practice.provider("Phillips");
    final ProviderFixture smith = practice.provider("Smith");
    final RoomId procedureA = practice.room("Procedure A", "procedure");
    final RoomId procedureB = practice.room("Procedure B", "procedure");
    final RoomId exam = practice.room("Exam 1", "exam");
    final TypeFixture jointInjection =
        practice.type("joint-injection").inA("procedure").offeredBy(williams);
    final TypeFixture skinBiopsy = practice.type("skin-biopsy").offeredBy(phillips, smith);

    @Test
    void visitNeedingAProcedureRoomIsOfferedWithOne() {
      var desk = practice.at(MONDAY_MORNING);

      List<Slot> slots = desk.freeSlots(jointInjection, MONDAY_2, MONDAY_2);

      assertThat(slots)
          .extracting(s -> s.localStart().toLocalTime().toString(), Slot::room)
          .containsExactly(tuple("09:00", procedureA), tuple("09:30", procedureA));
    }

    @Test
    void visitTakesAnotherRoomOfTheKindWhenTheFirstIsBusy() {
      BusyTimes busy =
          busy(appointment(phillips, skinBiopsy, paris("2026-03-02T09:00"), procedureA));
      var desk = practice.at(MONDAY_MORNING);

      List<Slot> slots = desk.freeSlots(jointInjection, MONDAY_2, MONDAY_2, null, busy);

      assertThat(slots)
          .extracting(s -> s.localStart().toLocalTime().toString(), Slot::room)
          .containsExactly(tuple("09:00", procedureB), tuple("09:30", procedureA));
    }

    @Test
    void visitIsRefusedWhenEveryRoomOfItsKindIsBusyEvenIfAnotherKindIsFree() {
      BusyTimes busy =
          busy(
              appointment(phillips, skinBiopsy, paris("2026-03-02T09:00"), procedureA),
              appointment(smith, skinBiopsy, paris("2026-03-02T09:00"), procedureB));
      var desk = practice.at(MONDAY_MORNING);

      List<Slot> slots = desk.freeSlots(jointInjection, MONDAY_2, MONDAY_2, null, busy);

      assertThat(slots)
          .extracting(s -> s.localStart().toLocalTime().toString(), Slot::room)
          .containsExactly(tuple("09:30", procedureA));
      Verdict verdict = desk.check(jointInjection, williams, paris("2026-03-02T09:00"), null, busy);
      assertThat(verdict).isInstanceOf(Verdict.Refused.class);
      Rejection reason = ((Verdict.Refused) verdict).reason();
      assertThat(reason).isInstanceOf(Rejection.NoRoomAvailable.class);
      var noRoom = (Rejection.NoRoomAvailable) reason;
      assertThat(noRoom.kind()).isEqualTo("procedure");
      assertThat(noRoom.location()).isEqualTo(practice.location(practice.riverside()));
      assertThat(noRoom.inTheWay())
          .extracting(Busy::room)
          .containsExactlyInAnyOrder(procedureA, procedureB);
    }
  }

  // Daily cap

  @Test
  void dailyCapClosesTheDayOnceReachedAndLeavesOtherDaysOpen() {
    var chen = practice.provider("Chen").works(MONDAY, "09:00-11:00").works(TUESDAY, "09:00-11:00");
    var vaccination = practice.type("vaccination").atMostPerDay(2).offeredBy(chen);
    BusyTimes twoOnMonday =
        busy(
            appointment(chen, vaccination, paris("2026-03-02T09:00")),
            appointment(chen, vaccination, paris("2026-03-02T09:30")));
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(vaccination, MONDAY_2, TUESDAY_3, null, twoOnMonday);

    assertThat(practice.describe(slots))
        .containsExactly(
            "2026-03-03T09:00 Chen",
            "2026-03-03T09:30 Chen",
            "2026-03-03T10:00 Chen",
            "2026-03-03T10:30 Chen");
    assertThat(desk.check(vaccination, chen, paris("2026-03-02T10:00"), null, twoOnMonday))
        .isEqualTo(
            refused(
                new Rejection.DailyCapReached(vaccination.type(), chen.provider(), 2, MONDAY_2)));
  }

  @Test
  void dailyCapCountsOnlyVisitsOfItsTypeAndStaysOpenBelowTheCap() {
    var chen = practice.provider("Chen").works(MONDAY, "09:00-11:00");
    var vaccination = practice.type("vaccination").atMostPerDay(2).offeredBy(chen);
    var followUp = practice.type("follow-up").offeredBy(chen);
    BusyTimes busy =
        busy(
            appointment(chen, vaccination, paris("2026-03-02T09:00")),
            appointment(chen, followUp, paris("2026-03-02T09:30")));
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(vaccination, MONDAY_2, MONDAY_2, null, busy);

    assertThat(practice.describe(slots))
        .containsExactly("2026-03-02T10:00 Chen", "2026-03-02T10:30 Chen");
    assertThat(desk.check(vaccination, chen, paris("2026-03-02T10:00"), null, busy))
        .isInstanceOf(Verdict.Free.class);
  }

  // Closures and date overrides

  @Test
  void closedDaysOfferNothingWhetherOneLocationOrTheWholePracticeCloses() {
    LocationId annexe = practice.anotherLocation("Annexe");
    var johnson = practice.provider("Johnson").worksWeekdays("09:00-09:30");
    var phillips = practice.provider("Phillips");
    for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
      phillips.works(day, "09:00-09:30", annexe);
    }
    var consultation = practice.type("consultation").offeredBy(johnson, phillips);
    practice.closed(WEDNESDAY_4, "Staff training");
    practice.closedEverywhere(THURSDAY_5, "Public holiday");
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, FRIDAY_6);

    assertThat(practice.describe(slots))
        .containsExactlyInAnyOrder(
            "2026-03-02T09:00 Johnson",
            "2026-03-02T09:00 Phillips",
            "2026-03-03T09:00 Johnson",
            "2026-03-03T09:00 Phillips",
            "2026-03-04T09:00 Phillips",
            "2026-03-06T09:00 Johnson",
            "2026-03-06T09:00 Phillips");
    assertThat(desk.check(consultation, johnson, paris("2026-03-04T09:00")))
        .isEqualTo(
            refused(
                new Rejection.LocationClosed(
                    practice.location(practice.riverside()), WEDNESDAY_4, "Staff training")));
    assertThat(desk.check(consultation, johnson, paris("2026-03-05T09:00")))
        .isEqualTo(
            refused(
                new Rejection.LocationClosed(
                    practice.location(practice.riverside()), THURSDAY_5, "Public holiday")));
    assertThat(desk.check(consultation, phillips, paris("2026-03-05T09:00")))
        .isEqualTo(
            refused(
                new Rejection.LocationClosed(
                    practice.location(annexe), THURSDAY_5, "Public holiday")));
  }

  @Test
  void dateOverrideReplacesTheUsualWeekAndAnEmptyOneIsADayOff() {
    var johnson =
        practice
            .provider("Johnson")
            .works(MONDAY, "09:00-10:00")
            .works(TUESDAY, "09:00-10:00")
            .worksInstead(MONDAY_2, "14:00-15:00")
            .dayOff(TUESDAY_3)
            .worksInstead(WEDNESDAY_4, "16:00-16:30");
    var consultation = practice.type("consultation").offeredBy(johnson);
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, TUESDAY_10);

    assertThat(practice.describe(slots))
        .containsExactly(
            "2026-03-02T14:00 Johnson",
            "2026-03-02T14:30 Johnson",
            "2026-03-04T16:00 Johnson",
            "2026-03-09T09:00 Johnson",
            "2026-03-09T09:30 Johnson",
            "2026-03-10T09:00 Johnson",
            "2026-03-10T09:30 Johnson");
    assertThat(desk.check(consultation, johnson, paris("2026-03-02T09:00")))
        .isEqualTo(refused(new Rejection.OutsideWorkingHours(johnson.provider(), MONDAY_2)));
    assertThat(desk.check(consultation, johnson, paris("2026-03-03T09:00")))
        .isEqualTo(refused(new Rejection.OutsideWorkingHours(johnson.provider(), TUESDAY_3)));
  }

  // Time off

  @Test
  void providerAwayIsNotOfferedDuringTheAbsence() {
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-12:00");
    var consultation = practice.type("consultation").offeredBy(johnson);
    BusyTimes busy = busy(johnson.away(paris("2026-03-02T10:00"), paris("2026-03-02T11:00")));
    var desk = practice.at(MONDAY_MORNING);

    List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, MONDAY_2, null, busy);

    assertThat(practice.describe(slots))
        .containsExactly(
            "2026-03-02T09:00 Johnson",
            "2026-03-02T09:30 Johnson",
            "2026-03-02T11:00 Johnson",
            "2026-03-02T11:30 Johnson");
    assertThat(desk.check(consultation, johnson, paris("2026-03-02T10:30"), null, busy))
        .isEqualTo(refused(new Rejection.ProviderAway(johnson.provider())));
  }

  @Test
  void appointmentInTheWayIsNamedEvenWhenTheProviderIsAlsoAway() {
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-12:00");
    var consultation = practice.type("consultation").offeredBy(johnson);
    var longVisit = practice.type("long-visit").lasting(60).every(30).offeredBy(johnson);
    Busy away = johnson.away(paris("2026-03-02T10:00"), paris("2026-03-02T10:30"));
    Busy atHalfPastTen = appointment(johnson, consultation, paris("2026-03-02T10:30"));
    var desk = practice.at(MONDAY_MORNING);

    assertThat(
            desk.check(
                longVisit, johnson, paris("2026-03-02T10:00"), null, busy(away, atHalfPastTen)))
        .isEqualTo(refused(new Rejection.SlotTaken(List.of(atHalfPastTen))));
  }

  // Opening hours

  @Test
  void visitsMustFitInsideTheLocationsOpeningHours() {
    practice.opens(MONDAY, "08:00-11:00");
    var johnson =
        practice.provider("Johnson").works(MONDAY, "09:00-12:00").works(TUESDAY, "09:00-10:00");
    var consultation = practice.type("consultation").every(15).offeredBy(johnson);
    var desk = practice.at(MONDAY_MORNING);
    var outside =
        refused(new Rejection.OutsideOpeningHours(practice.location(practice.riverside())));

    List<Slot> slots = desk.freeSlots(consultation, MONDAY_2, TUESDAY_3);

    // Last visit ends at 11:00; Tuesday has no opening window at all, so Riverside is closed.
    assertThat(practice.describe(slots))
        .containsExactly(
            "2026-03-02T09:00 Johnson",
            "2026-03-02T09:15 Johnson",
            "2026-03-02T09:30 Johnson",
            "2026-03-02T09:45 Johnson",
            "2026-03-02T10:00 Johnson",
            "2026-03-02T10:15 Johnson",
            "2026-03-02T10:30 Johnson");
    assertThat(desk.check(consultation, johnson, paris("2026-03-02T10:45"))).isEqualTo(outside);
    assertThat(desk.check(consultation, johnson, paris("2026-03-02T11:00"))).isEqualTo(outside);
    assertThat(desk.check(consultation, johnson, paris("2026-03-03T09:00"))).isEqualTo(outside);
  }

  @Test
  void openingHoursEnteredAsTouchingWindowsAreOneOpeningForAVisitAcrossTheJoin() {
    practice.opens(MONDAY, "08:00-10:00");
    practice.opens(MONDAY, "10:00-12:00");
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-11:00");
    var consultation = practice.type("consultation").every(15).offeredBy(johnson);
    var desk = practice.at(MONDAY_MORNING);

    assertThat(desk.check(consultation, johnson, paris("2026-03-02T09:45")))
        .isInstanceOf(Verdict.Free.class);
    assertThat(practice.describe(desk.freeSlots(consultation, MONDAY_2, MONDAY_2)))
        .contains("2026-03-02T09:45 Johnson");
  }

  // Who offers what

  @Test
  void inactiveProviderIsNeitherOfferedNorBookable() {
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-10:00");
    var smith = practice.provider("Smith").works(MONDAY, "09:00-10:00").inactive();
    var consultation = practice.type("consultation").offeredBy(johnson, smith);
    var desk = practice.at(MONDAY_MORNING);

    assertThat(practice.describe(desk.freeSlots(consultation, MONDAY_2, MONDAY_2)))
        .containsExactly("2026-03-02T09:00 Johnson", "2026-03-02T09:30 Johnson");
    assertThat(desk.check(consultation, smith, paris("2026-03-02T09:00")))
        .isEqualTo(refused(new Rejection.ProviderInactive(smith.provider())));
  }

  @Test
  void inactiveTypeIsNeitherOfferedNorBookable() {
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-10:00");
    var retired = practice.type("retired-visit").offeredBy(johnson).inactive();
    var desk = practice.at(MONDAY_MORNING);

    assertThat(desk.freeSlots(retired, MONDAY_2, MONDAY_2)).isEmpty();
    assertThat(desk.check(retired, johnson, paris("2026-03-02T09:00")))
        .isEqualTo(refused(new Rejection.TypeInactive(retired.type())));
  }

  @Test
  void typeIsOfferedOnlyByTheProvidersItNames() {
    var johnson = practice.provider("Johnson").works(MONDAY, "09:00-10:00");
    var phillips = practice.provider("Phillips").works(MONDAY, "09:00-10:00");
    var consultation = practice.type("consultation").offeredBy(johnson);
    var desk = practice.at(MONDAY_MORNING);

    assertThat(practice.describe(desk.freeSlots(consultation, MONDAY_2, MONDAY_2)))
        .containsExactly("2026-03-02T09:00 Johnson", "2026-03-02T09:30 Johnson");
    assertThat(desk.check(consultation, phillips, paris("2026-03-02T09:00")))
        .isEqualTo(refused(new Rejection.NotOffered(phillips.provider(), consultation.type())));
  }

  private static BusyTimes none() {
    return BusyTimes.none();
  }

  private static Verdict refused(Rejection reason) {
    return new Verdict.Refused(reason);
  }
}
