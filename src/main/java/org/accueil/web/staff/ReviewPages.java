package org.accueil.web.staff;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.accueil.integration.IntegrationReview;
import org.accueil.patients.DuplicateReview;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientRecord;
import org.accueil.patients.Patients;
import org.accueil.patients.PossibleDuplicate;
import org.accueil.patients.matching.Agreement;
import org.accueil.patients.matching.Field;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.practice.PracticeDirectory;
import org.accueil.questionnaires.Questionnaires;
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
 * The review queues: provisional patients to confirm, possible duplicates to merge (side by side)
 * or tell apart, EHR conflicts to settle and dead letters to replay. The same module calls as the
 * API's review endpoints, with the same scopes: patients:write for the registry's queues,
 * integration:read and integration:manage for the integration's.
 */
@Controller
class ReviewPages {

  private static final int LIMIT = 100;

  private final Patients patients;
  private final DuplicateReview review;
  private final IntegrationReview integration;
  private final PracticeDirectory practice;
  private final MessageSource messages;
  private final Questionnaires questionnaires;

  ReviewPages(
      Patients patients,
      DuplicateReview review,
      IntegrationReview integration,
      PracticeDirectory practice,
      MessageSource messages,
      Questionnaires questionnaires) {
    this.patients = patients;
    this.review = review;
    this.integration = integration;
    this.practice = practice;
    this.messages = messages;
    this.questionnaires = questionnaires;
  }

  /** A completed form with answers to check, as the list shows it. */
  record FormToCheck(String patientId, String patient, String form, int flags, String at) {}

  /** A pair in the queue as the list shows it. */
  record Pair(String id, String left, String right, String band, String foundAt) {}

  /** One line of the side-by-side comparison. */
  record Line(
      String label, String left, String right, boolean differs, @Nullable String agreement) {}

  @GetMapping("/app/review")
  String queues(Locale locale, Model model) {
    Actor actor = Actor.current();
    boolean registry = actor.can(Scope.PATIENTS_WRITE);
    boolean ehr = actor.can(Scope.INTEGRATION_READ);
    if (!registry && !ehr) {
      StaffAccess.require(Scope.PATIENTS_WRITE);
    }
    ZoneId zone = practice.snapshot().zone();
    DateTimeFormatter when =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(locale)
            .withZone(zone);
    model.addAttribute("registry", registry);
    model.addAttribute("ehr", ehr);
    model.addAttribute("canManage", actor.can(Scope.INTEGRATION_MANAGE));
    model.addAttribute("when", when);
    if (registry) {
      model.addAttribute("provisional", review.provisional(LIMIT));
      // Forms whose answers say something about the patient the record does not: staff check.
      model.addAttribute(
          "forms",
          questionnaires.responses(null, null, true, LIMIT).stream()
              .map(
                  a ->
                      new FormToCheck(
                          a.patient().value().toString(),
                          name(a.patient()),
                          a.title(),
                          a.flags().size(),
                          when.format(a.authoredAt())))
              .toList());
      model.addAttribute(
          "pairs",
          review.open(LIMIT).stream()
              .map(
                  p ->
                      new Pair(
                          p.id().toString(),
                          name(p.patient()),
                          name(p.candidate()),
                          p.comparison().band().name().toLowerCase(Locale.ROOT),
                          when.format(p.foundAt())))
              .toList());
    }
    if (ehr) {
      model.addAttribute("conflicts", integration.openConflicts(LIMIT));
      model.addAttribute("deadLetters", integration.deadLetters(LIMIT));
    }
    return "web/staff/review";
  }

  @GetMapping("/app/review/duplicates/{id}")
  String duplicate(@PathVariable UUID id, Locale locale, Model model) {
    StaffAccess.require(Scope.PATIENTS_WRITE);
    PossibleDuplicate pair = review.find(id);
    PatientRecord left = record(pair.patient());
    PatientRecord right = record(pair.candidate());
    Map<Field, Agreement> agreements =
        pair.comparison().fields().stream()
            .collect(
                Collectors.toMap(
                    f -> f.field(),
                    f -> f.agreement(),
                    (a, b) -> a,
                    () -> new java.util.EnumMap<>(Field.class)));
    model.addAttribute("pair", pair);
    model.addAttribute("left", left.patient());
    model.addAttribute("right", right.patient());
    model.addAttribute("lines", lines(left, right, agreements, locale));
    model.addAttribute("score", String.format(Locale.ROOT, "%.1f", pair.comparison().score()));
    model.addAttribute("band", pair.comparison().band().name().toLowerCase(Locale.ROOT));
    return "web/staff/duplicate";
  }

  @PostMapping("/app/review/duplicates/{id}/merge")
  String merge(
      @PathVariable UUID id,
      @RequestParam(required = false) @Nullable UUID survivor,
      @RequestParam(defaultValue = "") String reason,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.PATIENTS_WRITE);
    PossibleDuplicate pair = review.find(id);
    if (survivor == null
        || !(survivor.equals(pair.patient().value())
            || survivor.equals(pair.candidate().value()))) {
      redirect.addFlashAttribute("problem", text("review.merge.choose", locale));
      return "redirect:/app/review/duplicates/" + id;
    }
    if (reason.isBlank()) {
      redirect.addFlashAttribute("problem", text("review.merge.reason-needed", locale));
      return "redirect:/app/review/duplicates/" + id;
    }
    PatientId kept = PatientId.of(survivor);
    PatientId gone = kept.equals(pair.patient()) ? pair.candidate() : pair.patient();
    try {
      patients.merge(kept, gone, reason.trim());
    } catch (ProblemException e) {
      redirect.addFlashAttribute("problem", e.updateAndGetBody(messages, locale).getDetail());
      return "redirect:/app/review/duplicates/" + id;
    }
    redirect.addFlashAttribute("notice", text("review.merged", locale));
    return "redirect:/app/review";
  }

  @PostMapping("/app/review/duplicates/{id}/distinct")
  String distinct(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
    StaffAccess.require(Scope.PATIENTS_WRITE);
    review.distinct(id);
    redirect.addFlashAttribute("notice", text("review.distinct.done", locale));
    return "redirect:/app/review";
  }

  @PostMapping("/app/review/provisional/{id}/confirm")
  String confirm(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
    StaffAccess.require(Scope.PATIENTS_WRITE);
    return act(redirect, locale, "review.confirmed", () -> patients.confirm(PatientId.of(id)));
  }

  @PostMapping("/app/review/conflicts/{id}")
  String resolve(
      @PathVariable UUID id,
      @RequestParam String resolution,
      @RequestParam(required = false) @Nullable String note,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.INTEGRATION_MANAGE);
    return act(
        redirect,
        locale,
        "review.resolved",
        () -> integration.resolve(id, resolution, note == null || note.isBlank() ? null : note));
  }

  @PostMapping("/app/review/dead-letters/{id}/replay")
  String replay(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
    StaffAccess.require(Scope.INTEGRATION_MANAGE);
    boolean replayed = integration.replay(id);
    redirect.addFlashAttribute(
        replayed ? "notice" : "problem",
        text(replayed ? "review.replayed" : "review.not-dead", locale));
    return "redirect:/app/review#dead-letters";
  }

  private String act(RedirectAttributes redirect, Locale locale, String done, Runnable action) {
    try {
      action.run();
      redirect.addFlashAttribute("notice", text(done, locale));
    } catch (ProblemException e) {
      redirect.addFlashAttribute("problem", e.updateAndGetBody(messages, locale).getDetail());
    }
    return "redirect:/app/review";
  }

  private PatientRecord record(PatientId id) {
    return patients.record(
        patients.find(id).orElseThrow(() -> ProblemException.notFound("patient", id.value())));
  }

  private String name(PatientId id) {
    return patients.find(id).map(CalendarPages::label).orElse("?");
  }

  private List<Line> lines(
      PatientRecord a, PatientRecord b, Map<Field, Agreement> agreements, Locale locale) {
    Patient l = a.patient();
    Patient r = b.patient();
    List<Line> lines = new ArrayList<>();
    add(
        lines,
        locale,
        "review.field.given-name",
        l.givenName(),
        r.givenName(),
        agreements.get(Field.GIVEN_NAME));
    add(
        lines,
        locale,
        "review.field.family-name",
        l.familyName(),
        r.familyName(),
        agreements.get(Field.FAMILY_NAME));
    add(
        lines,
        locale,
        "review.field.birth-family-name",
        l.birthFamilyName(),
        r.birthFamilyName(),
        null);
    add(
        lines,
        locale,
        "review.field.birth-date",
        str(l.birthDate()),
        str(r.birthDate()),
        agreements.get(Field.BIRTH_DATE));
    add(lines, locale, "review.field.sex", str(l.sex()), str(r.sex()), agreements.get(Field.SEX));
    add(lines, locale, "review.field.phone", l.phone(), r.phone(), agreements.get(Field.PHONE));
    add(lines, locale, "review.field.email", l.email(), r.email(), agreements.get(Field.EMAIL));
    add(lines, locale, "review.field.address", str(l.address()), str(r.address()), null);
    add(lines, locale, "review.field.language", l.preferredLanguage(), r.preferredLanguage(), null);
    add(
        lines,
        locale,
        "review.field.identifiers",
        join(a.identifiers().stream().map(i -> i.system() + " " + i.value()).toList()),
        join(b.identifiers().stream().map(i -> i.system() + " " + i.value()).toList()),
        agreements.get(Field.IDENTIFIER));
    add(
        lines,
        locale,
        "review.field.contacts",
        join(a.contacts().stream().map(c -> c.value()).toList()),
        join(b.contacts().stream().map(c -> c.value()).toList()),
        null);
    add(
        lines,
        locale,
        "review.field.channels",
        join(a.channelIdentities().stream().map(c -> c.channel() + " " + c.address()).toList()),
        join(b.channelIdentities().stream().map(c -> c.channel() + " " + c.address()).toList()),
        null);
    add(lines, locale, "review.field.status", str(l.status()), str(r.status()), null);
    return lines;
  }

  private void add(
      List<Line> lines,
      Locale locale,
      String label,
      @Nullable String left,
      @Nullable String right,
      @Nullable Agreement agreement) {
    String l = Objects.requireNonNullElse(left, "");
    String r = Objects.requireNonNullElse(right, "");
    lines.add(
        new Line(
            text(label, locale),
            l,
            r,
            !l.equalsIgnoreCase(r),
            agreement == null
                ? null
                : messages.getMessage(
                    "review.agreement." + agreement.name().toLowerCase(Locale.ROOT),
                    null,
                    agreement.name().toLowerCase(Locale.ROOT),
                    locale)));
  }

  private static String join(List<String> values) {
    return String.join(", ", values);
  }

  private static @Nullable String str(@Nullable Object value) {
    return value == null ? null : value.toString();
  }

  private String text(String code, Locale locale) {
    return messages.getMessage(code, null, locale);
  }
}
