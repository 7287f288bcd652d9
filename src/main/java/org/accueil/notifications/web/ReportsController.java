package org.accueil.notifications.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.accueil.notifications.Report;
import org.accueil.notifications.internal.Reports;
import org.accueil.platform.ProblemException;
import org.accueil.platform.ReportPeriods;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The practice's measures, for the dashboard: counts over a period of days, never a patient. */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports")
class ReportsController {

  private final Reports reports;

  ReportsController(Reports reports) {
    this.reports = reports;
  }

  @GetMapping("/confirmations")
  @Operation(
      summary = "Confirmation rate",
      description =
          "Of the appointments starting from `from` to `to` (days, inclusive, practice time) not"
              + " cancelled, how many the patient confirmed.")
  Report confirmations(
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    ReportPeriods.check(from, to);
    return reports.confirmations(from, to);
  }

  @GetMapping("/no-shows")
  @Operation(
      summary = "No-show rate",
      description =
          "Of the visits of the period whose outcome is known (seen or missed), how many were"
              + " missed; by=all, channel (of the last reminder sent; none when none was), type or"
              + " provider.")
  Report noShows(
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "all") String by) {
    ReportPeriods.check(from, to);
    if (!List.of("all", "channel", "type", "provider").contains(by)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-parameter")
          .messageCode("problem.invalid-report-grouping")
          .detail("by is one of all, channel, type, provider; not {0}.", by)
          .with("field", "by")
          .build();
    }
    Locale language = LocaleContextHolder.getLocale();
    return reports.noShows(from, to, by, language);
  }

  @GetMapping("/deliveries")
  @Operation(
      summary = "Delivery and failure rates per channel",
      description =
          "Of the notifications tried on each channel in the period: delivered (or read), and"
              + " failed. A message failed on WhatsApp and then delivered by SMS counts on both.")
  List<Report> deliveries(
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    ReportPeriods.check(from, to);
    return reports.deliveries(from, to);
  }

  @GetMapping("/waitlist")
  @Operation(
      summary = "Waitlist fills",
      description = "Waitlist offers sent in the period, and how many a patient took.")
  Report waitlist(
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    ReportPeriods.check(from, to);
    return reports.waitlist(from, to);
  }
}
