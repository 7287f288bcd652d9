package org.accueil.web.staff;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.AffectedPatient.State;
import org.accueil.disruptions.Disruption;
import org.accueil.disruptions.Disruption.Action;
import org.accueil.disruptions.Disruption.Reason;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.Disruptions.Block;
import org.accueil.disruptions.Disruptions.Counts;
import org.accueil.disruptions.Disruptions.Progress;
import org.accueil.disruptions.DisruptionsProperties;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The doctor called in sick, or is two hours late: staff block the provider's time and follow each
 * patient booked in it. {@code /app/disruptions} has the form to block a time, the recent
 * disruptions with their counts and the call list (patients to phone, soonest visit first); {@code
 * /app/disruptions/{id}} follows one disruption patient by patient, and refreshes itself (htmx
 * polls {@code …/live} every 5 s; without a script the page shows the state when loaded).
 *
 * <p>The same {@link Disruptions} calls as the API ({@code /api/v1/disruptions}), with its scopes:
 * appointments:read to read, appointments:write to change; a clinician limited to their own
 * calendar sees and blocks only their own. Times are typed and shown in the practice's time zone.
 * Every change is a form that posts and redirects; a refusal comes back to the form with the
 * module's words and what was typed.
 */
@Controller
class DisruptionPages {

  /** How far back the list of recent disruptions goes. */
  static final int RECENT_DAYS = 7;

  static final String HOME = "/app/disruptions";

  private final Disruptions disruptions;
  private final DisruptionsProperties properties;
  private final Patients patients;
  private final PracticeDirectory practice;
  private final MessageSource messages;
  private final Clock clock;

  DisruptionPages(
      Disruptions disruptions,
      DisruptionsProperties properties,
      Patients patients,
      PracticeDirectory practice,
      MessageSource messages,
      Clock clock) {
    this.disruptions = disruptions;
    this.properties = properties;
    this.patients = patients;
    this.practice = practice;
    this.messages = messages;
    this.clock = clock;
  }

  /** What the block form holds: what was typed, or the defaults. */
  record BlockForm(
      String provider,
      String date,
      String from,
      String to,
      String until,
      String reason,
      String action,
      String note,
      boolean contact) {}

  /** A recent disruption, as the list shows it. */
  record Recent(
      UUID id, String provider, String when, String reason, Counts counts, String source) {}

  /** A patient to call. */
  record ToCall(
      UUID disruption,
      String appointment,
      @Nullable UUID patientId,
      String patient,
      @Nullable String phone,
      String when,
      String provider,
      String reason,
      String why) {}

  /** One patient of a disruption, as the progress table shows them. */
  record Row(
      String appointment,
      @Nullable UUID patientId,
      String patient,
      String when,
      @Nullable String channel,
      boolean consent,
      String action,
      String state,
      boolean choosable,
      boolean callable,
      List<String> offers,
      @Nullable String rebooked,
      @Nullable String deadline,
      @Nullable String why) {}

  // ----------------------------------------------------------------------------- the list

  @GetMapping(HOME)
  String home(Locale locale, Model model) {
    Actor me = StaffAccess.require(Scope.APPOINTMENTS_READ);
    PracticeSnapshot snapshot = practice.snapshot();
    ZoneId zone = snapshot.zone();
    UUID own = me.ownCalendarOnly();
    List<Provider> providers = providers(snapshot, own);
    if (!model.containsAttribute("typed")) {
      model.addAttribute("typed", defaults(providers, zone));
    }
    model.addAttribute("providers", providers);
    model.addAttribute("reasons", List.of(Reason.values()));
    model.addAttribute("actions", List.of(Action.values()));
    model.addAttribute("zone", zone.getId());
    model.addAttribute("canWrite", me.can(Scope.APPOINTMENTS_WRITE));
    model.addAttribute("canSeePatients", me.can(Scope.PATIENTS_READ));
    model.addAttribute(
        "recent",
        disruptions.recent(RECENT_DAYS).stream()
            .filter(d -> own == null || own.equals(d.provider().value()))
            .map(d -> recent(disruptions.progress(d.id()), snapshot, locale))
            .toList());
    model.addAttribute(
        "calls",
        disruptions.callList().stream()
            .filter(c -> own == null || own.equals(c.disruption().provider().value()))
            .map(c -> toCall(c.disruption(), c.patient(), snapshot, locale))
            .toList());
    return "web/staff/disruptions";
  }

  @PostMapping(HOME)
  String block(
      @RequestParam(defaultValue = "") String provider,
      @RequestParam(defaultValue = "") String date,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "") String until,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "") String note,
      @RequestParam(defaultValue = "false") boolean contact,
      Locale locale,
      RedirectAttributes redirect) {
    Actor me = StaffAccess.require(Scope.APPOINTMENTS_WRITE);
    BlockForm typed = new BlockForm(provider, date, from, to, until, reason, action, note, contact);
    ZoneId zone = practice.snapshot().zone();
    UUID providerId = uuid(provider);
    LocalDate day = date(date);
    LocalDate lastDay = until.isBlank() ? day : date(until);
    LocalTime starts = time(from);
    LocalTime ends = time(to);
    Optional<Reason> why = Reason.ofCode(reason);
    Optional<Action> what = Action.ofCode(action);
    if (providerId == null
        || day == null
        || lastDay == null
        || starts == null
        || ends == null
        || why.isEmpty()
        || what.isEmpty()) {
      return refused(redirect, typed, text("disruptions.form.invalid", locale), null);
    }
    Progress done;
    try {
      UUID own = me.ownCalendarOnly();
      if (own != null && !own.equals(providerId)) {
        throw ProblemException.of(HttpStatus.FORBIDDEN, "own-calendar-only")
            .detail("A clinician blocks only their own calendar.")
            .build();
      }
      done =
          disruptions.block(
              new Block(
                  ProviderId.of(providerId),
                  LocalDateTime.of(day, starts).atZone(zone).toOffsetDateTime(),
                  LocalDateTime.of(lastDay, ends).atZone(zone).toOffsetDateTime(),
                  why.get(),
                  note.isBlank() ? null : note,
                  what.get(),
                  contact,
                  me.reference()));
    } catch (ProblemException e) {
      Object field =
          e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("field");
      return refused(
          redirect,
          typed,
          e.updateAndGetBody(messages, locale).getDetail(),
          field == null ? null : field.toString());
    }
    int affected = done.counts().affected();
    redirect.addFlashAttribute(
        "notice",
        messages.getMessage(
            affected == 0
                ? "disruptions.blocked.nobody"
                : contact ? "disruptions.blocked.contacting" : "disruptions.blocked.listed",
            new Object[] {affected},
            locale));
    return "redirect:" + HOME + "/" + done.disruption().id();
  }

  private static String refused(
      RedirectAttributes redirect,
      BlockForm typed,
      @Nullable String problem,
      @Nullable String field) {
    redirect.addFlashAttribute("typed", typed);
    redirect.addFlashAttribute("formProblem", problem);
    redirect.addFlashAttribute("problemField", field);
    return "redirect:" + HOME + "#block";
  }

  // ------------------------------------------------------------------------- one disruption

  @GetMapping(HOME + "/{id}")
  String disruption(@PathVariable UUID id, Locale locale, Model model) {
    StaffAccess.require(Scope.APPOINTMENTS_READ);
    progress(disruptions.visible(id), locale, model);
    return "web/staff/disruption";
  }

  /** The live part of the page alone, which the page fetches every few seconds. */
  @GetMapping(HOME + "/{id}/live")
  String live(@PathVariable UUID id, Locale locale, Model model) {
    StaffAccess.require(Scope.APPOINTMENTS_READ);
    progress(disruptions.visible(id), locale, model);
    return "web/staff/disruption :: live";
  }

  private void progress(Progress p, Locale locale, Model model) {
    Actor me = Actor.current();
    PracticeSnapshot snapshot = practice.snapshot();
    ZoneId zone = snapshot.zone();
    Disruption d = p.disruption();
    boolean canWrite = me.can(Scope.APPOINTMENTS_WRITE);
    List<Row> rows =
        p.patients().stream()
            .sorted(Comparator.comparing(AffectedPatient::originalStart))
            .map(a -> row(a, d, snapshot, canWrite, locale))
            .toList();
    model.addAttribute("disruption", d);
    model.addAttribute("provider", providerName(snapshot, d.provider()));
    model.addAttribute("when", range(d.start(), d.end(), zone, locale));
    model.addAttribute("reason", text("disruptions.reason." + d.reason().code(), locale));
    model.addAttribute(
        "defaultAction", text("disruptions.action." + d.defaultAction().code(), locale));
    model.addAttribute("createdAt", when(d.createdAt(), zone, locale));
    model.addAttribute("counts", p.counts());
    model.addAttribute("rows", rows);
    model.addAttribute("actions", List.of(Action.values()));
    model.addAttribute("canWrite", canWrite);
    model.addAttribute("canSeePatients", me.can(Scope.PATIENTS_READ));
    model.addAttribute(
        "planned", canWrite && p.patients().stream().anyMatch(a -> a.state() == State.PLANNED));
    model.addAttribute("updatedAt", time(clock.instant(), zone));
  }

  @PostMapping(HOME + "/{id}/patients/{appointment}/action")
  String choose(
      @PathVariable UUID id,
      @PathVariable UUID appointment,
      @RequestParam(defaultValue = "") String action,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.APPOINTMENTS_WRITE);
    disruptions.visible(id);
    return change(
        redirect,
        locale,
        HOME + "/" + id,
        "disruptions.chosen",
        () -> disruptions.choose(id, AppointmentId.of(appointment), Action.parse(action)));
  }

  @PostMapping(HOME + "/{id}/contact")
  String contact(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
    StaffAccess.require(Scope.APPOINTMENTS_WRITE);
    disruptions.visible(id);
    return change(
        redirect, locale, HOME + "/" + id, "disruptions.contacting", () -> disruptions.contact(id));
  }

  /** Staff called the patient: from the call list, or from the disruption's page. */
  @PostMapping(HOME + "/{id}/patients/{appointment}/settle")
  String settle(
      @PathVariable UUID id,
      @PathVariable UUID appointment,
      @RequestParam(required = false) @Nullable String back,
      Locale locale,
      RedirectAttributes redirect) {
    Actor me = StaffAccess.require(Scope.APPOINTMENTS_WRITE);
    disruptions.visible(id);
    String target =
        back != null && back.startsWith(HOME) && !back.startsWith(HOME + "//")
            ? back
            : HOME + "/" + id;
    return change(
        redirect,
        locale,
        target,
        "disruptions.settled",
        () -> disruptions.settle(id, AppointmentId.of(appointment), me.reference()));
  }

  private String change(
      RedirectAttributes redirect, Locale locale, String back, String done, Runnable change) {
    try {
      change.run();
      redirect.addFlashAttribute("notice", text(done, locale));
    } catch (ProblemException e) {
      redirect.addFlashAttribute("problem", e.updateAndGetBody(messages, locale).getDetail());
    }
    return "redirect:" + back;
  }

  // -------------------------------------------------------------------------------- helpers

  /** Now, to the five minutes, for the next two hours (the rest of the day at most). */
  private BlockForm defaults(List<Provider> providers, ZoneId zone) {
    ZonedDateTime now = clock.instant().atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    ZonedDateTime start = now.withMinute(now.getMinute() - now.getMinute() % 5);
    ZonedDateTime end = start.plusHours(2);
    LocalTime to =
        end.toLocalDate().equals(start.toLocalDate()) ? end.toLocalTime() : LocalTime.of(23, 59);
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    return new BlockForm(
        providers.size() == 1 ? providers.getFirst().id().value().toString() : "",
        start.toLocalDate().toString(),
        hhmm.format(start),
        hhmm.format(to),
        "",
        Reason.LATE.code(),
        properties.action().code(),
        "",
        true);
  }

  private Recent recent(Progress p, PracticeSnapshot snapshot, Locale locale) {
    Disruption d = p.disruption();
    return new Recent(
        d.id(),
        providerName(snapshot, d.provider()),
        range(d.start(), d.end(), snapshot.zone(), locale),
        text("disruptions.reason." + d.reason().code(), locale),
        p.counts(),
        d.source());
  }

  private ToCall toCall(Disruption d, AffectedPatient a, PracticeSnapshot snapshot, Locale locale) {
    Optional<Patient> patient = patients.current(a.patient());
    return new ToCall(
        d.id(),
        a.appointment().value().toString(),
        patient.map(p -> p.id().value()).orElse(null),
        patient.map(DisruptionPages::name).orElse("?"),
        patient.map(Patient::phone).orElse(null),
        when(a.originalStart(), snapshot.zone(), locale),
        providerName(snapshot, d.provider()),
        text("disruptions.reason." + d.reason().code(), locale),
        why(a.escalation(), locale));
  }

  private Row row(
      AffectedPatient a, Disruption d, PracticeSnapshot snapshot, boolean canWrite, Locale locale) {
    ZoneId zone = snapshot.zone();
    Optional<Patient> patient = patients.current(a.patient());
    boolean choosable = a.state() == State.PLANNED || a.state() == State.PENDING;
    return new Row(
        a.appointment().value().toString(),
        patient.map(p -> p.id().value()).orElse(null),
        patient.map(DisruptionPages::name).orElse("?"),
        when(a.originalStart(), zone, locale),
        a.channel(),
        a.consent(),
        a.action().code(),
        a.state().code(),
        canWrite && choosable,
        canWrite && a.state() == State.UNANSWERED,
        a.offers().stream()
            .map(o -> offered(o.start(), o.provider(), d.provider(), snapshot, locale))
            .toList(),
        a.newStart() == null
            ? null
            : offered(
                a.newStart(),
                a.newProvider() == null ? d.provider() : a.newProvider(),
                d.provider(),
                snapshot,
                locale),
        a.state() == State.OFFERED && a.escalateAt() != null
            ? when(a.escalateAt(), zone, locale)
            : null,
        a.state() == State.UNANSWERED ? why(a.escalation(), locale) : null);
  }

  /** A time, and the provider when it is another than the disruption's. */
  private static String offered(
      Instant start,
      ProviderId provider,
      ProviderId own,
      PracticeSnapshot snapshot,
      Locale locale) {
    String time = when(start, snapshot.zone(), locale);
    return provider.equals(own) ? time : time + " · " + providerName(snapshot, provider);
  }

  /** Why a patient is on the call list (the module's code), in the page's language. */
  String why(@Nullable String escalation, Locale locale) {
    if (escalation == null) {
      return "";
    }
    return text("disruptions.why." + escalation, locale);
  }

  private static List<Provider> providers(PracticeSnapshot snapshot, @Nullable UUID own) {
    return snapshot.providers().stream()
        .filter(Provider::active)
        .filter(p -> own == null || own.equals(p.id().value()))
        .sorted(Comparator.comparing(Provider::familyName).thenComparing(Provider::givenName))
        .toList();
  }

  static String providerName(PracticeSnapshot snapshot, ProviderId id) {
    return snapshot.provider(id).map(Provider::displayName).orElse("?");
  }

  static String name(Patient p) {
    String n = CalendarPages.name(p);
    return n.isEmpty() ? "?" : n;
  }

  /** "Tue 16 Mar 09:00" in the page's language. */
  static String when(Instant instant, ZoneId zone, Locale locale) {
    ZonedDateTime at = instant.atZone(zone);
    return DateTimeFormatter.ofPattern("EEE d MMM", locale).format(at)
        + " "
        + DateTimeFormatter.ofPattern("HH:mm").format(at);
  }

  /** "Tue 16 Mar 09:00–11:00", or with both dates when it spans several days. */
  static String range(Instant start, Instant end, ZoneId zone, Locale locale) {
    ZonedDateTime s = start.atZone(zone);
    ZonedDateTime e = end.atZone(zone);
    return s.toLocalDate().equals(e.toLocalDate())
        ? when(start, zone, locale) + "–" + DateTimeFormatter.ofPattern("HH:mm").format(e)
        : when(start, zone, locale) + " – " + when(end, zone, locale);
  }

  private static String time(Instant instant, ZoneId zone) {
    return DateTimeFormatter.ofPattern("HH:mm:ss").format(instant.atZone(zone));
  }

  private static @Nullable UUID uuid(String value) {
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable LocalDate date(String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** What a time field sends ("08:30", or "08:30:00"); "8h30" and "8.30" as typed by hand. */
  static @Nullable LocalTime time(String value) {
    String v = value.strip().replace('h', ':').replace('H', ':').replace('.', ':');
    if (v.endsWith(":")) {
      v = v + "00";
    }
    if (v.matches("\\d:.*")) {
      v = "0" + v;
    }
    try {
      return LocalTime.parse(v);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private String text(String code, Locale locale) {
    return messages.getMessage(code, null, locale);
  }
}
