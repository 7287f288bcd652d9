package org.accueil.web.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.practice.Commands.DayOverrideDetails;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.DayOverride;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.TimeOff;
import org.accueil.practice.WeeklyHours;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A provider's page in the settings: their standing week at each location (a line a day, as {@link
 * SettingsPages#parseHours} reads it), their time off, and their different hours on a date. Reading
 * needs practice:read, changing practice:write, as in the API.
 */
@Controller
class ProviderSettingsPages {

  private final PracticeDirectory practice;
  private final PracticeAdministration admin;
  private final MessageSource messages;
  private final Clock clock;

  ProviderSettingsPages(
      PracticeDirectory practice,
      PracticeAdministration admin,
      MessageSource messages,
      Clock clock) {
    this.practice = practice;
    this.admin = admin;
    this.messages = messages;
    this.clock = clock;
  }

  record TimeOffRow(UUID id, String starts, String ends, String reason) {}

  record OverrideRow(LocalDate date, String day, String hours) {}

  @GetMapping("/app/settings/providers/{id}")
  String provider(
      @PathVariable UUID id,
      @RequestParam(required = false) @Nullable UUID location,
      Locale locale,
      Model model) {
    StaffAccess.require(Scope.PRACTICE_READ);
    PracticeSnapshot snapshot = practice.snapshot();
    Provider p =
        snapshot
            .provider(ProviderId.of(id))
            .orElseThrow(() -> ProblemException.notFound("provider", id));
    List<Location> served =
        p.locations().stream().map(snapshot::location).flatMap(java.util.Optional::stream).toList();
    UUID site =
        location != null ? location : served.isEmpty() ? null : served.getFirst().id().value();
    model.addAttribute("provider", p);
    model.addAttribute("served", served);
    model.addAttribute("site", site);
    model.addAttribute(
        "hours",
        site == null ? "" : SettingsPages.hoursText(snapshot.weeklyHours(p.id()), site, locale));
    model.addAttribute("canWrite", Actor.current().can(Scope.PRACTICE_WRITE));
    ZoneId zone = zone(snapshot, served, site);
    DateTimeFormatter shown =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(locale)
            .withZone(zone);
    Instant now = clock.instant();
    model.addAttribute("zone", zone);
    model.addAttribute(
        "timeOff",
        practice.timeOff(List.of(p.id()), now, now.plus(Duration.ofDays(366))).stream()
            .sorted(Comparator.comparing(TimeOff::start))
            .map(
                t ->
                    new TimeOffRow(
                        t.id(), shown.format(t.start()), shown.format(t.end()), t.reason()))
            .toList());
    LocalDate today = LocalDate.ofInstant(now, zone);
    DateTimeFormatter dayShown =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    model.addAttribute(
        "overrides",
        snapshot.overrides(p.id()).stream()
            .filter(o -> !o.date().isBefore(today))
            .sorted(Comparator.comparing(DayOverride::date))
            .map(
                o ->
                    new OverrideRow(
                        o.date(),
                        dayShown.format(o.date()),
                        o.hours().stream()
                            .sorted(Comparator.comparing(DayOverride.Hours::starts))
                            .map(h -> h.starts() + "-" + h.ends())
                            .reduce((a, b) -> a + ", " + b)
                            .orElse(text("settings.override.off", locale))))
            .toList());
    return "web/staff/provider";
  }

  /** Time off is typed in the zone of the location shown, as the API reads it in the provider's. */
  private static ZoneId zone(
      PracticeSnapshot snapshot, List<Location> served, @Nullable UUID site) {
    return served.stream()
        .filter(l -> l.id().value().equals(site))
        .findFirst()
        .map(Location::zone)
        .orElse(snapshot.zone());
  }

  @PostMapping("/app/settings/providers/{id}/time-off")
  String addTimeOff(
      @PathVariable UUID id,
      @RequestParam(required = false) @Nullable UUID location,
      @RequestParam(defaultValue = "") String start,
      @RequestParam(defaultValue = "") String end,
      @RequestParam(defaultValue = "") String reason,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    String back = providerPage(id, location, "time-off");
    PracticeSnapshot snapshot = practice.snapshot();
    Provider p =
        snapshot
            .provider(ProviderId.of(id))
            .orElseThrow(() -> ProblemException.notFound("provider", id));
    List<Location> served =
        p.locations().stream().map(snapshot::location).flatMap(java.util.Optional::stream).toList();
    ZoneId zone = zone(snapshot, served, location);
    LocalDateTime from = dateTime(start);
    LocalDateTime to = dateTime(end);
    redirect.addFlashAttribute(
        "typedOff", java.util.Map.of("start", start, "end", end, "reason", reason));
    if (from == null || to == null || reason.length() > 200) {
      redirect.addFlashAttribute("problem", text("settings.time-off.invalid", locale));
      return back;
    }
    try {
      admin.addTimeOff(
          p.id(),
          new TimeOffDetails(
              from.atZone(zone).toOffsetDateTime(),
              to.atZone(zone).toOffsetDateTime(),
              reason.isBlank() ? null : reason.strip()));
    } catch (ProblemException e) {
      redirect.addFlashAttribute("problem", e.updateAndGetBody(messages, locale).getDetail());
      return back;
    }
    redirect.getFlashAttributes().remove("typedOff");
    redirect.addFlashAttribute("notice", text("settings.saved", locale));
    return back;
  }

  @PostMapping("/app/settings/providers/{id}/time-off/{timeOff}/remove")
  String removeTimeOff(
      @PathVariable UUID id,
      @PathVariable UUID timeOff,
      @RequestParam(required = false) @Nullable UUID location,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    return SettingsForms.change(
        messages,
        redirect,
        locale,
        providerPage(id, location, "time-off"),
        () -> admin.removeTimeOff(ProviderId.of(id), timeOff));
  }

  @PostMapping("/app/settings/providers/{id}/overrides")
  String setOverride(
      @PathVariable UUID id,
      @RequestParam UUID location,
      @RequestParam(defaultValue = "") String date,
      @RequestParam(defaultValue = "") String hours,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    String back = providerPage(id, location, "overrides");
    LocalDate day;
    try {
      day = LocalDate.parse(date.strip());
    } catch (DateTimeParseException e) {
      redirect.addFlashAttribute("problem", text("settings.override.date", locale));
      return back;
    }
    List<DayOverrideDetails.Hours> worked;
    try {
      worked =
          hours.isBlank()
              ? List.of()
              : SettingsPages.ranges(day.getDayOfWeek(), hours, 1, hours.strip()).stream()
                  .map(w -> new DayOverrideDetails.Hours(location, w.starts(), w.ends()))
                  .toList();
    } catch (SettingsPages.HoursError e) {
      redirect.addFlashAttribute(
          "problem", messages.getMessage("settings.override.time", e.arguments, locale));
      return back;
    }
    return SettingsForms.change(
        messages,
        redirect,
        locale,
        back,
        () -> admin.setDayOverride(ProviderId.of(id), day, new DayOverrideDetails(worked)));
  }

  @PostMapping("/app/settings/providers/{id}/overrides/{date}/remove")
  String removeOverride(
      @PathVariable UUID id,
      @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
      @RequestParam(required = false) @Nullable UUID location,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    return SettingsForms.change(
        messages,
        redirect,
        locale,
        providerPage(id, location, "overrides"),
        () -> admin.removeDayOverride(ProviderId.of(id), date));
  }

  private static String providerPage(UUID id, @Nullable UUID location, String section) {
    return "redirect:/app/settings/providers/"
        + id
        + (location == null ? "" : "?location=" + location)
        + "#"
        + section;
  }

  /** What a datetime-local field sends ("2026-12-24T08:00"), or a space for the T; else null. */
  static @Nullable LocalDateTime dateTime(String value) {
    try {
      return LocalDateTime.parse(value.strip().replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @PostMapping("/app/settings/providers/{id}/hours")
  String hours(
      @PathVariable UUID id,
      @RequestParam UUID location,
      @RequestParam(defaultValue = "") String hours,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    PracticeSnapshot snapshot = practice.snapshot();
    ProviderId provider = ProviderId.of(id);
    List<WeeklyHoursDetails> kept = new ArrayList<>();
    // Other sites' hours, and dated hours, stay as they are: this form edits the standing week.
    for (WeeklyHours h : snapshot.weeklyHours(provider)) {
      if (!h.location().value().equals(location)
          || h.validFrom() != null
          || h.validUntil() != null) {
        kept.add(
            new WeeklyHoursDetails(
                h.location().value(),
                h.window().day(),
                h.window().starts(),
                h.window().ends(),
                h.validFrom(),
                h.validUntil()));
      }
    }
    String back = "redirect:/app/settings/providers/" + id + "?location=" + location;
    List<WeeklyHoursDetails> edited;
    try {
      edited = SettingsPages.parseHours(hours, location);
    } catch (SettingsPages.HoursError e) {
      redirect.addFlashAttribute("problem", messages.getMessage(e.code, e.arguments, locale));
      redirect.addFlashAttribute("typed", hours);
      return back;
    }
    kept.addAll(edited);
    try {
      admin.replaceWeeklyHours(provider, kept);
    } catch (ProblemException e) {
      redirect.addFlashAttribute("problem", e.updateAndGetBody(messages, locale).getDetail());
      redirect.addFlashAttribute("typed", hours);
      return back;
    }
    redirect.addFlashAttribute("notice", text("settings.saved", locale));
    return back;
  }

  private String text(String code, Locale locale) {
    return messages.getMessage(code, null, locale);
  }
}
