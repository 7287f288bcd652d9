package org.accueil.assistant.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.accueil.assistant.internal.DialogueState.Offer;
import org.accueil.assistant.internal.DialogueState.Step;
import org.accueil.assistant.understanding.Intent;
import org.accueil.assistant.understanding.TeamRequests;
import org.accueil.assistant.understanding.Understander;
import org.accueil.assistant.understanding.Understanding;
import org.accueil.assistant.understanding.When;
import org.accueil.channels.OutboundContent.Choice;
import org.accueil.conversations.Conversations;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.Escalation;
import org.accueil.disruptions.OfferLines;
import org.accueil.disruptions.ReplyOutcome;
import org.accueil.patients.Channel;
import org.accueil.patients.ChannelIdentities;
import org.accueil.patients.ContactPoint;
import org.accueil.patients.Origin;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientRecord;
import org.accueil.patients.Patients;
import org.accueil.patients.PhoneNumbers;
import org.accueil.patients.RelationshipKind;
import org.accueil.platform.PatientDates;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.Location;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.WeeklyHours;
import org.accueil.satisfaction.Rating;
import org.accueil.satisfaction.Satisfaction;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Attendance;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.HoldSlot;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.Hold;
import org.accueil.scheduling.Holds;
import org.accueil.scheduling.Source;
import org.accueil.scheduling.Waitlist;
import org.accueil.scheduling.WaitlistOffer;
import org.accueil.scheduling.model.Slot;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The assistant's side of a conversation, one patient message at a time, whatever the channel: it
 * understands the message, fills what a booking needs (type, provider, when, who), offers real free
 * slots, holds the one chosen while the patient confirms, then books; it moves and cancels after
 * the patient says who they are; it answers from the practice's knowledge; and it hands over to
 * staff, with a summary, when asked, after two misunderstandings in a row, or outside its
 * competence. Called in the transaction that stored the message; the state is the conversation's.
 */
@Component
class Dialogue {

  /** How far ahead to look when the patient names no date. */
  private static final int SEARCH_DAYS = 14;

  private final Understander understander;
  private final PracticeKnowledge knowledge;
  private final PracticeDirectory practice;
  private final Availability availability;
  private final Holds holds;
  private final Appointments appointments;
  private final Patients patients;
  private final ChannelIdentities identities;
  private final MessageSource messages;
  private final Conversations conversations;
  private final Attendance attendance;
  private final Waitlist waitlist;
  private final Satisfaction satisfaction;
  private final Disruptions disruptions;
  private final java.time.Duration commentWithin;

  Dialogue(
      Understander understander,
      PracticeKnowledge knowledge,
      PracticeDirectory practice,
      Availability availability,
      Holds holds,
      Appointments appointments,
      Patients patients,
      ChannelIdentities identities,
      MessageSource messages,
      Conversations conversations,
      Attendance attendance,
      Waitlist waitlist,
      Satisfaction satisfaction,
      Disruptions disruptions,
      org.accueil.satisfaction.SatisfactionProperties satisfactionProperties) {
    this.disruptions = disruptions;
    this.waitlist = waitlist;
    this.satisfaction = satisfaction;
    this.commentWithin = satisfactionProperties.commentWithin();
    this.conversations = conversations;
    this.attendance = attendance;
    this.understander = understander;
    this.knowledge = knowledge;
    this.practice = practice;
    this.availability = availability;
    this.holds = holds;
    this.appointments = appointments;
    this.patients = patients;
    this.identities = identities;
    this.messages = messages;
  }

  /** One message to answer. */
  record Turn(
      UUID conversation,
      PatientId patient,
      Channel channel,
      String text,
      @Nullable String choice,
      Instant at,
      @Nullable Locale language) {}

  /**
   * What to say back.
   *
   * @param handover the summary for staff when the conversation goes to them, else null
   * @param booked the appointment this turn booked, for its confirmation
   */
  record Said(
      String text,
      List<Choice> choices,
      Locale language,
      @Nullable String handover,
      @Nullable Appointment booked,
      @Nullable Appointment confirmed,
      boolean optOut) {

    Said(
        String text,
        List<Choice> choices,
        Locale language,
        @Nullable String handover,
        @Nullable Appointment booked) {
      this(text, choices, language, handover, booked, null, false);
    }

    static Said of(String text, Locale language) {
      return new Said(text, List.of(), language, null, null);
    }
  }

  /** The answer, or null when another part of Accueil has answered already. */
  @Nullable Said respond(Turn turn, DialogueState state) {
    PracticeSnapshot snapshot = practice.snapshot();
    ZoneId zone = zone(snapshot);
    ZonedDateTime now = turn.at().atZone(zone);
    Locale previous =
        state.language != null ? Locale.forLanguageTag(state.language) : turn.language();
    Understanding u = understander.understand(turn.text(), now, previous);
    // A name, a birth date or "the second one" says nothing of the language: while the dialogue
    // waits for such an answer, it keeps the language it was speaking.
    Locale lang =
        state.step != Step.NONE && state.language != null
            ? Locale.forLanguageTag(state.language)
            : u.language();
    state.language = lang.getLanguage();
    Ctx ctx = new Ctx(turn, state, u, lang, snapshot, now);

    if (u.intent() == Intent.HUMAN) {
      return handOver(ctx, "asked for a person");
    }
    String keyword = Replies.keyword(turn.text());
    if (turn.channel() == Channel.SMS && (u.intent() == Intent.OPT_OUT || "info".equals(keyword))) {
      // STOP and HELP/INFO by SMS are the SMS channel's (carrier rules): it has answered.
      return null;
    }
    if (u.intent() == Intent.OPT_OUT) {
      state.finish();
      return new Said(text(ctx, "dialogue.opted-out"), List.of(), lang, null, null, null, true);
    }
    Optional<Said> disrupted = answerToDisruption(ctx, keyword);
    if (disrupted.isPresent()) {
      state.misunderstood = 0;
      return disrupted.get();
    }
    Optional<Said> toNotice = answerToNotice(ctx, keyword);
    if (toNotice.isPresent()) {
      return toNotice.get();
    }
    Optional<Said> comment = commentOnRating(ctx, keyword);
    if (comment.isPresent()) {
      return comment.get();
    }
    if (state.step == Step.NONE && keyword != null) {
      switch (keyword) {
        case "yes" -> {
          return confirmLastReminder(ctx);
        }
        case "directions" -> {
          return fromKnowledge(ctx, knowledge.topic("directions", lang));
        }
        default -> {
          return fromKnowledge(ctx, knowledge.topic("info", lang));
        }
      }
    }
    Optional<Said> answered = continueStep(ctx);
    if (answered.isPresent()) {
      state.misunderstood = 0;
      return answered.get();
    }
    if (u.intent() != Intent.OTHER) {
      state.misunderstood = 0;
    }
    return switch (u.intent()) {
      case BOOK -> {
        switchTo(state, "book");
        yield booking(ctx);
      }
      case RESCHEDULE, CANCEL -> {
        switchTo(state, u.intent().code());
        state.goal = u.intent().code();
        yield verifiedThen(ctx);
      }
      case CONFIRM -> confirmLastReminder(ctx);
      case QUESTION -> question(ctx);
      case DIRECTIONS -> fromKnowledge(ctx, knowledge.topic("directions", lang));
      default -> {
        if (state.goal != null && u.when() != null && "book".equals(state.goal)) {
          yield booking(ctx);
        }
        if (TeamRequests.in(ctx.turn().text())) {
          // A prescription, a sick note, results: the team's to handle, at once.
          yield handOver(ctx, "a request about papers or results, for the team");
        }
        yield misunderstood(ctx);
      }
    };
  }

  /** A new request of another kind replaces the one in progress, and frees its hold. */
  private void switchTo(DialogueState state, String goal) {
    if (state.goal != null && !state.goal.equals(goal)) {
      release(state);
      state.finish();
    }
  }

  /** What one turn knows. */
  private record Ctx(
      Turn turn,
      DialogueState state,
      Understanding u,
      Locale lang,
      PracticeSnapshot snapshot,
      ZonedDateTime now) {}

  // ------------------------------------------------------------------------ the current step

  private Optional<Said> continueStep(Ctx ctx) {
    DialogueState state = ctx.state();
    String text = ctx.turn().text();
    return switch (state.step) {
      case NONE -> Optional.empty();
      case OFFER_BOOK -> {
        if (yes(ctx) || ctx.u().intent() == Intent.BOOK) {
          remember(ctx);
          yield Optional.of(booking(ctx));
        }
        if (no(ctx)) {
          state.finish();
          yield Optional.of(say(ctx, "dialogue.anything-else"));
        }
        yield Optional.empty();
      }
      case DETAILS -> details(ctx);
      case DEPENDENT -> dependent(ctx);
      case TYPE -> chooseType(ctx);
      case SLOT -> chooseSlot(ctx);
      case BIRTH_DATE -> birthDate(ctx);
      case CONFIRM -> {
        if (no(ctx)) {
          release(state);
          if (state.chosen != null) {
            state.declined.add(state.chosen.start());
          }
          state.chosen = null;
          state.offered =
              new ArrayList<>(
                  state.offered.stream().filter(o -> !state.declined.contains(o.start())).toList());
          state.step = Step.SLOT;
          yield Optional.of(offer(ctx, "dialogue.other-times"));
        }
        if (yes(ctx) || ctx.u().intent() == Intent.CONFIRM) {
          yield Optional.of(book(ctx));
        }
        yield chooseSlot(ctx);
      }
      case VERIFY -> verify(ctx);
      case WHICH_APPOINTMENT -> whichAppointment(ctx);
      case CONFIRM_CANCEL -> {
        if (no(ctx)) {
          state.finish();
          yield Optional.of(say(ctx, "dialogue.kept"));
        }
        if (yes(ctx) || ctx.u().intent() == Intent.CANCEL) {
          yield Optional.of(cancel(ctx));
        }
        yield Optional.empty();
      }
    };
  }

  /** Yes, by the button or in words (checked after {@link #no}: "non merci" is no). */
  private static boolean yes(Ctx ctx) {
    return "yes".equals(ctx.turn().choice()) || Replies.yes(ctx.turn().text());
  }

  private static boolean no(Ctx ctx) {
    return "no".equals(ctx.turn().choice()) || Replies.no(ctx.turn().text());
  }

  // ------------------------------------------------------------------------------- booking

  private Said booking(Ctx ctx) {
    DialogueState state = ctx.state();
    state.goal = Objects.requireNonNullElse(state.goal, "book");
    remember(ctx);
    Patient patient = patient(ctx);
    boolean visitor = patient.givenName() == null && state.givenName == null;
    if (visitor && patient.phone() == null && !ctx.turn().channel().isPhone()) {
      state.step = Step.DETAILS;
      return say(ctx, "dialogue.ask-details");
    }
    if (state.dependent != null && state.forPatient == null) {
      state.step = Step.DEPENDENT;
      return say(ctx, "dialogue.ask-dependent");
    }
    if (state.type == null) {
      List<AppointmentType> types = candidateTypes(ctx);
      if (types.size() == 1) {
        state.type = types.getFirst().id().value();
      } else if (types.isEmpty()) {
        return handOver(ctx, "no appointment type fits the request");
      } else {
        state.step = Step.TYPE;
        List<Choice> choices =
            types.stream()
                .limit(10)
                .map(t -> new Choice("type:" + t.id().value(), title(t.name().in(ctx.lang()))))
                .toList();
        return new Said(text(ctx, "dialogue.which-type"), choices, ctx.lang(), null, null);
      }
    }
    return searchAndOffer(ctx);
  }

  private Optional<Said> chooseType(Ctx ctx) {
    DialogueState state = ctx.state();
    String choice = ctx.turn().choice();
    UUID type = null;
    if (choice != null && choice.startsWith("type:")) {
      type = UUID.fromString(choice.substring("type:".length()));
    } else if (ctx.u().appointmentType() != null) {
      type = ctx.u().appointmentType().id().value();
    } else {
      List<AppointmentType> types = candidateTypes(ctx);
      OptionalInt n = Replies.ordinal(ctx.turn().text());
      if (n.isPresent() && n.getAsInt() <= types.size()) {
        type = types.get(n.getAsInt() - 1).id().value();
      }
    }
    if (type == null) {
      return Optional.empty();
    }
    state.type = type;
    state.step = Step.NONE;
    remember(ctx);
    return Optional.of(searchAndOffer(ctx));
  }

  /** The entities of this message, kept for the rest of the dialogue. */
  private static void remember(Ctx ctx) {
    DialogueState state = ctx.state();
    Understanding u = ctx.u();
    if (u.provider() != null) {
      state.provider = u.provider().id().value();
    }
    if (u.appointmentType() != null) {
      state.type = u.appointmentType().id().value();
    }
    if (u.when() != null) {
      state.windowStart = u.when().start();
      state.windowEnd = u.when().end();
      state.grain = u.when().grain().code();
    }
    if (u.newPatient() != null) {
      state.newPatient = u.newPatient();
    }
    if (u.dependent() != null) {
      state.dependent = u.dependent();
    }
  }

  private List<AppointmentType> candidateTypes(Ctx ctx) {
    DialogueState state = ctx.state();
    List<AppointmentType> offered =
        ctx.snapshot().appointmentTypes().stream()
            .filter(AppointmentType::active)
            .filter(t -> state.provider == null || t.offeredBy(ProviderId.of(state.provider)))
            .sorted(Comparator.comparing(AppointmentType::code))
            .toList();
    if (state.provider != null) {
      // The provider's own kind of visit, rather than a follow-up or a first visit.
      List<AppointmentType> own =
          offered.stream()
              .filter(t -> !t.code().equals("follow-up"))
              .filter(t -> Boolean.TRUE.equals(state.newPatient) || !t.newPatientsOnly())
              .toList();
      if (own.size() == 1) {
        return own;
      }
    }
    if (Boolean.TRUE.equals(state.newPatient)) {
      List<AppointmentType> first =
          offered.stream().filter(AppointmentType::newPatientsOnly).toList();
      if (first.size() == 1) {
        return first;
      }
    }
    return offered;
  }

  private Said searchAndOffer(Ctx ctx) {
    return searchAndOffer(ctx, "dialogue.offer");
  }

  private Said searchAndOffer(Ctx ctx, String key) {
    DialogueState state = ctx.state();
    List<Slot> slots = search(ctx, true);
    boolean inWindow = !slots.isEmpty();
    if (slots.isEmpty()) {
      slots = search(ctx, false);
    }
    if (slots.isEmpty()) {
      return handOver(ctx, "no free time found for the request");
    }
    // The very time asked for is free: hold it at once.
    if (inWindow
        && state.windowStart != null
        && ("minute".equals(state.grain) || "hour".equals(state.grain))
        && slots.getFirst().start().equals(state.windowStart.toInstant())) {
      return hold(ctx, offerOf(slots.getFirst(), state));
    }
    state.offered = new ArrayList<>(slots.stream().limit(3).map(s -> offerOf(s, state)).toList());
    state.step = Step.SLOT;
    return offer(ctx, inWindow ? key : "dialogue.offer-instead");
  }

  private static Offer offerOf(Slot slot, DialogueState state) {
    return new Offer(slot.start(), slot.provider().value(), Objects.requireNonNull(state.type));
  }

  /** Free slots in the window asked for (or from now, when none or when {@code inWindow} fails). */
  private List<Slot> search(Ctx ctx, boolean inWindow) {
    DialogueState state = ctx.state();
    LocalDate today = ctx.now().toLocalDate();
    LocalDate from = today;
    LocalDate to = today.plusDays(SEARCH_DAYS);
    if (inWindow && state.windowStart != null && state.windowEnd != null) {
      from = max(today, state.windowStart.toLocalDate());
      to = max(from, state.windowEnd.minusNanos(1).toLocalDate());
    } else if (state.windowStart != null) {
      from = max(today, state.windowStart.toLocalDate());
      to = from.plusDays(SEARCH_DAYS);
    }
    Set<ProviderId> providers =
        state.provider == null ? Set.of() : Set.of(ProviderId.of(state.provider));
    List<Slot> found =
        availability.freeSlots(
            new SlotSearch(
                AppointmentTypeId.of(Objects.requireNonNull(state.type)),
                from,
                to,
                providers,
                null,
                category(state),
                200));
    found = found.stream().filter(s -> !state.declined.contains(s.start())).toList();
    if (inWindow && state.windowStart != null && state.windowEnd != null) {
      Instant start = state.windowStart.toInstant();
      Instant end = state.windowEnd.toInstant();
      found =
          found.stream()
              .filter(s -> !s.start().isBefore(start) && s.start().isBefore(end))
              .toList();
    }
    // Spread the offer: no two choices on the same half-day when others exist.
    List<Slot> spread = new ArrayList<>();
    Set<String> halfDays = new LinkedHashSet<>();
    for (Slot s : found) {
      ZonedDateTime local = s.start().atZone(s.zone());
      if (halfDays.add(local.toLocalDate() + (local.getHour() < 12 ? "am" : "pm"))) {
        spread.add(s);
      }
    }
    for (Slot s : found) {
      if (spread.size() >= 3) {
        break;
      }
      if (!spread.contains(s)) {
        spread.add(s);
      }
    }
    spread.sort(Comparator.comparing(Slot::start));
    return spread;
  }

  private static @Nullable PatientCategory category(DialogueState state) {
    return state.newPatient == null
        ? null
        : state.newPatient ? PatientCategory.NEW : PatientCategory.RETURNING;
  }

  private Said offer(Ctx ctx, String key) {
    DialogueState state = ctx.state();
    if (state.offered.isEmpty()) {
      return searchAndOffer(ctx, key);
    }
    List<Choice> choices = new ArrayList<>();
    for (Offer o : state.offered) {
      choices.add(new Choice("slot:" + o.start().getEpochSecond(), shortWhen(ctx, o.start())));
    }
    String who = providerName(ctx, state.offered.getFirst().provider());
    boolean oneProvider = state.offered.stream().map(Offer::provider).distinct().count() == 1;
    Channel channel = ctx.turn().channel();
    // Read out on the phone, numbered; written out where the buttons are short (WhatsApp, web
    // chat); SMS and e-mail number the choices themselves.
    String list =
        switch (channel) {
          case PHONE -> {
            List<String> spoken = new ArrayList<>();
            for (int i = 0; i < state.offered.size(); i++) {
              spoken.add((i + 1) + ", " + longWhen(ctx, state.offered.get(i).start()));
            }
            yield String.join("; ", spoken);
          }
          case WHATSAPP, WEBCHAT ->
              state.offered.stream()
                  .map(o -> longWhen(ctx, o.start()))
                  .collect(Collectors.joining("\n"));
          case SMS, EMAIL -> "";
        };
    String with =
        oneProvider ? messages.getMessage("dialogue.with", new Object[] {who}, ctx.lang()) : "";
    String text =
        messages
            .getMessage(key, new Object[] {with, list, typeName(ctx)}, ctx.lang())
            .replace("\n\n", "\n");
    return new Said(text, choices, ctx.lang(), null, null);
  }

  private Optional<Said> chooseSlot(Ctx ctx) {
    DialogueState state = ctx.state();
    Optional<Offer> picked = picked(ctx);
    if (picked.isPresent()) {
      return Optional.of(hold(ctx, picked.get()));
    }
    if (ctx.u().when() != null) {
      remember(ctx);
      state.offered = new ArrayList<>();
      return Optional.of(searchAndOffer(ctx));
    }
    if (ctx.u().provider() != null) {
      remember(ctx);
      return Optional.of(searchAndOffer(ctx));
    }
    return Optional.empty();
  }

  /** The offer the patient picked: by button, by number, or by saying its day and time. */
  private Optional<Offer> picked(Ctx ctx) {
    DialogueState state = ctx.state();
    String choice = ctx.turn().choice();
    if (choice != null && choice.startsWith("slot:")) {
      long epoch = Long.parseLong(choice.substring(5));
      return state.offered.stream().filter(o -> o.start().getEpochSecond() == epoch).findFirst();
    }
    When when = ctx.u().when();
    if (when != null) {
      return state.offered.stream()
          .filter(
              o ->
                  !o.start().isBefore(when.start().toInstant())
                      && o.start().isBefore(when.end().toInstant()))
          .findFirst();
    }
    OptionalInt n = Replies.ordinal(ctx.turn().text());
    if (n.isPresent() && n.getAsInt() <= state.offered.size()) {
      return Optional.of(state.offered.get(n.getAsInt() - 1));
    }
    return Optional.empty();
  }

  private Said hold(Ctx ctx, Offer offer) {
    DialogueState state = ctx.state();
    release(state);
    BookingResult<Hold> held =
        holds.hold(
            new HoldSlot(
                AppointmentTypeId.of(offer.type()),
                ProviderId.of(offer.provider()),
                offer.start(),
                null,
                category(state),
                "assistant"));
    if (held instanceof BookingResult.Success<Hold>(Hold hold)) {
      state.hold = hold.id().value();
      state.chosen = offer;
      Patient patient = patient(ctx);
      if (state.forPatient == null && patient.birthDate() == null) {
        state.step = Step.BIRTH_DATE;
        return say(ctx, "dialogue.ask-birth-date");
      }
      return askToConfirm(ctx);
    }
    // Taken meanwhile: offer what is free now.
    state.offered = new ArrayList<>();
    state.step = Step.SLOT;
    return offer(ctx, "dialogue.taken");
  }

  private Said askToConfirm(Ctx ctx) {
    DialogueState state = ctx.state();
    Offer offer = Objects.requireNonNull(state.chosen);
    state.step = Step.CONFIRM;
    return yesOrNo(
        ctx,
        "reschedule".equals(state.goal) && state.appointment != null
            ? "dialogue.confirm-move"
            : "dialogue.confirm",
        offer.start(),
        offer.provider());
  }

  /** "Shall I book/cancel {when} with {provider}?", with Yes and No to tap. */
  private Said yesOrNo(Ctx ctx, String key, Instant when, UUID provider) {
    String text =
        messages.getMessage(
            key, new Object[] {longWhen(ctx, when), providerName(ctx, provider)}, ctx.lang());
    return new Said(
        text,
        List.of(
            new Choice("yes", text(ctx, "dialogue.button.yes")),
            new Choice("no", text(ctx, "dialogue.button.no"))),
        ctx.lang(),
        null,
        null);
  }

  private Said book(Ctx ctx) {
    DialogueState state = ctx.state();
    Offer offer = Objects.requireNonNull(state.chosen);
    if ("reschedule".equals(state.goal) && state.appointment != null) {
      return move(ctx, offer);
    }
    PatientId patient =
        state.forPatient != null ? PatientId.of(state.forPatient) : ctx.turn().patient();
    BookingResult<Appointment> result =
        appointments.book(
            new BookAppointment(
                state.hold == null ? null : AppointmentId.of(state.hold),
                AppointmentTypeId.of(offer.type()),
                ProviderId.of(offer.provider()),
                offer.start(),
                null,
                patient,
                null,
                state.newPatient,
                source(ctx.turn().channel()),
                "assistant"));
    if (result instanceof BookingResult.Success<Appointment>(Appointment booked)) {
      String text =
          messages.getMessage(
              "dialogue.booked",
              new Object[] {longWhen(ctx, booked.start()), providerName(ctx, offer.provider())},
              ctx.lang());
      String preparation =
          knowledge.preparation(booked.type(), ctx.lang()).map(p -> "\n" + p).orElse("");
      state.finish();
      return new Said(text + preparation, List.of(), ctx.lang(), null, booked);
    }
    state.hold = null;
    state.offered = new ArrayList<>();
    state.step = Step.SLOT;
    return offer(ctx, "dialogue.taken");
  }

  /**
   * Moving: the appointment itself goes into the time held for it (the hold gives the time up in
   * the same transaction), never a second booking beside it.
   */
  private Said move(Ctx ctx, Offer offer) {
    DialogueState state = ctx.state();
    AppointmentId appointment = AppointmentId.of(Objects.requireNonNull(state.appointment));
    BookingResult<Appointment> result =
        state.hold == null
            ? appointments.reschedule(
                new RescheduleAppointment(
                    appointment, offer.start(), ProviderId.of(offer.provider()), null, "assistant"))
            : appointments.moveIntoHold(
                appointment,
                AppointmentId.of(state.hold),
                offer.start(),
                ProviderId.of(offer.provider()),
                "assistant");
    if (result instanceof BookingResult.Success<Appointment>(Appointment moved)) {
      state.hold = null;
      state.finish();
      return Said.of(
          messages.getMessage(
              "dialogue.moved",
              new Object[] {longWhen(ctx, moved.start()), providerName(ctx, offer.provider())},
              ctx.lang()),
          ctx.lang());
    }
    // Refused (a rule, the patient's other visit): the hold is still there; give it back.
    if (state.hold != null) {
      holds.find(AppointmentId.of(state.hold)).ifPresent(h -> holds.release(h.id()));
    }
    state.hold = null;
    state.offered = new ArrayList<>();
    state.step = Step.SLOT;
    return offer(ctx, "dialogue.taken");
  }

  private void release(DialogueState state) {
    if (state.hold != null) {
      holds.release(AppointmentId.of(state.hold));
      state.hold = null;
    }
  }

  private static Source source(Channel channel) {
    return switch (channel) {
      case WHATSAPP -> Source.WHATSAPP;
      case SMS -> Source.SMS;
      case PHONE -> Source.VOICE;
      case EMAIL -> Source.EMAIL;
      case WEBCHAT -> Source.CHAT;
    };
  }

  // ------------------------------------------------------------------------- who they are

  /** A visitor's name and mobile number: the number makes their next call or message theirs. */
  private Optional<Said> details(Ctx ctx) {
    DialogueState state = ctx.state();
    String text = ctx.turn().text();
    Optional<String[]> name = Replies.name(text);
    Optional<String> phone = Replies.phone(text);
    if (name.isEmpty() && phone.isEmpty()) {
      return Optional.empty();
    }
    name.ifPresent(
        n -> {
          state.givenName = n[0];
          state.familyName = n[1];
        });
    if (phone.isPresent()) {
      // Checked here, not left to the registry to refuse: a refusal inside this transaction
      // would undo the patient's message with it.
      Optional<String> e164 = PhoneNumbers.toE164(phone.get(), country(ctx.snapshot()));
      if (e164.isEmpty()) {
        return Optional.of(say(ctx, "dialogue.bad-phone"));
      }
      Patient patient = patient(ctx);
      PatientRecord record = patients.record(patient);
      if (!e164.get().equals(patient.phone())
          && record.contacts().stream().noneMatch(c -> e164.get().equals(c.value()))) {
        patients.addContact(ctx.turn().patient(), ContactPoint.PHONE, e164.get(), "mobile");
      }
      identities.link(ctx.turn().patient(), Channel.SMS, e164.get(), false);
    }
    if (state.givenName == null) {
      return Optional.of(say(ctx, "dialogue.ask-name"));
    }
    if (patient(ctx).phone() == null && phone.isEmpty()) {
      return Optional.of(say(ctx, "dialogue.ask-phone"));
    }
    state.step = Step.NONE;
    Said next = booking(ctx);
    return Optional.of(
        new Said(
            messages.getMessage("dialogue.thanks", new Object[] {state.givenName}, ctx.lang())
                + " "
                + next.text(),
            next.choices(),
            next.language(),
            next.handover(),
            next.booked()));
  }

  /**
   * The person the visit is for (the writer's child, say): found in the registry or registered
   * (provisional, for the staff to review), and linked to the writer, who books and speaks for
   * them.
   */
  private Optional<Said> dependent(Ctx ctx) {
    DialogueState state = ctx.state();
    Optional<LocalDate> born = Replies.birthDate(ctx.turn().text(), ctx.now().toLocalDate());
    Optional<String[]> name = Replies.name(ctx.turn().text().replaceAll("\\d", " "));
    if (born.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    PatientId writer = ctx.turn().patient();
    Patients.Registration registered =
        patients.registration(
            new PatientDetails(name.get()[0], name.get()[1], born.get(), null, null),
            Origin.CONVERSATION);
    PatientId dependent = registered.patient().id();
    if (!dependent.equals(writer)) {
      boolean linked =
          patients.record(patient(ctx)).dependents().stream()
              .anyMatch(r -> r.dependent().equals(dependent));
      if (!linked) {
        patients.link(
            writer,
            dependent,
            CHILDREN.contains(state.dependent)
                ? RelationshipKind.PARENT
                : RelationshipKind.CAREGIVER);
      }
    }
    state.forPatient = dependent.value();
    state.step = Step.NONE;
    return Optional.of(booking(ctx));
  }

  private static final Set<String> CHILDREN = Set.of("son", "daughter", "child", "baby");

  private Optional<Said> birthDate(Ctx ctx) {
    DialogueState state = ctx.state();
    Optional<LocalDate> born = Replies.birthDate(ctx.turn().text(), ctx.now().toLocalDate());
    if (born.isEmpty()) {
      return Optional.empty();
    }
    Patient patient = patient(ctx);
    Optional<String[]> name = Replies.name(ctx.turn().text().replaceAll("\\d", " "));
    String given =
        firstNonNull(patient.givenName(), state.givenName, name.map(n -> n[0]).orElse(null));
    String family =
        firstNonNull(patient.familyName(), state.familyName, name.map(n -> n[1]).orElse(null));
    if (given == null || family == null) {
      state.step = Step.DETAILS;
      return Optional.of(say(ctx, "dialogue.ask-name"));
    }
    patients.update(
        patient.id(),
        new PatientDetails(
            given,
            family,
            born.get(),
            patient.phone(),
            patient.email(),
            patient.birthFamilyName(),
            patient.sex(),
            patient.address(),
            Objects.requireNonNullElse(patient.preferredLanguage(), ctx.lang().getLanguage()),
            patient.preferredChannel(),
            null));
    state.givenName = null;
    state.familyName = null;
    if (state.chosen != null) {
      return Optional.of(askToConfirm(ctx));
    }
    return Optional.of(booking(ctx));
  }

  @SafeVarargs
  private static <T> @Nullable T firstNonNull(@Nullable T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** Before moving or cancelling: the name and birth date must be the record's. */
  private Said verifiedThen(Ctx ctx) {
    DialogueState state = ctx.state();
    if (!state.verified) {
      state.step = Step.VERIFY;
      return say(ctx, "dialogue.verify");
    }
    return listAppointments(ctx);
  }

  private Optional<Said> verify(Ctx ctx) {
    DialogueState state = ctx.state();
    Optional<LocalDate> born = Replies.birthDate(ctx.turn().text(), ctx.now().toLocalDate());
    Optional<String[]> name = Replies.name(ctx.turn().text().replaceAll("\\d", " "));
    if (born.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    Patient patient = patient(ctx);
    boolean matches =
        born.get().equals(patient.birthDate())
            && patient.familyName() != null
            && Replies.fold(String.join(" ", name.get()))
                .contains(Replies.fold(patient.familyName()));
    if (!matches) {
      state.finish();
      return Optional.of(handOver(ctx, "identity not confirmed (name and birth date)"));
    }
    state.verified = true;
    return Optional.of(listAppointments(ctx));
  }

  private Said listAppointments(Ctx ctx) {
    DialogueState state = ctx.state();
    List<Appointment> upcoming =
        appointments
            .list(
                new AppointmentQuery(
                    ctx.turn().at(),
                    ctx.turn().at().plus(java.time.Duration.ofDays(400)),
                    null,
                    ctx.turn().patient(),
                    AppointmentStatus.BOOKED,
                    10))
            .stream()
            .sorted(Comparator.comparing(Appointment::start))
            .toList();
    if (upcoming.isEmpty()) {
      state.finish();
      return say(ctx, "dialogue.no-appointments");
    }
    state.appointments = new ArrayList<>(upcoming.stream().map(a -> a.id().value()).toList());
    if (upcoming.size() == 1) {
      return picked(ctx, upcoming.getFirst());
    }
    state.step = Step.WHICH_APPOINTMENT;
    List<Choice> choices =
        upcoming.stream()
            .limit(10)
            .map(a -> new Choice("appointment:" + a.id().value(), shortWhen(ctx, a.start())))
            .toList();
    return new Said(text(ctx, "dialogue.which-appointment"), choices, ctx.lang(), null, null);
  }

  private Optional<Said> whichAppointment(Ctx ctx) {
    DialogueState state = ctx.state();
    String choice = ctx.turn().choice();
    UUID id = null;
    if (choice != null && choice.startsWith("appointment:")) {
      id = UUID.fromString(choice.substring("appointment:".length()));
    } else {
      OptionalInt n = Replies.ordinal(ctx.turn().text());
      if (n.isPresent() && n.getAsInt() <= state.appointments.size()) {
        id = state.appointments.get(n.getAsInt() - 1);
      }
    }
    if (id == null || !state.appointments.contains(id)) {
      return Optional.empty();
    }
    return appointments.find(AppointmentId.of(id)).map(a -> picked(ctx, a));
  }

  private Said picked(Ctx ctx, Appointment appointment) {
    DialogueState state = ctx.state();
    state.appointment = appointment.id().value();
    if ("cancel".equals(state.goal)) {
      state.step = Step.CONFIRM_CANCEL;
      return yesOrNo(
          ctx, "dialogue.confirm-cancel", appointment.start(), appointment.provider().value());
    }
    // Rescheduling: the same visit with the same provider, at another time.
    state.type = appointment.type().value();
    state.provider = appointment.provider().value();
    if (ctx.u().when() != null) {
      remember(ctx);
    }
    return searchAndOffer(ctx);
  }

  private Said cancel(Ctx ctx) {
    DialogueState state = ctx.state();
    Appointment cancelled =
        appointments.cancel(
            new CancelAppointment(
                AppointmentId.of(Objects.requireNonNull(state.appointment)),
                "cancelled by the patient through the assistant",
                "assistant"));
    state.finish();
    return Said.of(
        messages.getMessage(
            "dialogue.cancelled", new Object[] {longWhen(ctx, cancelled.start())}, ctx.lang()),
        ctx.lang());
  }

  // --------------------------------------------------------------------- answers and handover

  private Said question(Ctx ctx) {
    Understanding u = ctx.u();
    if (u.provider() != null && asksWhichDays(ctx.turn().text())) {
      Provider provider = ctx.snapshot().provider(u.provider().id()).orElseThrow();
      ctx.state().finish();
      ctx.state().goal = "book";
      ctx.state().provider = provider.id().value();
      ctx.state().step = Step.OFFER_BOOK;
      String days = days(ctx, provider);
      String text =
          messages.getMessage(
              "dialogue.provider-days", new Object[] {provider.displayName(), days}, ctx.lang());
      return new Said(
          text,
          List.of(
              new Choice("yes", text(ctx, "dialogue.button.book")),
              new Choice("no", text(ctx, "dialogue.button.no-thanks"))),
          ctx.lang(),
          null,
          null);
    }
    return fromKnowledge(ctx, knowledge.answer(ctx.turn().text(), ctx.lang()));
  }

  private static boolean asksWhichDays(String text) {
    String f = Replies.fold(text);
    return f.matches(
        ".*\\b(jours?|quand|days?|when|giorni|quando|horaires?|hours|orari|consulte|works?|"
            + "lavora|travaille|present|presente|disponible|available|disponibile)\\b.*");
  }

  private String days(Ctx ctx, Provider provider) {
    List<DayOfWeek> days =
        ctx.snapshot().weeklyHours(provider.id()).stream()
            .filter(w -> w.validOn(ctx.now().toLocalDate()))
            .map(WeeklyHours::window)
            .map(w -> w.day())
            .distinct()
            .sorted()
            .toList();
    List<String> names =
        days.stream().map(d -> d.getDisplayName(TextStyle.FULL, ctx.lang())).toList();
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " "
        + text(ctx, "dialogue.and")
        + " "
        + names.getLast();
  }

  private Said fromKnowledge(Ctx ctx, Optional<String> answer) {
    if (answer.isPresent()) {
      ctx.state().misunderstood = 0;
      return Said.of(answer.get(), ctx.lang());
    }
    return handOver(ctx, "question the knowledge base does not answer");
  }

  /** How long after a reminder a bare "yes" or "no" still answers it. */
  static final java.time.Duration REPLY_WINDOW = java.time.Duration.ofDays(3);

  /**
   * A tap on a reminder's button, or a bare yes or no soon after a reminder while nothing else is
   * being discussed: the reminder's appointment is confirmed, or the patient is asked whether to
   * move or cancel it. A patient with two appointments confirms the one the reminder was about.
   */
  private Optional<Said> answerToNotice(Ctx ctx, @Nullable String keyword) {
    String choice = ctx.turn().choice();
    if (choice != null && choice.indexOf(':') > 0) {
      // A button of a reminder or an offer: "confirm:<appointment id>", "waitlist-accept:<offer>".
      UUID id = parse(choice.substring(choice.indexOf(':') + 1));
      switch (choice.substring(0, choice.indexOf(':'))) {
        case "confirm" -> {
          return Optional.of(confirmAppointment(ctx, id));
        }
        case "cannot-come" -> {
          return Optional.of(cannotCome(ctx, id));
        }
        case "waitlist-accept" -> {
          return Optional.of(takeOffer(ctx, id));
        }
        case "waitlist-decline" -> {
          return Optional.of(passOffer(ctx, id));
        }
        case "rate" -> {
          // "rate:<request>:<score>", a row of the rating question's list.
          String[] parts = choice.split(":");
          UUID request = parts.length == 3 ? parse(parts[1]) : null;
          OptionalInt score = parts.length == 3 ? Replies.rating(parts[2]) : OptionalInt.empty();
          return Optional.of(
              request == null || score.isEmpty()
                  ? say(ctx, "satisfaction.not-recorded")
                  : rate(ctx, request, score.getAsInt()));
        }
        default -> {}
      }
    }
    if (ctx.state().step != Step.NONE) {
      return Optional.empty();
    }
    OptionalInt rating = Replies.rating(ctx.turn().text());
    if (rating.isPresent()) {
      // A bare "4" just after the rating question answers THAT question, whatever else the
      // patient was asked before (two visits, two questions: the last one's).
      Optional<UUID> request =
          conversations
              .lastNotice(
                  ctx.turn().conversation(), "satisfaction", ctx.turn().at().minus(REPLY_WINDOW))
              .map(data -> data.get("request"))
              .map(id -> parse(String.valueOf(id)));
      if (request.isPresent() && request.get() != null) {
        return Optional.of(rate(ctx, request.get(), rating.getAsInt()));
      }
    }
    boolean yes = "yes".equals(keyword) || ctx.u().intent() == Intent.CONFIRM;
    boolean no = !yes && (no(ctx) || cannotCome(ctx.turn().text()));
    if (!yes && !no) {
      return Optional.empty();
    }
    Optional<UUID> offer =
        conversations
            .lastNotice(
                ctx.turn().conversation(), "waitlist-offer", ctx.turn().at().minus(REPLY_WINDOW))
            .map(data -> data.get("offer"))
            .map(id -> parse(String.valueOf(id)));
    if (offer.isPresent()) {
      return Optional.of(yes ? takeOffer(ctx, offer.get()) : passOffer(ctx, offer.get()));
    }
    if (yes) {
      // "Would you like another time?" after a missed visit: the same kind of visit, with the
      // same provider, searched at once.
      Optional<UUID> missed =
          conversations
              .lastNotice(ctx.turn().conversation(), "no-show", ctx.turn().at().minus(REPLY_WINDOW))
              .map(data -> data.get("appointmentId"))
              .map(id -> parse(String.valueOf(id)));
      if (missed.isPresent() && missed.get() != null) {
        Optional<Appointment> before =
            appointments
                .find(AppointmentId.of(missed.get()))
                .filter(a -> a.patient().equals(ctx.turn().patient()));
        if (before.isPresent()) {
          switchTo(ctx.state(), "book");
          ctx.state().goal = "book";
          ctx.state().type = before.get().type().value();
          ctx.state().provider = before.get().provider().value();
          return Optional.of(booking(ctx));
        }
      }
    }
    Optional<UUID> reminded =
        conversations
            .lastNotice(ctx.turn().conversation(), "reminder", ctx.turn().at().minus(REPLY_WINDOW))
            .map(data -> data.get("appointmentId"))
            .map(id -> parse(String.valueOf(id)));
    if (reminded.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        yes ? confirmAppointment(ctx, reminded.get()) : cannotCome(ctx, reminded.get()));
  }

  // ----------------------------------------------------------------------------- disruptions

  /**
   * An answer to the times held for the patient because their provider cannot see them as planned:
   * a button or a number takes one, "cancel" cancels, a day and time ("can I come tomorrow morning
   * instead?") takes the offered time it names or looks for others then, "no" asks which day would
   * suit and, the second time, hands over to staff. Anything else (a question) goes on as usual.
   */
  private Optional<Said> answerToDisruption(Ctx given, @Nullable String keyword) {
    String choice = given.turn().choice();
    boolean button = disruptionChoice(choice);
    if (!button && given.state().step != Step.NONE) {
      return Optional.empty();
    }
    Optional<AffectedPatient> open = disruptions.offeredTo(given.turn().patient());
    if (open.isEmpty() && !button) {
      if (given.u().intent() != Intent.OTHER
          && given.u().intent() != Intent.RESCHEDULE
          && given.u().intent() != Intent.CANCEL
          && given.u().when() == null
          && Replies.ordinal(given.turn().text()).isEmpty()) {
        return Optional.empty();
      }
      // Too late: the times held were released and the patient is on the staff's call list.
      return disruptions
          .awaitingCall(given.turn().patient())
          .map(
              row -> {
                given.state().handedOver = true;
                return say(inPatientsLanguage(given), "disruption.late");
              });
    }
    // "1", "ok": too short to tell a language; the patient's own is used.
    Ctx ctx = inPatientsLanguage(given);
    if (button) {
      String[] parts = choice.split(":");
      UUID disruption = parts.length == 4 ? parse(parts[1]) : null;
      UUID appointment = parts.length == 4 ? parse(parts[2]) : null;
      // The row the button names (a patient may have two visits in two disruptions), if it is
      // this patient's and still waits for the answer.
      Optional<AffectedPatient> row =
          disruption == null || appointment == null
              ? Optional.empty()
              : disruptions
                  .row(disruption, AppointmentId.of(appointment))
                  .filter(r -> r.state() == AffectedPatient.State.OFFERED)
                  .filter(
                      r ->
                          r.patient().equals(given.turn().patient())
                              || open.map(o -> o.patient().equals(r.patient())).orElse(false));
      if (row.isEmpty()) {
        return Optional.of(say(ctx, "disruption.closed"));
      }
      if (parts[3].equals("cancel")) {
        return Optional.of(
            disrupted(
                ctx,
                row.get(),
                disruptions.cancel(row.get().disruption(), row.get().appointment(), "patient")));
      }
      OptionalInt position = Replies.ordinal(parts[3]);
      return Optional.of(
          position.isEmpty()
              ? say(ctx, "disruption.closed")
              : take(ctx, row.get(), position.getAsInt()));
    }
    if (open.isEmpty()) {
      return Optional.empty();
    }
    AffectedPatient row = open.get();
    if (ctx.u().intent() == Intent.CANCEL || "cancel".equals(keyword)) {
      return Optional.of(
          disrupted(ctx, row, disruptions.cancel(row.disruption(), row.appointment(), "patient")));
    }
    When when = ctx.u().when();
    boolean timeOfDay =
        when != null
            && ("minute".equals(when.grain().code()) || "hour".equals(when.grain().code()));
    OptionalInt number = offerNumber(ctx.turn().text(), row.offers().size());
    if (number.isPresent() && !timeOfDay) {
      // "1", "Va bene il 1, grazie", "le 2 svp": the choice's number, not the 1st of the month.
      return Optional.of(take(ctx, row, number.getAsInt()));
    }
    if (when != null) {
      Instant from = when.start().toInstant();
      Instant to = when.end().toInstant();
      Optional<AffectedPatient.OfferedTime> named =
          row.offers().stream()
              .filter(o -> !o.start().isBefore(from) && o.start().isBefore(to))
              .findFirst();
      if (named.isPresent()
          && ("minute".equals(when.grain().code()) || "hour".equals(when.grain().code()))) {
        return Optional.of(take(ctx, row, named.get().position()));
      }
      return Optional.of(
          disrupted(ctx, row, disruptions.askFor(row.disruption(), row.appointment(), from, to)));
    }
    OptionalInt n = Replies.ordinal(ctx.turn().text());
    if (n.isPresent() && n.getAsInt() >= 1 && n.getAsInt() <= row.offers().size()) {
      return Optional.of(take(ctx, row, n.getAsInt()));
    }
    if (yes(ctx) && row.offers().size() == 1) {
      return Optional.of(take(ctx, row, row.offers().getFirst().position()));
    }
    if (no(ctx) || ctx.u().intent() == Intent.RESCHEDULE) {
      if (!row.appointment().value().equals(ctx.state().disruptionAsked)) {
        ctx.state().disruptionAsked = row.appointment().value();
        return Optional.of(say(ctx, "disruption.which-time"));
      }
      return Optional.of(
          disrupted(
              ctx,
              row,
              disruptions.toStaff(row.disruption(), row.appointment(), Escalation.NONE_SUITS)));
    }
    if (ctx.u().intent() == Intent.OTHER && !TeamRequests.in(ctx.turn().text())) {
      // "Hello?", "what is this about?": the times held, once more.
      return Optional.of(offered(ctx, row, "disruption.remind"));
    }
    return Optional.empty();
  }

  private static final java.util.regex.Pattern BARE_NUMBER =
      java.util.regex.Pattern.compile(
          "(?<![\\d:/.,hH])\\b([1-9])\\b(?![\\d:/hH]|\\.\\d|\\s*(?:h|heures?|ore|pm|am)\\b)");

  /**
   * The number of an offered time in a short reply ("1", "il 2 grazie", "le 3 svp"): one bare digit
   * from 1 to {@code offers}, in a message of a few words.
   */
  static OptionalInt offerNumber(String text, int offers) {
    String t = text.strip();
    if (t.split("\\s+").length > 6) {
      return OptionalInt.empty();
    }
    java.util.regex.Matcher m = BARE_NUMBER.matcher(t);
    if (!m.find()) {
      return OptionalInt.empty();
    }
    int n = Integer.parseInt(m.group(1));
    if (m.find() || n > offers) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(n);
  }

  /** A reply to the times a disruption held: a button's (or list row's) id. */
  static boolean disruptionChoice(@Nullable String choice) {
    return choice != null && choice.startsWith("disruption:");
  }

  /** The turn in the patient's preferred language when the message is too short to tell. */
  private Ctx inPatientsLanguage(Ctx ctx) {
    String text = ctx.turn().text().strip();
    if (text.split("\\s+").length > 2 && text.length() > 12) {
      return ctx;
    }
    String preferred = patient(ctx).preferredLanguage();
    if (preferred == null || preferred.equals(ctx.lang().getLanguage())) {
      return ctx;
    }
    ctx.state().language = preferred;
    return new Ctx(
        ctx.turn(),
        ctx.state(),
        ctx.u(),
        Locale.forLanguageTag(preferred),
        ctx.snapshot(),
        ctx.now());
  }

  private Said take(Ctx ctx, AffectedPatient row, int position) {
    return disrupted(
        ctx, row, disruptions.take(row.disruption(), row.appointment(), position, "patient"));
  }

  /** What an answer did, as the patient reads it. */
  private Said disrupted(Ctx ctx, AffectedPatient row, ReplyOutcome outcome) {
    ctx.state().disruptionAsked = null;
    return switch (outcome) {
      case ReplyOutcome.Moved(Appointment moved) ->
          Said.of(
              messages.getMessage(
                  "disruption.moved",
                  new Object[] {
                    longWhen(ctx, moved.start()), providerName(ctx, moved.provider().value())
                  },
                  ctx.lang()),
              ctx.lang());
      case ReplyOutcome.Cancelled(Appointment cancelled) ->
          Said.of(
              messages.getMessage(
                  "disruption.cancelled",
                  new Object[] {longWhen(ctx, cancelled.start())},
                  ctx.lang()),
              ctx.lang());
      case ReplyOutcome.Offered(AffectedPatient again, boolean taken) ->
          offered(ctx, again, taken ? "disruption.taken" : "disruption.other-times");
      case ReplyOutcome.NothingThen(AffectedPatient same) ->
          offered(ctx, same, "disruption.nothing-then");
      case ReplyOutcome.ToStaff ignored -> {
        // The disruption handed the conversation to staff, who call the patient.
        ctx.state().handedOver = true;
        yield say(ctx, "disruption.to-staff");
      }
      case ReplyOutcome.Closed ignored -> say(ctx, "disruption.closed");
    };
  }

  /** The times held for the patient, numbered, with a button for each. */
  private Said offered(Ctx ctx, AffectedPatient row, String key) {
    Appointment booked = appointments.find(row.appointment()).orElse(null);
    ProviderId provider = booked != null ? booked.provider() : row.offers().getFirst().provider();
    String lines =
        OfferLines.block(row.offers(), provider, ctx.snapshot(), ctx.now().getZone(), ctx.lang());
    List<Choice> choices =
        row.offers().stream()
            .map(o -> new Choice(OfferLines.choice(row, o.position()), shortWhen(ctx, o.start())))
            .toList();
    String expires =
        row.escalateAt() == null
            ? ""
            : PatientDates.shortWhen(row.escalateAt().atZone(ctx.now().getZone()), ctx.lang());
    return new Said(
        messages.getMessage(key, new Object[] {lines, expires}, ctx.lang()),
        choices,
        ctx.lang(),
        null,
        null);
  }

  /**
   * Records the patient's rating, then asks for an optional comment. A low score has handed the
   * conversation to staff (the satisfaction module did, with a note): the assistant keeps quiet
   * from then on, but still takes the comment.
   */
  private Said rate(Ctx ctx, UUID request, int score) {
    Rating rating =
        satisfaction.rate(request, ctx.turn().patient(), score, ctx.turn().channel().code(), null);
    return switch (rating) {
      case Rating.Recorded recorded -> {
        ctx.state().ratingRequest = request;
        ctx.state().commentUntil = ctx.turn().at().plus(commentWithin);
        if (recorded.low()) {
          ctx.state().handedOver = true;
          yield say(ctx, "satisfaction.thanks-low");
        }
        yield say(ctx, "satisfaction.thanks");
      }
      case Rating.AlreadyAnswered already -> say(ctx, "satisfaction.already");
      case Rating.NotRecorded refused -> say(ctx, "satisfaction.not-recorded");
    };
  }

  /**
   * The message after a rating, within {@code accueil.satisfaction.comment-within}, is its comment
   * when it is only that: free words while nothing else is going on. A booking, a question, a
   * request for the team goes on as usual (and the comment is not asked again).
   */
  private Optional<Said> commentOnRating(Ctx ctx, @Nullable String keyword) {
    DialogueState state = ctx.state();
    UUID request = state.ratingRequest;
    Instant until = state.commentUntil;
    state.ratingRequest = null;
    state.commentUntil = null;
    if (request == null
        || until == null
        || ctx.turn().at().isAfter(until)
        || state.step != Step.NONE
        || keyword != null
        || ctx.turn().choice() != null
        || ctx.u().intent() != Intent.OTHER
        || Replies.rating(ctx.turn().text()).isPresent()
        || TeamRequests.in(ctx.turn().text())) {
      return Optional.empty();
    }
    if (Replies.no(ctx.turn().text())) {
      return Optional.of(say(ctx, "satisfaction.no-comment"));
    }
    if (!satisfaction.comment(request, ctx.turn().patient(), ctx.turn().text())) {
      return Optional.empty();
    }
    return Optional.of(say(ctx, "satisfaction.comment-thanks"));
  }

  /**
   * While staff have the conversation (after a low score), the patient's next message is still
   * taken as the rating's comment, silently: staff read it on the timeline and answer themselves.
   */
  boolean commentWhileWithStaff(Turn turn, DialogueState state) {
    UUID request = state.ratingRequest;
    Instant until = state.commentUntil;
    if (request == null || until == null) {
      return false;
    }
    state.ratingRequest = null;
    state.commentUntil = null;
    if (turn.at().isAfter(until)
        || turn.choice() != null
        || Replies.rating(turn.text()).isPresent()) {
      return true;
    }
    satisfaction.comment(request, turn.patient(), turn.text());
    return true;
  }

  private static final List<String> CANNOT_COME =
      List.of(
          "ne peux pas venir",
          "ne pourrai pas",
          "pourrai pas venir",
          "peux pas venir",
          "empeche",
          "can't come",
          "cannot come",
          "can't make it",
          "won't make it",
          "cant come",
          "unable to come",
          "non posso venire",
          "non potro",
          "non riesco a venire");

  /** "I can't come", in the patient's words. */
  static boolean cannotCome(String text) {
    String folded = Replies.fold(text);
    return CANNOT_COME.stream().anyMatch(folded::contains);
  }

  private static @Nullable UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The patient's own coming appointment {@code id}, if it is one. */
  private Optional<Appointment> ownComing(Ctx ctx, @Nullable UUID id) {
    if (id == null) {
      return Optional.empty();
    }
    return appointments
        .find(AppointmentId.of(id))
        .filter(a -> a.patient().equals(ctx.turn().patient()))
        .filter(a -> a.status() == AppointmentStatus.BOOKED)
        .filter(a -> a.start().isAfter(ctx.turn().at()));
  }

  private Said confirmAppointment(Ctx ctx, @Nullable UUID id) {
    Optional<Appointment> a = ownComing(ctx, id);
    if (a.isEmpty()) {
      return confirmLastReminder(ctx);
    }
    attendance.confirm(a.get().id(), "patient");
    return new Said(
        messages.getMessage(
            "dialogue.attendance-confirmed",
            new Object[] {
              longWhen(ctx, a.get().start()), providerName(ctx, a.get().provider().value())
            },
            ctx.lang()),
        List.of(),
        ctx.lang(),
        null,
        null,
        a.get(),
        false);
  }

  /** The waitlist offer {@code id}, if it was made to this patient. */
  private Optional<WaitlistOffer> ownOffer(Ctx ctx, @Nullable UUID id) {
    return id == null
        ? Optional.empty()
        : waitlist.findOffer(id).filter(o -> o.patient().equals(ctx.turn().patient()));
  }

  /** "Yes" to a waitlist offer: the held time becomes the patient's appointment, if still open. */
  private Said takeOffer(Ctx ctx, @Nullable UUID offer) {
    if (ownOffer(ctx, offer).isEmpty()) {
      return misunderstood(ctx);
    }
    try {
      Appointment booked = waitlist.accept(offer, sourceOf(ctx.turn().channel()), "patient");
      return new Said(
          messages.getMessage(
              "dialogue.waitlist-booked",
              new Object[] {
                longWhen(ctx, booked.start()), providerName(ctx, booked.provider().value())
              },
              ctx.lang()),
          List.of(),
          ctx.lang(),
          null,
          booked);
    } catch (ProblemException closed) {
      return say(ctx, "dialogue.waitlist-lapsed");
    }
  }

  /** "No" to a waitlist offer: it goes to the next patient; this one keeps their place. */
  private Said passOffer(Ctx ctx, @Nullable UUID offer) {
    if (ownOffer(ctx, offer).isEmpty()) {
      return misunderstood(ctx);
    }
    try {
      waitlist.decline(offer, "patient");
    } catch (ProblemException closed) {
      // Expired meanwhile: it has passed on already.
    }
    return say(ctx, "dialogue.waitlist-declined");
  }

  private static Source sourceOf(Channel channel) {
    return switch (channel) {
      case SMS -> Source.SMS;
      case WHATSAPP -> Source.WHATSAPP;
      case EMAIL -> Source.EMAIL;
      case PHONE -> Source.VOICE;
      case WEBCHAT -> Source.CHAT;
    };
  }

  /** "I can't come": move it or cancel it? The answer goes on as a reschedule or a cancellation. */
  private Said cannotCome(Ctx ctx, @Nullable UUID id) {
    Optional<Appointment> a = ownComing(ctx, id);
    if (a.isEmpty()) {
      return misunderstood(ctx);
    }
    return new Said(
        messages.getMessage(
            "dialogue.cannot-come", new Object[] {longWhen(ctx, a.get().start())}, ctx.lang()),
        List.of(
            new Choice("move", messages.getMessage("dialogue.button.move", null, ctx.lang())),
            new Choice("cancel", messages.getMessage("dialogue.button.cancel", null, ctx.lang()))),
        ctx.lang(),
        null,
        null);
  }

  private Said confirmLastReminder(Ctx ctx) {
    Instant now = ctx.turn().at();
    Optional<Appointment> next =
        appointments
            .list(
                new AppointmentQuery(
                    now,
                    now.plus(java.time.Duration.ofDays(30)),
                    null,
                    ctx.turn().patient(),
                    AppointmentStatus.BOOKED,
                    1))
            .stream()
            .min(Comparator.comparing(Appointment::start));
    if (next.isEmpty()) {
      return misunderstood(ctx);
    }
    Appointment a = next.get();
    // Recorded on the appointment, as a reply to a reminder is: the staff's list of the
    // unconfirmed must agree with what the patient was told.
    attendance.confirm(a.id(), "patient");
    return new Said(
        messages.getMessage(
            "dialogue.attendance-confirmed",
            new Object[] {longWhen(ctx, a.start()), providerName(ctx, a.provider().value())},
            ctx.lang()),
        List.of(),
        ctx.lang(),
        null,
        null,
        a,
        false);
  }

  private Said misunderstood(Ctx ctx) {
    DialogueState state = ctx.state();
    state.misunderstood++;
    if (state.misunderstood >= 2) {
      return handOver(ctx, "misunderstood twice in a row");
    }
    return say(ctx, "dialogue.not-understood");
  }

  private Said handOver(Ctx ctx, String why) {
    DialogueState state = ctx.state();
    String summary = summary(ctx, why);
    release(state);
    state.finish();
    state.handedOver = true;
    return new Said(text(ctx, "dialogue.handover"), List.of(), ctx.lang(), summary, null);
  }

  /** What the staff member taking over needs to know, in one line. */
  private String summary(Ctx ctx, String why) {
    DialogueState state = ctx.state();
    List<String> parts = new ArrayList<>();
    parts.add(why);
    if (state.goal != null) {
      parts.add("wants: " + state.goal);
    }
    if (state.type != null) {
      ctx.snapshot()
          .appointmentType(AppointmentTypeId.of(state.type))
          .ifPresent(t -> parts.add("type: " + t.name().en()));
    }
    if (state.provider != null) {
      parts.add("with: " + providerName(ctx, state.provider));
    }
    if (state.windowStart != null) {
      parts.add("when: " + state.windowStart + " (" + state.grain + ")");
    }
    if (state.dependent != null) {
      parts.add("for: " + state.dependent);
    }
    parts.add("language: " + ctx.lang().getLanguage());
    return String.join("; ", parts);
  }

  // ----------------------------------------------------------------------------- wording

  private Patient patient(Ctx ctx) {
    return patients.find(ctx.turn().patient()).orElseThrow();
  }

  private Said say(Ctx ctx, String key) {
    return Said.of(text(ctx, key), ctx.lang());
  }

  private String text(Ctx ctx, String key) {
    return messages.getMessage(key, null, ctx.lang());
  }

  private String typeName(Ctx ctx) {
    UUID type = ctx.state().type;
    return type == null
        ? ""
        : ctx.snapshot()
            .appointmentType(AppointmentTypeId.of(type))
            .map(t -> t.name().in(ctx.lang()))
            .orElse("");
  }

  private static String providerName(Ctx ctx, UUID provider) {
    return ctx.snapshot().provider(ProviderId.of(provider)).map(Provider::displayName).orElse("");
  }

  /** "vendredi 13 mars à 14:00", "Friday 13 March at 2:00 PM", "venerdì 13 marzo alle 14:00". */
  static String longWhen(Ctx ctx, Instant at) {
    return longWhen(at.atZone(ctx.now().getZone()), ctx.lang());
  }

  /** The day and time as a patient reads them, in their language. */
  static String longWhen(ZonedDateTime local, Locale language) {
    return PatientDates.when(local, language);
  }

  /** At most 20 characters, for a WhatsApp button: "ven. 13 mars 14:00". */
  static String shortWhen(Ctx ctx, Instant at) {
    return PatientDates.shortWhen(at.atZone(ctx.now().getZone()), ctx.lang());
  }

  private static String title(String text) {
    return text.length() <= 20 ? text : text.substring(0, 19) + "…";
  }

  private static String country(PracticeSnapshot snapshot) {
    return snapshot.locations().stream()
        .filter(Location::active)
        .map(l -> l.address().country())
        .findFirst()
        .orElse("FR");
  }

  private static ZoneId zone(PracticeSnapshot snapshot) {
    return snapshot.locations().stream()
        .filter(Location::active)
        .map(Location::zone)
        .findFirst()
        .orElse(ZoneId.of("Europe/Paris"));
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
