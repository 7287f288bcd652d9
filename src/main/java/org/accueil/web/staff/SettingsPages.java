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
import org.accueil.channels.ChannelSetup;
import org.accueil.integration.webhooks.WebhookEndpoint;
import org.accueil.integration.webhooks.WebhookEndpoints;
import org.accueil.integration.webhooks.WebhookEventTypes;
import org.accueil.patients.Channel;
import org.accueil.platform.Actor;
import org.accueil.platform.PersonNames;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.BookingRule;
import org.accueil.practice.BookingRuleId;
import org.accueil.practice.Commands.AppointmentTypeDetails;
import org.accueil.practice.Commands.BookingRuleDetails;
import org.accueil.practice.Commands.ProfileDetails;
import org.accueil.practice.Commands.ProviderDetails;
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.TimeWindow;
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
 * The practice's settings as staff see them, and the changes made without the API: the practice's
 * name and languages; new providers; new appointment types, a type's duration, buffers and whether
 * it is offered; booking rules; staff accounts. A provider's own page is {@link
 * ProviderSettingsPages}'s, channels' and webhooks' changes {@link ConnectionSettingsPages}'s. Each
 * form asks what the API asks for the same data: practice:read to read, practice:write to change
 * the configuration, the administrator's role for accounts. Rooms, closures and a type's other
 * settings are still changed through the API.
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
  private final ChannelSetup channelSetup;
  private final MessageSource messages;

  SettingsPages(
      PracticeDirectory practice,
      PracticeAdministration admin,
      StaffAccounts accounts,
      List<ChannelSender> senders,
      WebhookEndpoints webhooks,
      ChannelSetup channelSetup,
      MessageSource messages) {
    this.practice = practice;
    this.admin = admin;
    this.accounts = accounts;
    this.senders = senders;
    this.webhooks = webhooks;
    this.channelSetup = channelSetup;
    this.messages = messages;
  }

  record TypeRow(AppointmentType type, String name, long minutes, long before, long after) {}

  record ChannelRow(String channel, boolean enabled) {}

  record RuleRow(UUID id, String description, String scope, String windows) {}

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
    model.addAttribute(
        "rules",
        snapshot.rules().stream()
            .map(
                r ->
                    new RuleRow(
                        r.id().value(),
                        r.description(),
                        scope(snapshot, r, locale),
                        windowsText(r.windows(), locale).strip().replace("\n", "; ")))
            .sorted(Comparator.comparing(RuleRow::description))
            .toList());
    model.addAttribute("categories", List.of(PatientCategory.NEW, PatientCategory.RETURNING));
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
    boolean canWebhooks = actor.can(Scope.WEBHOOKS_MANAGE);
    model.addAttribute("canWebhooks", canWebhooks);
    model.addAttribute(
        "webhooks",
        canWebhooks
            ? webhooks.list().stream()
                .sorted(Comparator.comparing(WebhookEndpoint::createdAt))
                .toList()
            : List.of());
    model.addAttribute("eventTypes", WebhookEventTypes.ALL);
    // A channel's settings speak for the practice to its patients: administrators only, as in the
    // API. Secrets come back from ChannelSetup without their value.
    model.addAttribute(
        "channelSettings",
        isAdmin
            ? channelSetup.all().stream()
                .sorted(
                    Comparator.comparing((ChannelSetup.Setting c) -> c.channel().code())
                        .thenComparing(ChannelSetup.Setting::name))
                .toList()
            : List.of());
    model.addAttribute(
        "channelCodes", java.util.Arrays.stream(Channel.values()).map(Channel::code).toList());
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

  /** Whom a rule is for, e.g. "Dr Martin · Consultation · new patients". */
  private String scope(PracticeSnapshot snapshot, BookingRule rule, Locale locale) {
    List<String> parts = new ArrayList<>();
    if (rule.provider() != null) {
      snapshot.provider(rule.provider()).ifPresent(p -> parts.add(p.displayName()));
    }
    if (rule.appointmentType() != null) {
      snapshot
          .appointmentType(rule.appointmentType())
          .ifPresent(t -> parts.add(t.name().in(locale)));
    }
    if (rule.patientCategory() != null) {
      parts.add(text("settings.rule.category." + rule.patientCategory().code(), locale));
    }
    return String.join(" · ", parts);
  }

  @PostMapping("/app/settings/rules")
  String createRule(
      @RequestParam(defaultValue = "") String description,
      @RequestParam(required = false) @Nullable UUID provider,
      @RequestParam(required = false) @Nullable UUID type,
      @RequestParam(defaultValue = "") String category,
      @RequestParam(defaultValue = "") String windows,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    redirect.addFlashAttribute(
        "typedRule",
        java.util.Map.of(
            "description",
            description,
            "provider",
            provider == null ? "" : provider.toString(),
            "type",
            type == null ? "" : type.toString(),
            "category",
            category,
            "windows",
            windows));
    PatientCategory patients =
        switch (category) {
          case "new" -> PatientCategory.NEW;
          case "returning" -> PatientCategory.RETURNING;
          default -> null;
        };
    List<TimeWindow> parsed;
    try {
      parsed = parseWindows(windows);
    } catch (HoursError e) {
      return refused(redirect, messages.getMessage(e.code, e.arguments, locale), "rules");
    }
    if (description.isBlank() || description.length() > 300 || parsed.isEmpty()) {
      return refused(redirect, text("settings.rule.invalid", locale), "rules");
    }
    return created(
        redirect,
        locale,
        "rules",
        "typedRule",
        () -> {
          admin.createRule(
              new BookingRuleDetails(description.strip(), provider, type, patients, parsed));
        });
  }

  @PostMapping("/app/settings/rules/{id}/remove")
  String removeRule(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    return done(redirect, locale, "rules", () -> admin.removeRule(BookingRuleId.of(id)));
  }

  @PostMapping("/app/settings/providers")
  String createProvider(
      @RequestParam(defaultValue = "") String title,
      @RequestParam(defaultValue = "") String givenName,
      @RequestParam(defaultValue = "") String familyName,
      @RequestParam(defaultValue = "") String specialties,
      @RequestParam(defaultValue = "") String languages,
      @RequestParam(required = false) @Nullable List<UUID> locations,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    redirect.addFlashAttribute(
        "typedProvider",
        java.util.Map.of(
            "title", title,
            "givenName", givenName,
            "familyName", familyName,
            "specialties", specialties,
            "languages", languages));
    String given = PersonNames.normalized(givenName);
    String family = PersonNames.normalized(familyName);
    String honorific = PersonNames.normalized(title);
    List<String> fields =
        java.util.Arrays.stream(specialties.split(","))
            .map(String::strip)
            .filter(f -> !f.isEmpty())
            .distinct()
            .toList();
    List<String> spoken =
        java.util.Arrays.stream(languages.toLowerCase(Locale.ROOT).split("[,;\\s]+"))
            .filter(l -> !l.isEmpty())
            .distinct()
            .toList();
    if (!PersonNames.isName(given, 100)
        || !PersonNames.isName(family, 100)
        || !(honorific.isEmpty() || PersonNames.isName(honorific, 20))
        || fields.stream().anyMatch(f -> f.length() > 100)
        || spoken.stream().anyMatch(l -> !l.matches("[a-z]{2}"))
        || locations == null
        || locations.isEmpty()) {
      return refused(redirect, text("settings.provider.invalid", locale), "providers");
    }
    return created(
        redirect,
        locale,
        "providers",
        "typedProvider",
        () -> {
          admin.createProvider(
              new ProviderDetails(
                  honorific.isEmpty() ? null : honorific,
                  given,
                  family,
                  fields,
                  spoken,
                  locations.stream().distinct().toList(),
                  true));
        });
  }

  @PostMapping("/app/settings/appointment-types")
  String createAppointmentType(
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "") String nameFr,
      @RequestParam(defaultValue = "") String nameEn,
      @RequestParam(defaultValue = "") String nameIt,
      @RequestParam(defaultValue = "") String duration,
      @RequestParam(required = false) @Nullable List<UUID> providers,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PRACTICE_WRITE);
    redirect.addFlashAttribute(
        "typedType",
        java.util.Map.of(
            "code",
            code,
            "nameFr",
            nameFr,
            "nameEn",
            nameEn,
            "nameIt",
            nameIt,
            "duration",
            duration));
    String clean = code.strip();
    List<String> names = List.of(nameFr.strip(), nameEn.strip(), nameIt.strip());
    int minutes = duration.strip().matches("\\d{1,3}") ? Integer.parseInt(duration.strip()) : 0;
    if (!clean.matches("[a-z0-9][a-z0-9_.-]{0,63}")
        || names.stream().anyMatch(n -> n.isEmpty() || n.length() > 200)
        || minutes < 5
        || minutes > 480) {
      return refused(redirect, text("settings.type.new.invalid", locale), "types");
    }
    return created(
        redirect,
        locale,
        "types",
        "typedType",
        () -> {
          admin.createAppointmentType(
              new AppointmentTypeDetails(
                  clean,
                  new LocalizedText(names.get(0), names.get(1), names.get(2)),
                  minutes,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  providers == null ? List.of() : providers.stream().distinct().toList(),
                  true));
        });
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

  /**
   * Makes a new thing from a form: "Saved." and the form emptied, or the module's refusal with what
   * was typed ({@code typed}, a flash attribute) kept in the form.
   */
  private String created(
      RedirectAttributes redirect, Locale locale, String section, String typed, Runnable change) {
    try {
      change.run();
    } catch (ProblemException e) {
      return refused(redirect, e.updateAndGetBody(messages, locale).getDetail(), section);
    }
    redirect.getFlashAttributes().remove(typed);
    redirect.addFlashAttribute("notice", text("settings.saved", locale));
    return "redirect:/app/settings#" + section;
  }

  private static void requireAdmin() {
    if (!Actor.current().roles().contains(Role.ADMIN.name())) {
      StaffAccess.require("users:manage");
    }
  }

  private String done(RedirectAttributes redirect, Locale locale, String section, Runnable change) {
    return SettingsForms.change(
        messages, redirect, locale, "redirect:/app/settings#" + section, change);
  }

  private static String refused(RedirectAttributes redirect, String problem, String section) {
    return SettingsForms.refused(redirect, problem, "redirect:/app/settings#" + section);
  }

  /** The standing week at one site, a line a day, in the page's language. */
  static String hoursText(List<WeeklyHours> hours, UUID site, Locale locale) {
    return windowsText(
        hours.stream()
            .filter(h -> h.location().value().equals(site))
            .filter(h -> h.validFrom() == null && h.validUntil() == null)
            .map(WeeklyHours::window)
            .toList(),
        locale);
  }

  /** Windows a line a day, as {@link #parseWindows} reads them back. */
  static String windowsText(List<TimeWindow> windows, Locale locale) {
    StringBuilder text = new StringBuilder();
    for (DayOfWeek day : DayOfWeek.values()) {
      List<String> ranges =
          windows.stream()
              .filter(w -> w.day() == day)
              .sorted(Comparator.comparing(TimeWindow::starts))
              .map(w -> w.starts() + "-" + w.ends())
              .toList();
      if (!ranges.isEmpty()) {
        text.append(dayName(day, locale))
            .append(' ')
            .append(String.join(", ", ranges))
            .append('\n');
      }
    }
    return text.toString();
  }

  /** Lines such as "Tuesday 14:00-18:00" or "mardi 8h30-12h00, 14h-18h"; blank lines ignored. */
  static List<WeeklyHoursDetails> parseHours(String text, UUID site) {
    return parseWindows(text).stream()
        .map(w -> new WeeklyHoursDetails(site, w.day(), w.starts(), w.ends(), null, null))
        .toList();
  }

  /**
   * The weekly hours' lines as windows, for the standing week and for booking rules alike: a day in
   * any of the three languages, then its time ranges; blank lines ignored.
   */
  static List<TimeWindow> parseWindows(String text) {
    List<TimeWindow> result = new ArrayList<>();
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
      result.addAll(ranges(day, line.substring(first.length()), number, line));
    }
    return result;
  }

  /** "08:00-12:00, 14h-18h" on {@code day}; {@code number} and {@code line} name it in errors. */
  static List<TimeWindow> ranges(DayOfWeek day, String text, int number, String line) {
    List<TimeWindow> result = new ArrayList<>();
    Matcher m = WINDOW.matcher(text);
    while (m.find()) {
      try {
        result.add(new TimeWindow(day, time(m.group(1)), time(m.group(2))));
      } catch (DateTimeParseException e) {
        throw new HoursError("settings.hours.time", number, m.group());
      }
    }
    if (result.isEmpty()) {
      throw new HoursError("settings.hours.time", number, line);
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
