package org.accueil.platform;

import java.time.LocalDate;
import org.springframework.http.HttpStatus;

/** The period a report of the practice's measures covers: days, inclusive, at most a year. */
public final class ReportPeriods {

  /** At most a year and a day: a longer span is asked for as several reports. */
  public static final int LONGEST_DAYS = 366;

  private ReportPeriods() {}

  /** Refuses (400, naming {@code to}) a period that ends before it begins or is too long. */
  public static void check(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-period")
          .detail("The period ends ({0}) before it begins ({1}); swap from and to.", to, from)
          .with("field", "to")
          .build();
    }
    if (from.plusDays(LONGEST_DAYS).isBefore(to)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-period")
          .messageCode("problem.invalid-period.too-long")
          .detail("A report covers at most {0} days; ask for several.", LONGEST_DAYS)
          .with("field", "to")
          .build();
    }
  }
}
