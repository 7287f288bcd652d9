package org.accueil.satisfaction.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.accueil.platform.ProblemException;
import org.accueil.platform.ReportPeriods;
import org.accueil.satisfaction.Satisfaction;
import org.accueil.satisfaction.SatisfactionReport;
import org.accueil.satisfaction.internal.SatisfactionReports;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Patient satisfaction for the dashboard: counts and averages per group, never a patient. */
@RestController
@Tag(name = "Reports")
class SatisfactionReportController {

  private final Satisfaction satisfaction;

  SatisfactionReportController(Satisfaction satisfaction) {
    this.satisfaction = satisfaction;
  }

  @GetMapping("/api/v1/reports/satisfaction")
  @Operation(
      summary = "Patient satisfaction",
      description =
          "Of the rating questions sent about the visits (or conversations resolved) from `from` to"
              + " `to` (days, inclusive, practice time): asked, answered, response rate, average"
              + " score, distribution of 1 to 5 and share of low scores; by=provider (none for"
              + " conversations), channel (the one asked on) or month.")
  SatisfactionReport satisfaction(
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "provider") String by) {
    ReportPeriods.check(from, to);
    if (!SatisfactionReports.GROUPINGS.contains(by)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-parameter")
          .messageCode("problem.invalid-satisfaction-grouping")
          .detail("by is one of provider, channel, month; not {0}.", by)
          .with("field", "by")
          .build();
    }
    return satisfaction.report(from, to, by);
  }
}
