package org.accueil.web.book;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.VisitMode;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.HoldSlot;
import org.accueil.scheduling.Hold;
import org.accueil.scheduling.Holds;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The first steps of booking: the kind of visit, the provider (or the first available), a free
 * time. Choosing is a link (GET), so that every step has an address, back works and the language
 * can be switched (the choices are in the path, which {@code ?lang=} keeps); taking a time holds it
 * (POST), and the details page continues ({@link DetailsPages}).
 */
@Controller
@RequestMapping("/book")
class BookingPages {

  static final String ANY = "any";

  record TypeChoice(UUID id, String name, long minutes, boolean video, boolean newPatientsOnly) {}

  record ProviderChoice(String id, String name, String about) {}

  private final PracticeDirectory practice;
  private final FreeTimes times;
  private final Holds holds;
  private final PublicPages pages;

  BookingPages(PracticeDirectory practice, FreeTimes times, Holds holds, PublicPages pages) {
    this.practice = practice;
    this.times = times;
    this.holds = holds;
    this.pages = pages;
  }

  @GetMapping
  String types(Model model, Locale locale) {
    PracticeSnapshot snapshot = practice.snapshot();
    model.addAttribute(
        "types",
        snapshot.appointmentTypes().stream()
            .filter(type -> bookable(snapshot, type))
            .sorted(Comparator.comparing((AppointmentType t) -> t.name().in(locale)))
            .map(
                t ->
                    new TypeChoice(
                        t.id().value(),
                        t.name().in(locale),
                        t.duration().toMinutes(),
                        t.mode() == VisitMode.VIDEO,
                        t.newPatientsOnly()))
            .toList());
    return "web/book/types";
  }

  @GetMapping("/{type}")
  String providers(@PathVariable String type, Model model, Locale locale) {
    PracticeSnapshot snapshot = practice.snapshot();
    AppointmentType chosen = type(snapshot, type);
    model.addAttribute("type", chosen.name().in(locale));
    model.addAttribute("typeId", chosen.id().value());
    model.addAttribute(
        "providers",
        providersOf(snapshot, chosen).stream()
            .map(
                p ->
                    new ProviderChoice(
                        p.id().value().toString(),
                        p.displayName(),
                        String.join(", ", p.specialties())))
            .toList());
    return "web/book/providers";
  }

  @GetMapping("/{type}/{provider}")
  String times(
      @PathVariable String type,
      @PathVariable String provider,
      @RequestParam(required = false) @Nullable String from,
      Model model,
      Locale locale) {
    PracticeSnapshot snapshot = practice.snapshot();
    AppointmentType chosen = type(snapshot, type);
    Set<ProviderId> providers = providers(snapshot, chosen, provider);
    showTimes(model, snapshot, chosen, provider, providers, date(from), locale);
    return "web/book/times";
  }

  /** Takes the time the patient chose: held for them while they say who they are. */
  @PostMapping("/{type}/{provider}")
  String hold(
      @PathVariable String type,
      @PathVariable String provider,
      @RequestParam(required = false) @Nullable String slot,
      HttpSession session,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    PracticeSnapshot snapshot = practice.snapshot();
    AppointmentType chosen = type(snapshot, type);
    Set<ProviderId> providers = providers(snapshot, chosen, provider);
    FreeTimes.Chosen time = FreeTimes.Chosen.parse(slot);
    if (time == null
        || !chosen.offeredBy(time.provider())
        || !(providers.isEmpty() || providers.contains(time.provider()))) {
      return "redirect:/book/" + chosen.id().value() + "/" + provider;
    }
    var result =
        holds.hold(
            new HoldSlot(
                chosen.id(), time.provider(), time.start(), time.location(), null, WebBookings.BY));
    return switch (result) {
      case BookingResult.Success<Hold>(Hold hold) -> {
        BookingSession state = BookingSession.of(session);
        state.held(
            hold.id().value(),
            new BookingSession.Held(chosen.id().value(), provider, time.value()));
        state.save(session);
        yield "redirect:/book/details/" + hold.id().value();
      }
      case BookingResult.Refused<Hold>(var reason) -> {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("problem", pages.refusal(reason, locale));
        LocalDate day = time.start().atZone(snapshot.zone()).toLocalDate();
        showTimes(model, snapshot, chosen, provider, providers, day, locale);
        yield "web/book/times";
      }
    };
  }

  private void showTimes(
      Model model,
      PracticeSnapshot snapshot,
      AppointmentType type,
      String provider,
      Set<ProviderId> providers,
      @Nullable LocalDate from,
      Locale locale) {
    model.addAttribute("type", type.name().in(locale));
    model.addAttribute("typeId", type.id().value());
    model.addAttribute("provider", provider);
    model.addAttribute(
        "providerName",
        providers.isEmpty()
            ? null
            : snapshot.provider(providers.iterator().next()).orElseThrow().displayName());
    model.addAttribute("week", times.week(type, providers, null, from, locale));
  }

  /** Active, offered by someone who takes appointments: what a patient can book here. */
  static boolean bookable(PracticeSnapshot snapshot, AppointmentType type) {
    return type.active() && !providersOf(snapshot, type).isEmpty();
  }

  static List<Provider> providersOf(PracticeSnapshot snapshot, AppointmentType type) {
    return snapshot.providers().stream()
        .filter(p -> p.active() && type.offeredBy(p.id()))
        .sorted(Comparator.comparing(Provider::familyName).thenComparing(Provider::givenName))
        .toList();
  }

  /** The type in the address, if a patient can book it; else the page is not found. */
  static AppointmentType type(PracticeSnapshot snapshot, String id) {
    return uuid(id)
        .map(AppointmentTypeId::of)
        .flatMap(snapshot::appointmentType)
        .filter(type -> bookable(snapshot, type))
        .orElseThrow(() -> ProblemException.notFound("appointment-type", id));
  }

  /** Empty for the first available; else the one provider, who must offer the type. */
  static Set<ProviderId> providers(PracticeSnapshot snapshot, AppointmentType type, String id) {
    if (ANY.equals(id)) {
      return Set.of();
    }
    return uuid(id)
        .map(ProviderId::of)
        .filter(p -> providersOf(snapshot, type).stream().anyMatch(q -> q.id().equals(p)))
        .map(Set::of)
        .orElseThrow(() -> ProblemException.notFound("provider", id));
  }

  static @Nullable LocalDate date(@Nullable String text) {
    try {
      return text == null || text.isBlank() ? null : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static java.util.Optional<UUID> uuid(String text) {
    try {
      return java.util.Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /** Where "choose another time" goes back to. */
  static String timesPath(BookingSession.Held held) {
    return "/book/" + held.type() + "/" + held.provider();
  }
}
