package org.accueil.web.book;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.accueil.privacy.ConsentWording;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.HoldSlot;
import org.accueil.scheduling.Hold;
import org.accueil.scheduling.Holds;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The last steps of booking: who the patient is, then the booking itself, from the time held for
 * this browser ({@link BookingSession}). A refused form comes back with each error beside its field
 * and everything typed still there; a time taken meanwhile comes back with the next free times,
 * which the patient takes without typing anything again.
 */
@Controller
@RequestMapping("/book")
class DetailsPages {

  /** Free times offered instead of one that was taken. */
  private static final int INSTEAD = 6;

  private final PracticeDirectory practice;
  private final Holds holds;
  private final Appointments appointments;
  private final WebBookings bookings;
  private final FreeTimes times;
  private final PublicPages pages;
  private final MessageSource messages;

  DetailsPages(
      PracticeDirectory practice,
      Holds holds,
      Appointments appointments,
      WebBookings bookings,
      FreeTimes times,
      PublicPages pages,
      MessageSource messages) {
    this.practice = practice;
    this.holds = holds;
    this.appointments = appointments;
    this.bookings = bookings;
    this.times = times;
    this.pages = pages;
    this.messages = messages;
  }

  /**
   * The time this browser holds, as its page shows it. {@code until} is null when the hold lapsed
   * and was cleared (another patient's booking clears a lapsed hold in its way): the page then
   * holds the time again if it is still free.
   */
  private record Time(
      UUID hold,
      AppointmentTypeId type,
      ProviderId provider,
      LocationId location,
      Instant start,
      @Nullable Instant until) {

    boolean lapsed() {
      return until == null;
    }
  }

  @GetMapping("/details/{hold}")
  String details(
      @PathVariable String hold,
      HttpSession session,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    BookingSession state = BookingSession.of(session);
    UUID id = BookingPages.uuid(hold).orElse(null);
    BookingSession.Held held = id == null ? null : state.hold(id);
    if (held == null) {
      return elsewhere(state, id);
    }
    DetailsForm draft = state.draft();
    DetailsForm form = draft == null ? DetailsForm.blank(locale) : draft;
    Time time = timeOf(id, held);
    if (time == null) {
      return "redirect:" + BookingPages.timesPath(held);
    }
    if (time.lapsed()) {
      var again = holdAgain(state, session, time, held);
      if (again instanceof BookingResult.Refused<Hold>(var reason)) {
        return taken(response, model, time, held, form, pages.refusal(reason, locale), locale);
      }
      return "redirect:/book/details/" + ((BookingResult.Success<Hold>) again).value().id().value();
    }
    show(model, time, held, form, Map.of(), locale);
    return "web/book/details";
  }

  /** Books the held time for the patient the form describes. */
  @PostMapping("/details/{hold}")
  String book(
      @PathVariable String hold,
      @ModelAttribute("form") DetailsForm form,
      HttpSession session,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    BookingSession state = BookingSession.of(session);
    UUID id = BookingPages.uuid(hold).orElse(null);
    BookingSession.Held held = id == null ? null : state.hold(id);
    if (held == null) {
      return elsewhere(state, id);
    }
    state.draft(form);
    state.save(session);
    Time time = timeOf(id, held);
    if (time == null) {
      return "redirect:" + BookingPages.timesPath(held);
    }
    Map<String, String> errors = form.errors(times.today(), region(practice.snapshot()));
    if (!errors.isEmpty()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      show(model, time, held, form, errors, locale);
      return "web/book/details";
    }
    AppointmentId booking = AppointmentId.of(id);
    if (time.lapsed()) {
      var again = holdAgain(state, session, time, held);
      if (again instanceof BookingResult.Refused<Hold>(var reason)) {
        return taken(response, model, time, held, form, pages.refusal(reason, locale), locale);
      }
      booking = ((BookingResult.Success<Hold>) again).value().id();
    }
    WebBookings.Outcome outcome;
    try {
      outcome =
          bookings.book(
              booking,
              form.details(locale),
              form.agreesToMessages(),
              ConsentWording.of(
                  messages.getMessage("book.details.messages", null, locale),
                  locale.getLanguage()));
    } catch (ProblemException e) {
      // A number the registry cannot reach after all, an erased patient...
      response.setStatus(e.getStatusCode().value());
      model.addAttribute("problem", pages.detail(e, locale));
      show(model, time, held, form, Map.of(), locale);
      return "web/book/details";
    }
    return switch (outcome.result()) {
      case BookingResult.Success<Appointment>(Appointment booked) -> {
        state.forget(booking.value());
        state.booked(
            new BookingSession.Booked(
                booked.id().value(), outcome.token(), form.agreesToMessages()));
        state.save(session);
        yield "redirect:/book/done";
      }
      case BookingResult.Refused<Appointment>(var reason) ->
          taken(response, model, time, held, form, pages.refusal(reason, locale), locale);
    };
  }

  /**
   * One of the times offered instead of a taken one, with everything typed kept (the draft saved
   * when the form was sent): the new time is held, the old one given back.
   */
  @PostMapping("/details/{hold}/time")
  String otherTime(
      @PathVariable String hold,
      @RequestParam(required = false) @Nullable String slot,
      HttpSession session,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    BookingSession state = BookingSession.of(session);
    UUID id = BookingPages.uuid(hold).orElse(null);
    BookingSession.Held held = id == null ? null : state.hold(id);
    if (held == null) {
      return elsewhere(state, id);
    }
    DetailsForm draft = state.draft();
    DetailsForm form = draft == null ? DetailsForm.blank(locale) : draft;
    FreeTimes.Chosen chosen = FreeTimes.Chosen.parse(slot);
    AppointmentType type =
        practice.snapshot().appointmentType(AppointmentTypeId.of(held.type())).orElse(null);
    if (chosen == null
        || type == null
        || !type.offeredBy(chosen.provider())
        || !(BookingPages.ANY.equals(held.provider())
            || held.provider().equals(chosen.provider().value().toString()))) {
      return "redirect:/book/details/" + id;
    }
    var result = hold(type.id(), chosen);
    return switch (result) {
      case BookingResult.Success<Hold>(Hold taken) -> {
        release(id);
        state.forget(id);
        state.held(
            taken.id().value(),
            new BookingSession.Held(held.type(), held.provider(), chosen.value()));
        state.save(session);
        yield "redirect:/book/details/" + taken.id().value();
      }
      case BookingResult.Refused<Hold>(var reason) -> {
        Time time = timeOf(id, held);
        if (time == null) {
          yield "redirect:" + BookingPages.timesPath(held);
        }
        yield taken(response, model, time, held, form, pages.refusal(reason, locale), locale);
      }
    };
  }

  private @Nullable Time timeOf(UUID id, BookingSession.Held held) {
    Hold hold = holds.find(AppointmentId.of(id)).orElse(null);
    if (hold != null) {
      return new Time(
          id, hold.type(), hold.provider(), hold.location(), hold.start(), hold.expiresAt());
    }
    FreeTimes.Chosen chosen = FreeTimes.Chosen.parse(held.time());
    return chosen == null
        ? null
        : new Time(
            id,
            AppointmentTypeId.of(held.type()),
            chosen.provider(),
            chosen.location(),
            chosen.start(),
            null);
  }

  /** The time of a lapsed, cleared hold, held again for this browser if nobody took it. */
  private BookingResult<Hold> holdAgain(
      BookingSession state, HttpSession session, Time time, BookingSession.Held held) {
    var result =
        hold(time.type(), new FreeTimes.Chosen(time.provider(), time.location(), time.start()));
    if (result instanceof BookingResult.Success<Hold>(Hold again)) {
      state.forget(time.hold());
      state.held(again.id().value(), held);
      state.save(session);
    }
    return result;
  }

  private BookingResult<Hold> hold(AppointmentTypeId type, FreeTimes.Chosen time) {
    return holds.hold(
        new HoldSlot(type, time.provider(), time.start(), time.location(), null, WebBookings.BY));
  }

  /** The time was taken (or refused): the page again, with why and the next free times. */
  private String taken(
      HttpServletResponse response,
      Model model,
      Time time,
      BookingSession.Held held,
      DetailsForm form,
      String why,
      Locale locale) {
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    model.addAttribute("problem", why);
    show(model, time, held, form, Map.of(), locale);
    model.addAttribute("instead", instead(time, held, locale));
    return "web/book/details";
  }

  /** "Choose another time": the held time is given back at once, for the next patient. */
  @PostMapping("/details/{hold}/release")
  String giveBack(@PathVariable String hold, HttpSession session) {
    BookingSession state = BookingSession.of(session);
    UUID id = BookingPages.uuid(hold).orElse(null);
    BookingSession.Held held = id == null ? null : state.hold(id);
    if (held == null) {
      return elsewhere(state, id);
    }
    LocalDate day =
        holds
            .find(AppointmentId.of(id))
            .map(h -> h.start().atZone(h.zone()).toLocalDate())
            .orElse(null);
    release(id);
    state.forget(id);
    state.save(session);
    return "redirect:" + BookingPages.timesPath(held) + (day == null ? "" : "?from=" + day);
  }

  @GetMapping("/done")
  String done(HttpSession session, Model model, Locale locale) {
    BookingSession.Booked booked = BookingSession.of(session).booked();
    if (booked == null) {
      return "redirect:/book";
    }
    Appointment appointment =
        appointments.find(AppointmentId.of(booked.appointment())).orElse(null);
    if (appointment == null) {
      return "redirect:/book";
    }
    PracticeSnapshot snapshot = practice.snapshot();
    model.addAttribute("visit", facts(snapshot, appointment, locale));
    model.addAttribute("cancelled", !appointment.status().occupiesTime());
    model.addAttribute("token", booked.token());
    model.addAttribute("messages", booked.messages());
    return "web/book/done";
  }

  static VisitFacts facts(PracticeSnapshot snapshot, Appointment a, Locale locale) {
    return VisitFacts.of(
        snapshot,
        snapshot.appointmentType(a.type()).orElseThrow(),
        snapshot.provider(a.provider()).orElseThrow(),
        snapshot.location(a.location()).orElseThrow(),
        a.start(),
        locale);
  }

  private void show(
      Model model,
      Time time,
      BookingSession.Held held,
      DetailsForm form,
      Map<String, String> errors,
      Locale locale) {
    PracticeSnapshot snapshot = practice.snapshot();
    Location location = snapshot.location(time.location()).orElseThrow();
    model.addAttribute("hold", time.hold());
    model.addAttribute(
        "visit",
        VisitFacts.of(
            snapshot,
            snapshot.appointmentType(time.type()).orElseThrow(),
            snapshot.provider(time.provider()).orElseThrow(),
            location,
            time.start(),
            locale));
    Instant until = time.until();
    model.addAttribute(
        "heldUntil", until == null ? null : VisitFacts.time(until, location.zone(), locale));
    model.addAttribute("back", BookingPages.timesPath(held));
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("chosenLanguage", form.languageOr(locale));
  }

  private List<FreeTimes.Time> instead(Time time, BookingSession.Held held, Locale locale) {
    PracticeSnapshot snapshot = practice.snapshot();
    AppointmentType type = snapshot.appointmentType(time.type()).orElse(null);
    Location location = snapshot.location(time.location()).orElse(null);
    if (type == null || location == null) {
      return List.of();
    }
    Set<ProviderId> providers =
        BookingPages.ANY.equals(held.provider()) ? Set.of() : Set.of(time.provider());
    return times.instead(
        type,
        providers,
        null,
        time.start().atZone(location.zone()).toLocalDate(),
        time.start(),
        INSTEAD,
        locale);
  }

  private void release(UUID hold) {
    try {
      holds.release(AppointmentId.of(hold));
    } catch (ProblemException e) {
      // Already gone: lapsed and cleared, or booked by this browser's other tab.
    }
  }

  /**
   * A hold this browser does not hold: the one it just booked (a second click on "confirm", or the
   * back button) shows the confirmation; anything else starts again.
   */
  private static String elsewhere(BookingSession state, @Nullable UUID hold) {
    BookingSession.Booked booked = state.booked();
    if (booked != null && booked.appointment().equals(hold)) {
      return "redirect:/book/done";
    }
    return "redirect:/book";
  }

  /**
   * The practice's country, for phone numbers written without their country code: as the registry
   * reads them (the country most of the active locations are in, else France).
   */
  static String region(PracticeSnapshot snapshot) {
    Map<String, Long> countries =
        snapshot.locations().stream()
            .filter(Location::active)
            .collect(
                Collectors.groupingBy(
                    l -> l.address().country(), TreeMap::new, Collectors.counting()));
    return countries.entrySet().stream()
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse("FR");
  }
}
