package org.accueil.web.book;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Location;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Attendance;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.security.PatientLinks;
import org.accueil.web.PatientLanguage;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The manage-booking page a patient opens from the link in their messages ({@code /p/<token>}, see
 * {@link PatientLinks}): their one appointment, to confirm, move (same kind of visit, same
 * provider) or cancel. Everything is done as the link itself, so the audit trail names it, as it
 * does for the API used with the same token. A token that is forged, altered, expired or revoked
 * gets a page that says nothing about any appointment.
 */
@Controller
@RequestMapping("/p/{token}")
class ManagePages {

  private final PatientLinks links;
  private final Appointments appointments;
  private final Attendance attendance;
  private final Patients patients;
  private final PracticeDirectory practice;
  private final FreeTimes times;
  private final PublicPages pages;
  private final Clock clock;

  ManagePages(
      PatientLinks links,
      Appointments appointments,
      Attendance attendance,
      Patients patients,
      PracticeDirectory practice,
      FreeTimes times,
      PublicPages pages,
      Clock clock) {
    this.links = links;
    this.appointments = appointments;
    this.attendance = attendance;
    this.patients = patients;
    this.practice = practice;
    this.times = times;
    this.pages = pages;
    this.clock = clock;
  }

  @GetMapping
  String appointment(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    return asLink(
        token,
        response,
        a -> {
          String language = patientsLanguage(a, request, locale);
          if (language != null) {
            // Their own language, as their messages speak it; ?lang= makes the browser keep it.
            return "redirect:/p/" + token + "?lang=" + language;
          }
          show(model, a, token, locale);
          boolean coming = changeable(a);
          model.addAttribute("changeable", coming);
          model.addAttribute("cancelled", a.status() == AppointmentStatus.CANCELLED);
          boolean confirmed = attendance.confirmedAt(a.id()).isPresent();
          model.addAttribute("confirmed", coming && confirmed);
          model.addAttribute("canConfirm", coming && !confirmed);
          return "web/book/manage";
        });
  }

  @PostMapping("/confirm")
  String confirm(
      @PathVariable String token, HttpServletResponse response, RedirectAttributes flash) {
    return asLink(
        token,
        response,
        a -> {
          if (changeable(a)) {
            attendance.confirm(a.id(), Actor.current().reference());
            flash.addFlashAttribute("notice", "book.manage.notice.confirmed");
          }
          return "redirect:/p/" + token;
        });
  }

  @GetMapping("/cancel")
  String cancelling(
      @PathVariable String token, HttpServletResponse response, Model model, Locale locale) {
    return asLink(
        token,
        response,
        a -> {
          if (!changeable(a)) {
            return "redirect:/p/" + token;
          }
          show(model, a, token, locale);
          return "web/book/manage-cancel";
        });
  }

  @PostMapping("/cancel")
  String cancel(
      @PathVariable String token, HttpServletResponse response, RedirectAttributes flash) {
    return asLink(
        token,
        response,
        a -> {
          if (changeable(a)) {
            appointments.cancel(new CancelAppointment(a.id(), "", Actor.current().reference()));
            flash.addFlashAttribute("notice", "book.manage.notice.cancelled");
          }
          return "redirect:/p/" + token;
        });
  }

  /** Free times of the same kind of visit with the same provider, a week at a time. */
  @GetMapping("/move")
  String moving(
      @PathVariable String token,
      @RequestParam(required = false) @Nullable String from,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    return asLink(
        token,
        response,
        a -> {
          if (!changeable(a)) {
            return "redirect:/p/" + token;
          }
          showTimes(model, a, token, BookingPages.date(from), locale);
          return "web/book/manage-move";
        });
  }

  /** The time chosen, side by side with the current one, before anything changes. */
  @GetMapping("/move/confirm")
  String movingTo(
      @PathVariable String token,
      @RequestParam(required = false) @Nullable String slot,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    return asLink(
        token,
        response,
        a -> {
          FreeTimes.Chosen chosen = sameProvider(a, slot);
          if (!changeable(a) || chosen == null) {
            return "redirect:/p/" + token + (changeable(a) ? "/move" : "");
          }
          show(model, a, token, locale);
          PracticeSnapshot snapshot = practice.snapshot();
          model.addAttribute(
              "to",
              VisitFacts.of(
                  snapshot,
                  snapshot.appointmentType(a.type()).orElseThrow(),
                  snapshot.provider(a.provider()).orElseThrow(),
                  snapshot.location(chosen.location()).orElseThrow(),
                  chosen.start(),
                  locale));
          model.addAttribute("slot", chosen.value());
          return "web/book/manage-move-confirm";
        });
  }

  @PostMapping("/move")
  String move(
      @PathVariable String token,
      @RequestParam(required = false) @Nullable String slot,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash,
      Locale locale) {
    return asLink(
        token,
        response,
        a -> {
          FreeTimes.Chosen chosen = sameProvider(a, slot);
          if (!changeable(a) || chosen == null) {
            return "redirect:/p/" + token;
          }
          var moved =
              appointments.reschedule(
                  new RescheduleAppointment(
                      a.id(),
                      chosen.start(),
                      null,
                      chosen.location(),
                      Actor.current().reference()));
          if (moved instanceof BookingResult.Refused<Appointment>(var reason)) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", pages.refusal(reason, locale));
            LocalDate day = chosen.start().atZone(a.zone()).toLocalDate();
            showTimes(model, a, token, day, locale);
            return "web/book/manage-move";
          }
          flash.addFlashAttribute("notice", "book.manage.notice.moved");
          return "redirect:/p/" + token;
        });
  }

  /**
   * Runs {@code page} as the link {@code token} stands for, on its appointment; a token that is not
   * genuine, has expired or was revoked, or whose appointment is gone, gets the page that reveals
   * nothing.
   */
  private String asLink(
      String token, HttpServletResponse response, Function<Appointment, String> page) {
    Optional<Actor> link = links.authenticate(token);
    Appointment appointment =
        link.map(Actor::appointmentId)
            .flatMap(id -> appointments.find(AppointmentId.of(id)))
            .orElse(null);
    if (link.isEmpty() || appointment == null) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      return "web/book/link-invalid";
    }
    SecurityContext previous = SecurityContextHolder.getContext();
    SecurityContext asLink = SecurityContextHolder.createEmptyContext();
    asLink.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(link.get(), null, List.of()));
    SecurityContextHolder.setContext(asLink);
    try {
      return page.apply(appointment);
    } catch (ProblemException e) {
      // Changed meanwhile by the practice (cancelled, begun): the page shows it as it now is.
      return "redirect:/p/" + token;
    } finally {
      SecurityContextHolder.setContext(previous);
    }
  }

  /** Booked and still to come: what a patient may confirm, move or cancel. */
  private boolean changeable(Appointment a) {
    return (a.status() == AppointmentStatus.BOOKED || a.status() == AppointmentStatus.PENDING)
        && a.start().isAfter(clock.instant());
  }

  /** A time the patient chose, only with their own provider and for a place they work at. */
  private FreeTimes.@Nullable Chosen sameProvider(Appointment a, @Nullable String slot) {
    FreeTimes.Chosen chosen = FreeTimes.Chosen.parse(slot);
    if (chosen == null
        || !chosen.provider().equals(a.provider())
        || practice.snapshot().location(chosen.location()).isEmpty()) {
      return null;
    }
    return chosen;
  }

  /** The patient's own language when the page was not asked for in one; else null. */
  private @Nullable String patientsLanguage(
      Appointment a, HttpServletRequest request, Locale locale) {
    return PatientLanguage.switchTo(
        patients.find(a.patient()).map(Patient::preferredLanguage).orElse(null), request, locale);
  }

  /** The appointment as the patient reads it: when, with whom, where; not why. */
  private void show(Model model, Appointment a, String token, Locale locale) {
    model.addAttribute("visit", DetailsPages.facts(practice.snapshot(), a, locale));
    model.addAttribute("token", token);
  }

  private void showTimes(
      Model model, Appointment a, String token, @Nullable LocalDate from, Locale locale) {
    show(model, a, token, locale);
    PracticeSnapshot snapshot = practice.snapshot();
    AppointmentType type = snapshot.appointmentType(a.type()).orElseThrow();
    Location location = snapshot.location(a.location()).orElseThrow();
    PatientCategory category =
        a.newPatient() == null
            ? null
            : a.newPatient() ? PatientCategory.NEW : PatientCategory.RETURNING;
    LocalDate start = from != null ? from : a.start().atZone(location.zone()).toLocalDate();
    if (from == null && start.isAfter(times.today())) {
      // Most people move a visit to around the same days: start a few days before it.
      start = start.minusDays(3);
    }
    model.addAttribute("week", times.week(type, Set.of(a.provider()), category, start, locale));
  }
}
