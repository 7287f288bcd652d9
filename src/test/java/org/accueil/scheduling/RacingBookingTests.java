package org.accueil.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.accueil.demo.DemoPractice;
import org.accueil.patients.PatientDetails;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.model.Rejection;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Demo;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many clients asking for the same time at the same moment, as bench/ makes them. This class books
 * only Dr Chen's morning of 2027-03-10.
 */
@AccueilTest
class RacingBookingTests {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final int RACERS = 16;

  @Autowired Appointments appointments;
  @Autowired Demo demo;
  @Autowired TestClock clock;

  @Test
  void racersForOneSlotGetOneBookingAndTheRestAReasonNeverAnError() throws Exception {
    clock.setParis(LocalDateTime.of(2027, 3, 1, 8, 0));
    DemoPractice practice = demo.practice();
    List<BookingResult<Appointment>> results = new ArrayList<>();
    // Every half hour of a morning. Whether two racers' inserts meet inside the exclusion
    // constraint check (a deadlock, before the calendar lock) depends on the scheduler: bench/,
    // with 64 clients over HTTP on a saturated machine, is what shows it; this checks the contract.
    List<LocalDateTime> starts = new ArrayList<>();
    for (int halfHour = 18; halfHour < 26; halfHour++) {
      starts.add(LocalDate.of(2027, 3, 10).atTime(halfHour / 2, halfHour % 2 * 30));
    }
    for (LocalDateTime start : starts) {
      List<BookingResult<Appointment>> round = race(practice, start.atZone(PARIS).toInstant());

      assertThat(round).filteredOn(r -> r instanceof BookingResult.Success<?>).hasSize(1);
      results.addAll(round);
    }

    assertThat(results)
        .filteredOn(r -> r instanceof BookingResult.Refused<?>)
        .hasSize(starts.size() * (RACERS - 1))
        .allSatisfy(
            r ->
                assertThat(((BookingResult.Refused<Appointment>) r).reason())
                    .isInstanceOf(Rejection.SlotTaken.class));
  }

  private List<BookingResult<Appointment>> race(DemoPractice practice, Instant start)
      throws Exception {
    CyclicBarrier together = new CyclicBarrier(RACERS);
    List<Future<BookingResult<Appointment>>> futures = new ArrayList<>();
    try (ExecutorService racers = Executors.newFixedThreadPool(RACERS)) {
      for (int i = 0; i < RACERS; i++) {
        PatientDetails patient =
            new PatientDetails("Racer", "Number " + i, LocalDate.of(1980, 1, 1), null, null);
        futures.add(
            racers.submit(
                () -> {
                  together.await();
                  return appointments.book(
                      new BookAppointment(
                          null,
                          practice.type("annual-checkup").id(),
                          practice.drChen().id(),
                          start,
                          null,
                          null,
                          patient,
                          null,
                          Source.API,
                          "test"));
                }));
      }
      List<BookingResult<Appointment>> results = new ArrayList<>();
      for (Future<BookingResult<Appointment>> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }
}
