package org.accueil.web.staff;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.channels.ChannelSender;
import org.accueil.integration.webhooks.WebhookEndpoints;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.Commands.AppointmentTypeDetails;
import org.accueil.practice.Commands.ProfileDetails;
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.WeeklyHours;
import org.accueil.security.NewStaffUser;
import org.accueil.security.Role;
import org.accueil.security.StaffAccounts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The practice's settings as staff see them, and the changes made most often without the API: the
 * practice's name and languages, an appointment type's duration, buffers and whether it is offered,
 * a provider's weekly hours, and staff accounts. Everything else (rules, rooms, channels' secrets,
 * integrations, webhooks) is listed with where to change it. Reading needs practice:read; changing
 * the configuration practice:write, and accounts the administrator's role, as in the API.
 */
@Controller
class SettingsPages {

  /** "Monday 08:00-12:00, 14:00-18:00", one line a day; the day in any of the three languages. */
  private static final Pattern WINDOW =
      Pattern.compile("(\\d{1,2}(?:[:h.]\\d{2}|h))\\s*[-–]\\s*(\\d{1,2}(?:[:h.]\\d{2}|h))");

  private final PracticeDirectory practice;
  private final PracticeAdministration admin;
  private final StaffAccounts accounts;
  private final List<ChannelSender> senders;
  private final WebhookEndpoints webhooks;
  private final MessageSource messages;

  SettingsPages(
      PracticeDirectory practice,
      PracticeAdministration admin,
      StaffAccounts accounts,
      List<ChannelSender> senders,
      WebhookEndpoints webhooks,
      MessageSource messages) {
    this.practice = practice;
    this.admin = admin;
    this.accounts = accounts;
    this.senders = senders;
    this.webhooks = webhooks;
    this.messages = messages;
  }

  record TypeRow(AppointmentType type, String name, long minutes, long before, long after) {}

  record ChannelRow(String channel, boolean enabled) {}

  @GetMapping("/app/settings")
  String settings(Locale locale, Model model) {
    StaffAccess.require(Scope.PRACTICE_READ);
    PracticeSnapshot snapshot = practice.snapshot();
    Actor actor = Actor.current();
    model.addAttribute("profile", snapshot.profile());
    model.addAttribute(
        "locations",
        snapshot.locations().stream().sorted(Comparator.comparing(Location::name)).toList());
    model.addAttribute("rooms", snapshot.rooms());
    model.addAttribute(
        "providers",
        snapshot.providers().stream()
            .sorted(Comparator.comparing(Provider::familyName).thenComparing(Provider::givenName))
            .toList());
    model.addAttribute(
        "types",
        snapshot.appointmentTypes().stream()
            .map(
                t ->
                    new TypeRow(
                        t,
                        t.name().in(locale),
                        t.duration().toMinutes(),
                        t.bufferBefore().toMinutes(),
                        t.bufferAfter().toMinutes()))
            .sorted(Comparator.comparing(TypeRow::name))
            .toList());
    model.addAttribute("rules", snapshot.rules());
    model.addAttribute(
        "channels",
        senders.stream()
            .map(s -> new ChannelRow(s.channel().code(), s.enabled()))
            .sorted(Comparator.comparing(ChannelRow::channel))
            .toList());
    boolean canWrite = actor.can(Scope.PRACTICE_WRITE);
    boolean isAdmin = actor.roles().contains(Role.ADMIN.name());
    model.addAttribute("canWrite", canWrite);
    model.addAttribute("isAdmin", isAdmin);
    model.addAttribute("webhooks", actor.can(Scope.WEBHOOKS_MANAGE) ? webhooks.list() : List.of());
    model.addAttribute(
        "users",
        isAdmin
            ? accounts.all().stream()
                .sorted(Comparator.comparing(org.accueil.security.StaffUser::displayName))
                .toList()
            : List.of());
    model.addAttribute("roles", List.of(Role.FRONT_DESK, Role.CLINICIAN, Role.ADMIN));
    return "web/staff/settings";
  }

  @PostMapping("/app/settings/practice")
  String practice(
      @RequestParam(defaultValue = "") String name,
      @RequestParam(required = false) @Nullable List<String> languages,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    List<String> chosen =
        languages == null
            ? List.of()
            : languages.stream().filter(Set.of("fr", "en", "it")::contains).distinct().toList();
    if (name.isBlank() || name.length() > 200 || chosen.isEmpty()) {
      return refused(redirect, text("settings.practice.invalid", locale), "practice");
    }
    return done(
        redirect,
        locale,
        "practice",
        () -> admin.updateProfile(new ProfileDetails(name.trim(), chosen)));
  }

  @PostMapping("/app/settings/appointment-types/{id}")
  String appointmentType(
      @PathVariable UUID id,
      @RequestParam int duration,
      @RequestParam(defaultValue = "0") int bufferBefore,
      @RequestParam(defaultValue = "0") int bufferAfter,
      @RequestParam(defaultValue = "false") boolean active,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    AppointmentType t =
        practice
            .snapshot()
            .appointmentType(AppointmentTypeId.of(id))
            .orElseThrow(() -> ProblemException.notFound("appointment-type", id));
    if (duration < 5
        || duration > 480
        || bufferBefore < 0
        || bufferBefore > 240
        || bufferAfter < 0
        || bufferAfter > 240) {
      return refused(redirect, text("settings.type.invalid", locale), "types");
    }
    return done(
        redirect,
        locale,
        "types",
        () ->
            admin.updateAppointmentType(
                t.id(),
                new AppointmentTypeDetails(
                    t.code(),
                    t.name(),
                    duration,
                    bufferBefore,
                    bufferAfter,
                    (int) t.slotStep().toMinutes(),
                    (int) t.minimumNotice().toMinutes(),
                    t.maxDaysAhead(),
                    t.mode(),
                    t.newPatientsOnly(),
                    t.requiredRoomKind(),
                    t.dailyCapPerProvider(),
                    t.billingCode(),
                    t.preparation(),
                    t.providers().stream().map(ProviderId::value).toList(),
                    active)));
  }

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
        "hours", site == null ? "" : hoursText(snapshot.weeklyHours(p.id()), site, locale));
    model.addAttribute("canWrite", Actor.current().can(Scope.PRACTICE_WRITE));
    return "web/staff/provider";
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
      edited = parseHours(hours, location);
    } catch (HoursError e) {
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

  @PostMapping("/app/settings/users")
  String createUser(
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "FRONT_DESK") String role,
      @RequestParam(defaultValue = "") String password,
      Locale locale,
      RedirectAttributes redirect) {
    requireAdmin();
    Role chosen;
    try {
      chosen = Role.valueOf(role);
    } catch (IllegalArgumentException e) {
      return refused(redirect, text("settings.user.invalid", locale), "users");
    }
    if (!email.contains("@") || displayName.isBlank() || password.length() < 12) {
      return refused(redirect, text("settings.user.invalid", locale), "users");
    }
    return done(
        redirect,
        locale,
        "users",
        () ->
            accounts.create(
                new NewStaffUser(
                    email.trim(),
                    displayName.trim(),
                    Set.of(chosen),
                    null,
                    locale.getLanguage(),
                    password)));
  }

  @PostMapping("/app/settings/users/{id}/{action:disable|enable}")
  String user(
      @PathVariable UUID id,
      @PathVariable String action,
      Locale locale,
      RedirectAttributes redirect) {
    requireAdmin();
    return done(
        redirect,
        locale,
        "users",
        () -> {
          if (action.equals("disable")) {
            accounts.disable(id);
          } else {
            accounts.enable(id);
          }
        });
  }

  private static void requireAdmin() {
    if (!Actor.current().roles().contains(Role.ADMIN.name())) {
      StaffAccess.require("users:manage");
    }
  }

  private String done(RedirectAttributes redirect, Locale locale, String section, Runnable change) {
    try {
      change.run();
      redirect.addFlashAttribute("notice", text("settings.saved", locale));
    } catch (ProblemException e) {
      redirect.addFlashAttribute("problem", e.updateAndGetBody(messages, locale).getDetail());
    }
    return "redirect:/app/settings#" + section;
  }

  private static String refused(RedirectAttributes redirect, String problem, String section) {
    redirect.addFlashAttribute("problem", problem);
    return "redirect:/app/settings#" + section;
  }

  /** The standing week at one site, a line a day, in the page's language. */
  static String hoursText(List<WeeklyHours> hours, UUID site, Locale locale) {
    StringBuilder text = new StringBuilder();
    for (DayOfWeek day : DayOfWeek.values()) {
      List<String> windows =
          hours.stream()
              .filter(h -> h.location().value().equals(site))
              .filter(h -> h.validFrom() == null && h.validUntil() == null)
              .filter(h -> h.window().day() == day)
              .sorted(Comparator.comparing(h -> h.window().starts()))
              .map(h -> h.window().starts() + "-" + h.window().ends())
              .toList();
      if (!windows.isEmpty()) {
        text.append(dayName(day, locale))
            .append(' ')
            .append(String.join(", ", windows))
            .append('\n');
      }
    }
    return text.toString();
  }

  /** Lines such as "Tuesday 14:00-18:00" or "mardi 8h30-12h00, 14h-18h"; blank lines ignored. */
  static List<WeeklyHoursDetails> parseHours(String text, UUID site) {
    List<WeeklyHoursDetails> result = new ArrayList<>();
    Set<DayOfWeek> seen = EnumSet.noneOf(DayOfWeek.class);
    int number = 0;
    for (String raw : text.split("\\R")) {
      number++;
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      String first = line.split("[\\s:]+", 2)[0];
      DayOfWeek day = day(first);
      if (day == null) {
        throw new HoursError("settings.hours.day", number, first);
      }
      if (!seen.add(day)) {
        throw new HoursError("settings.hours.twice", number, first);
      }
      Matcher m = WINDOW.matcher(line.substring(first.length()));
      boolean any = false;
      while (m.find()) {
        any = true;
        try {
          result.add(
              new WeeklyHoursDetails(site, day, time(m.group(1)), time(m.group(2)), null, null));
        } catch (DateTimeParseException e) {
          throw new HoursError("settings.hours.time", number, m.group());
        }
      }
      if (!any) {
        throw new HoursError("settings.hours.time", number, line);
      }
    }
    return result;
  }

  private static LocalTime time(String value) {
    String v = value.replace('h', ':').replace('.', ':');
    if (v.endsWith(":")) {
      v = v + "00";
    }
    if (v.indexOf(':') == 1) {
      v = "0" + v;
    }
    return LocalTime.parse(v);
  }

  private static @Nullable DayOfWeek day(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      for (Locale l : List.of(Locale.ENGLISH, Locale.FRENCH, Locale.ITALIAN)) {
        String full = d.getDisplayName(TextStyle.FULL, l).toLowerCase(l);
        String strip =
            java.text.Normalizer.normalize(full, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        String wStrip =
            java.text.Normalizer.normalize(w, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        if (strip.equals(wStrip) || (wStrip.length() >= 3 && strip.startsWith(wStrip))) {
          return d;
        }
      }
    }
    return null;
  }

  private static String dayName(DayOfWeek day, Locale locale) {
    String name = day.getDisplayName(TextStyle.FULL, locale);
    return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
  }

  /** A line of the weekly hours that could not be read: a message code and its arguments. */
  static final class HoursError extends IllegalArgumentException {
    final String code;
    final Object[] arguments;

    HoursError(String code, Object... arguments) {
      super(code);
      this.code = code;
      this.arguments = arguments;
    }
  }

  private String text(String code, Locale locale) {
    return messages.getMessage(code, null, locale);
  }
}
