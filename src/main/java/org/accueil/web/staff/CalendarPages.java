package org.accueil.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.Room;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.Refusals;
import org.accueil.scheduling.Source;
import org.accueil.security.StyleNonce;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The staff calendar: a day or a week, per provider, room or location. FullCalendar draws it from
 * {@code /app/calendar/events}; dragging an appointment and selecting a free time call the same
 * {@link Appointments} methods as the API, so the same rules refuse the same times with the same
 * words. Without a script the page is a list with a form per appointment to move it and a form to
 * book, so a keyboard (or a browser without scripts) can do everything a mouse can.
 *
 * <p>Times cross the page as wall-clock times of the practice's time zone (FullCalendar runs in UTC
 * mode so that a browser in another zone still shows the practice's hours), and become instants
 * here.
 */
@Controller
class CalendarPages {

  /** What the calendar shows: the visits still meaningful for the day, not the cancelled ones. */
  static final Set<AppointmentStatus> SHOWN =
      EnumSet.of(
          AppointmentStatus.PENDING,
          AppointmentStatus.BOOKED,
          AppointmentStatus.ARRIVED,
          AppointmentStatus.CHECKED_IN,
          AppointmentStatus.FULFILLED,
          AppointmentStatus.NOSHOW);

  private final Appointments appointments;
  private final Patients patients;
  private final PracticeDirectory practice;
  private final MessageSource messages;
  private final java.time.Clock clock;

  CalendarPages(
      Appointments appointments,
      Patients patients,
      PracticeDirectory practice,
      MessageSource messages,
      java.time.Clock clock) {
    this.appointments = appointments;
    this.patients = patients;
    this.practice = practice;
    this.messages = messages;
    this.clock = clock;
  }

  /** Filters of the page, as in its address. */
  record Filters(
      String view,
      LocalDate date,
      @Nullable UUID provider,
      @Nullable UUID location,
      @Nullable UUID room) {

    LocalDate first() {
      return view.equals("week")
          ? date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
          : date;
    }

    LocalDate end() {
      return first().plusDays(view.equals("week") ? 7 : 1);
    }

    String query(LocalDate day) {
      UriComponentsBuilder b =
          UriComponentsBuilder.fromPath("/app/calendar")
              .queryParam("view", view)
              .queryParam("date", day);
      if (provider != null) b.queryParam("provider", provider);
      if (location != null) b.queryParam("location", location);
      if (room != null) b.queryParam("room", room);
      return b.build().toUriString();
    }
  }

  /** One appointment as the page lists it. */
  record Row(
      String id,
      String day,
      String time,
      String localStart,
      String patient,
      String type,
      String provider,
      String room,
      String status) {}

  /** One appointment as FullCalendar draws it. */
  record Event(
      String id,
      String title,
      String start,
      String end,
      List<String> classNames,
      boolean editable,
      Map<String, String> extendedProps) {}

  @GetMapping("/app/calendar")
  String calendar(
      @RequestParam(defaultValue = "day") String view,
      @RequestParam(required = false) @Nullable LocalDate date,
      @RequestParam(required = false) @Nullable UUID provider,
      @RequestParam(required = false) @Nullable UUID location,
      @RequestParam(required = false) @Nullable UUID room,
      @RequestParam(required = false) @Nullable String patientQuery,
      HttpServletRequest request,
      Locale locale,
      Model model) {
    StaffAccess.require(Scope.APPOINTMENTS_READ);
    PracticeSnapshot snapshot = practice.snapshot();
    ZoneId zone = snapshot.zone();
    Filters filters =
        new Filters(
            view.equals("week") ? "week" : "day",
            date != null ? date : LocalDate.now(clock.withZone(zone)),
            ownProvider(provider),
            location,
            room);
    List<Row> rows =
        shown(filters, snapshot).stream().map(a -> row(a, snapshot, zone, locale)).toList();
    model.addAttribute("filters", filters);
    model.addAttribute("rows", rows);
    model.addAttribute("providers", providers(snapshot));
    model.addAttribute("locations", snapshot.locations());
    model.addAttribute("rooms", snapshot.rooms().stream().filter(Room::active).toList());
    model.addAttribute("types", types(snapshot, filters.provider(), locale));
    model.addAttribute("zone", zone.getId());
    model.addAttribute(
        "heading",
        filters.view().equals("week")
            ? messages.getMessage(
                "calendar.week-of", new Object[] {longDate(filters.first(), locale)}, locale)
            : longDate(filters.date(), locale));
    model.addAttribute(
        "previous",
        filters.query(
            filters.view().equals("week")
                ? filters.date().minusWeeks(1)
                : filters.date().minusDays(1)));
    model.addAttribute(
        "next",
        filters.query(
            filters.view().equals("week")
                ? filters.date().plusWeeks(1)
                : filters.date().plusDays(1)));
    model.addAttribute("here", filters.query(filters.date()));
    model.addAttribute("today", filters.query(LocalDate.now(clock.withZone(zone))));
    model.addAttribute("canWrite", Actor.current().can(Scope.APPOINTMENTS_WRITE));
    model.addAttribute(
        "found",
        patientQuery == null || patientQuery.isBlank()
            ? List.of()
            : patients.visibleToCaller(patients.searchTyped(patientQuery, 20)).stream()
                .map(p -> Map.of("id", p.id().value().toString(), "label", label(p)))
                .toList());
    model.addAttribute("patientQuery", patientQuery);
    model.addAttribute("styleNonce", StyleNonce.of(request));
    return "web/staff/calendar";
  }

  @GetMapping(path = "/app/calendar/events", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  List<Event> events(
      @RequestParam String start,
      @RequestParam String end,
      @RequestParam(required = false) @Nullable UUID provider,
      @RequestParam(required = false) @Nullable UUID location,
      @RequestParam(required = false) @Nullable UUID room,
      Locale locale) {
    StaffAccess.require(Scope.APPOINTMENTS_READ);
    PracticeSnapshot snapshot = practice.snapshot();
    ZoneId zone = snapshot.zone();
    LocalDateTime from = wallTime(start, "start");
    LocalDateTime to = wallTime(end, "end");
    boolean canWrite = Actor.current().can(Scope.APPOINTMENTS_WRITE);
    List<UUID> providerOrder = providers(snapshot).stream().map(p -> p.id().value()).toList();
    return list(
            from.atZone(zone).toInstant(),
            to.atZone(zone).toInstant(),
            ownProvider(provider),
            location,
            room,
            snapshot)
        .stream()
        .map(
            a -> {
              Row r = row(a, snapshot, zone, locale);
              boolean movable =
                  canWrite
                      && (a.status() == AppointmentStatus.BOOKED
                          || a.status() == AppointmentStatus.PENDING);
              Map<String, String> props = new LinkedHashMap<>();
              props.put("patient", r.patient());
              props.put("type", r.type());
              props.put("provider", r.provider());
              props.put("providerId", a.provider().value().toString());
              props.put("room", r.room());
              props.put("status", r.status());
              return new Event(
                  a.id().value().toString(),
                  r.patient() + " · " + r.type(),
                  wall(a.start(), zone),
                  wall(a.end(), zone),
                  List.of(
                      "provider-" + (providerOrder.indexOf(a.provider().value()) % 6 + 6) % 6,
                      "status-" + a.status().code()),
                  movable,
                  props);
            })
        .toList();
  }

  /** Drag and drop, or the list's form: the same move the API makes. */
  @PostMapping("/app/calendar/appointments/{id}/move")
  Object move(
      @PathVariable UUID id,
      @RequestParam String start,
      @RequestParam(required = false) @Nullable UUID provider,
      @RequestHeader(name = "Accept", defaultValue = "") String accept,
      @RequestParam(required = false) @Nullable String back,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.APPOINTMENTS_WRITE);
    return answer(
        accept,
        back,
        locale,
        redirect,
        "calendar.moved",
        () -> {
          Appointment current =
              appointments
                  .find(AppointmentId.of(id))
                  .filter(this::onOwnCalendar)
                  .orElseThrow(() -> ProblemException.notFound("appointment", id));
          checkCalendar(provider == null ? current.provider().value() : provider);
          return outcome(
              appointments.reschedule(
                  new RescheduleAppointment(
                      current.id(),
                      wallTime(start, "start").atZone(practice.snapshot().zone()).toInstant(),
                      provider == null ? null : ProviderId.of(provider),
                      null,
                      Actor.current().reference())));
        });
  }

  /** A selected free time, or the page's booking form: the same booking the API makes. */
  @PostMapping("/app/calendar/book")
  Object book(
      @RequestParam(required = false) @Nullable UUID patient,
      @RequestParam(required = false) @Nullable UUID type,
      @RequestParam(required = false) @Nullable UUID provider,
      @RequestParam(required = false) @Nullable String start,
      @RequestHeader(name = "Accept", defaultValue = "") String accept,
      @RequestParam(required = false) @Nullable String back,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.APPOINTMENTS_WRITE);
    return answer(
        accept,
        back,
        locale,
        redirect,
        "calendar.booked",
        () -> {
          List<String> missing = new ArrayList<>();
          if (patient == null) missing.add(messages.getMessage("calendar.patient", null, locale));
          if (type == null) missing.add(messages.getMessage("calendar.type", null, locale));
          if (provider == null) missing.add(messages.getMessage("calendar.provider", null, locale));
          if (start == null || start.isBlank())
            missing.add(messages.getMessage("calendar.start", null, locale));
          if (!missing.isEmpty()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "booking-form-incomplete")
                .detail("Please choose: {0}.", String.join(", ", missing))
                .build();
          }
          checkCalendar(provider);
          return outcome(
              appointments.book(
                  new BookAppointment(
                      null,
                      AppointmentTypeId.of(type),
                      ProviderId.of(provider),
                      wallTime(start, "start").atZone(practice.snapshot().zone()).toInstant(),
                      null,
                      PatientId.of(patient),
                      null,
                      null,
                      Source.STAFF,
                      Actor.current().reference())));
        });
  }

  private Object answer(
      String accept,
      @Nullable String back,
      Locale locale,
      RedirectAttributes redirect,
      String done,
      java.util.function.Supplier<Appointment> change) {
    boolean json = accept.contains(MediaType.APPLICATION_JSON_VALUE);
    String target = back != null && back.startsWith("/app/calendar") ? back : "/app/calendar";
    try {
      Appointment a = change.get();
      if (json) {
        return ResponseEntity.ok(
            Map.of("id", a.id().value().toString(), "status", a.status().code()));
      }
      redirect.addFlashAttribute("notice", messages.getMessage(done, null, locale));
      return "redirect:" + target;
    } catch (ProblemException e) {
      var problem = e.updateAndGetBody(messages, locale);
      if (json) {
        return ResponseEntity.status(e.getStatusCode())
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem);
      }
      redirect.addFlashAttribute("problem", problem.getDetail());
      return "redirect:" + target;
    }
  }

  private static Appointment outcome(BookingResult<Appointment> result) {
    return switch (result) {
      case BookingResult.Success<Appointment>(Appointment appointment) -> appointment;
      case BookingResult.Refused<Appointment>(var reason) -> throw Refusals.problem(reason);
    };
  }

  private List<Appointment> shown(Filters f, PracticeSnapshot snapshot) {
    ZoneId zone = snapshot.zone();
    return list(
        f.first().atStartOfDay(zone).toInstant(),
        f.end().atStartOfDay(zone).toInstant(),
        f.provider(),
        f.location(),
        f.room(),
        snapshot);
  }

  private List<Appointment> list(
      Instant from,
      Instant to,
      @Nullable UUID provider,
      @Nullable UUID location,
      @Nullable UUID room,
      PracticeSnapshot snapshot) {
    return appointments
        .list(
            new AppointmentQuery(
                from, to, provider == null ? null : ProviderId.of(provider), null, null, 5000))
        .stream()
        .filter(a -> SHOWN.contains(a.status()))
        .filter(a -> location == null || a.location().value().equals(location))
        .filter(a -> room == null || (a.room() != null && a.room().value().equals(room)))
        .sorted(Comparator.comparing(Appointment::start))
        .toList();
  }

  private Row row(Appointment a, PracticeSnapshot snapshot, ZoneId zone, Locale locale) {
    var start = a.start().atZone(zone);
    return new Row(
        a.id().value().toString(),
        longDate(start.toLocalDate(), locale),
        DateTimeFormatter.ofPattern("HH:mm").format(start)
            + "–"
            + DateTimeFormatter.ofPattern("HH:mm").format(a.end().atZone(zone)),
        wall(a.start(), zone).substring(0, 16),
        patients.find(a.patient()).map(CalendarPages::name).orElse("?"),
        snapshot.appointmentType(a.type()).map(t -> t.name().in(locale)).orElse("?"),
        snapshot.provider(a.provider()).map(Provider::displayName).orElse("?"),
        a.room() == null ? "" : snapshot.room(a.room()).map(Room::name).orElse(""),
        messages.getMessage(
            "calendar.status." + a.status().code(), null, a.status().code(), locale));
  }

  static String name(Patient p) {
    return String.join(
            " ",
            Objects.requireNonNullElse(p.givenName(), ""),
            Objects.requireNonNullElse(p.familyName(), ""))
        .trim();
  }

  /** A name and a birth date, to tell two patients of the same name apart. */
  static String label(Patient p) {
    return p.birthDate() == null ? name(p) : name(p) + " (" + p.birthDate() + ")";
  }

  private static List<Provider> providers(PracticeSnapshot snapshot) {
    UUID own = Actor.current().ownCalendarOnly();
    return snapshot.providers().stream()
        .filter(Provider::active)
        .filter(p -> own == null || own.equals(p.id().value()))
        .sorted(Comparator.comparing(Provider::familyName).thenComparing(Provider::givenName))
        .toList();
  }

  /**
   * The types a booking can be for, those of the chosen provider first (each option names its
   * providers, so the booking form's script narrows them to the provider picked in the form).
   */
  private static List<Map<String, String>> types(
      PracticeSnapshot snapshot, @Nullable UUID provider, Locale locale) {
    return snapshot.appointmentTypes().stream()
        .filter(AppointmentType::active)
        .map(
            t ->
                Map.of(
                    "id",
                    t.id().value().toString(),
                    "name",
                    t.name().in(locale),
                    "providers",
                    String.join(
                        " ", t.providers().stream().map(p -> p.value().toString()).toList())))
        .sorted(
            Comparator.<Map<String, String>, Boolean>comparing(
                    m -> provider == null || !m.get("providers").contains(provider.toString()))
                .thenComparing(m -> m.get("name")))
        .toList();
  }

  private static String longDate(LocalDate day, Locale locale) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(day);
  }

  private static String wall(Instant instant, ZoneId zone) {
    return LocalDateTime.ofInstant(instant, zone).toString();
  }

  /** FullCalendar's times in UTC mode ("…Z" or "+00:00") and the form's are wall-clock times. */
  private static LocalDateTime wallTime(String value, String name) {
    String v = value.trim();
    try {
      if (v.endsWith("Z")) {
        v = v.substring(0, v.length() - 1);
      } else if (v.length() > 19 && (v.charAt(19) == '+' || v.charAt(19) == '-')) {
        v = v.substring(0, 19);
      }
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v);
    } catch (DateTimeParseException e) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
          .detail(
              "\"{1}\" is not a valid value for {0} (expected {2}).",
              name, value, "a date and time such as 2027-04-06T09:30")
          .build();
    }
  }

  /** A clinician limited to their own calendar sees and changes only that one. */
  private static @Nullable UUID ownProvider(@Nullable UUID requested) {
    UUID own = Actor.current().ownCalendarOnly();
    return own != null ? own : requested;
  }

  private boolean onOwnCalendar(Appointment a) {
    UUID own = Actor.current().ownCalendarOnly();
    return own == null || own.equals(a.provider().value());
  }

  private static void checkCalendar(@Nullable UUID provider) {
    UUID own = Actor.current().ownCalendarOnly();
    if (own != null && !own.equals(provider)) {
      throw ProblemException.of(HttpStatus.FORBIDDEN, "own-calendar-only")
          .detail("You may only change your own calendar.")
          .build();
    }
  }
}
