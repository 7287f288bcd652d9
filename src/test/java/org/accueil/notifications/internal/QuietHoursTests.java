package org.accueil.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  final QuietHours night = new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0));

  static Instant paris(int month, int day, int hour, int minute) {
    return LocalDateTime.of(2027, month, day, hour, minute).atZone(PARIS).toInstant();
  }

  @Test
  void quietFromTheEveningToTheMorningInTheLocationsOwnTime() {
    assertThat(night.isQuiet(paris(4, 5, 19, 59), PARIS)).isFalse();
    assertThat(night.isQuiet(paris(4, 5, 20, 0), PARIS)).isTrue();
    assertThat(night.isQuiet(paris(4, 6, 3, 0), PARIS)).isTrue();
    assertThat(night.isQuiet(paris(4, 6, 8, 0), PARIS)).isFalse();
    assertThat(night.endOf(paris(4, 5, 22, 0), PARIS)).isEqualTo(paris(4, 6, 8, 0));
    assertThat(night.endOf(paris(4, 6, 5, 0), PARIS)).isEqualTo(paris(4, 6, 8, 0));
    assertThat(night.startOf(paris(4, 6, 5, 0), PARIS)).isEqualTo(paris(4, 5, 20, 0));
  }

  @Test
  void theNightClocksGoForwardStillEndsAtEightLocal() {
    // 28 March 2027: 02:00 becomes 03:00 in Paris; the quiet night is an hour shorter.
    Instant end = night.endOf(paris(3, 27, 23, 0), PARIS);
    assertThat(end).isEqualTo(Instant.parse("2027-03-28T06:00:00Z"));
    assertThat(Duration.between(paris(3, 27, 20, 0), end)).isEqualTo(Duration.ofHours(11));
  }

  @Test
  void aMessageDueInQuietHoursGoesWhenTheyEndIfStillInTimeElseTheEveningBefore() {
    Instant now = paris(4, 5, 9, 0);
    // A 3-hour reminder of a 10:00 visit: 07:00, quiet; 08:00 is still an hour before.
    assertThat(night.place(paris(4, 8, 7, 0), PARIS, now, paris(4, 8, 9, 0)))
        .contains(paris(4, 8, 8, 0));
    // Of an 08:30 visit: 05:30, quiet; 08:00 is too late (07:30 latest): the evening before.
    assertThat(night.place(paris(4, 8, 5, 30), PARIS, now, paris(4, 8, 7, 30)))
        .contains(paris(4, 7, 19, 45));
    // Not quiet: as due.
    assertThat(night.place(paris(4, 7, 10, 0), PARIS, now, paris(4, 8, 9, 0)))
        .contains(paris(4, 7, 10, 0));
    // Quiet, too late after and already past before: none.
    assertThat(night.place(paris(4, 5, 21, 0), PARIS, paris(4, 5, 20, 30), paris(4, 5, 22, 0)))
        .isEmpty();
  }

  @Test
  void noQuietHoursWhenTheyStartAndEndTogether() {
    QuietHours none = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    assertThat(none.isQuiet(paris(4, 5, 3, 0), PARIS)).isFalse();
  }

  @Test
  void wholeDaysBeforeKeepTheWallClockTimeOtherDurationsAreExact() {
    Instant monday = paris(3, 29, 10, 0); // the day after clocks go forward
    assertThat(Reminders.dueAt(monday, PARIS, Duration.ofHours(48))).isEqualTo(paris(3, 27, 10, 0));
    assertThat(Reminders.dueAt(monday, PARIS, Duration.ofHours(3)))
        .isEqualTo(monday.minus(Duration.ofHours(3)));
    assertThat(Reminders.dueAt(monday, PARIS, Duration.ofHours(36)))
        .isEqualTo(monday.minus(Duration.ofHours(36)));
  }
}
