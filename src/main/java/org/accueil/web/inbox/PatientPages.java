package org.accueil.web.inbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.TimelineEntry;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientRecord;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentDecision;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.Consents;
import org.accueil.questionnaires.Form;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.web.staff.StaffAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Finding a patient (by name, phone number or birth date, in one box) and their page: who they are,
 * how to reach them, what they agreed to, their appointments and their whole timeline.
 */
@Controller
@RequestMapping("/app/patients")
class PatientPages {

  static final int TIMELINE_PAGE = 200;

  /** What the patient accepts on one channel, for each purpose in {@link ConsentPurpose} order. */
  record ConsentRow(String channel, List<ConsentDecision> decisions) {}

  /** A search result line. */
  record Found(
      UUID id, @Nullable String name, @Nullable String birthDate, @Nullable String phone) {}

  private final Patients patients;
  private final Consents consents;
  private final Conversations conversations;
  private final PatientViews views;
  private final Timelines timelines;
  private final StaffNames staff;
  private final Audit audit;
  private final MessageSource messages;
  private final Questionnaires questionnaires;

  PatientPages(
      Patients patients,
      Consents consents,
      Conversations conversations,
      PatientViews views,
      Timelines timelines,
      StaffNames staff,
      Audit audit,
      MessageSource messages,
      Questionnaires questionnaires) {
    this.patients = patients;
    this.consents = consents;
    this.conversations = conversations;
    this.views = views;
    this.timelines = timelines;
    this.staff = staff;
    this.audit = audit;
    this.messages = messages;
    this.questionnaires = questionnaires;
  }

  @GetMapping
  String search(@RequestParam(defaultValue = "") String q, Model model, Locale locale) {
    StaffAccess.require(Scope.PATIENTS_READ);
    model.addAttribute("q", q);
    if (q.isBlank()) {
      return "web/inbox/patients";
    }
    if (q.length() > 200) {
      model.addAttribute("problem", messages.getMessage("patients.search.too-long", null, locale));
      return "web/inbox/patients";
    }
    try {
      List<Patient> found = find(q);
      audit.success(
          "patient.search",
          "patient",
          null,
          Map.of(
              "results",
              String.join(",", found.stream().map(p -> p.id().value().toString()).toList())));
      model.addAttribute(
          "found",
          found.stream()
              .map(
                  p ->
                      new Found(
                          p.id().value(),
                          PatientViews.name(p),
                          p.birthDate() == null ? null : date(p.birthDate(), locale),
                          p.phone()))
              .toList());
    } catch (ProblemException refused) {
      model.addAttribute("problem", PageProblems.text(messages, refused, locale));
    }
    return "web/inbox/patients";
  }

  /** The box read as the staff meant it: a birth date, a phone number, and names, in any order. */
  private List<Patient> find(String q) {
    return patients.visibleToCaller(patients.searchTyped(q, 50));
  }

  @GetMapping("/{id}")
  String patient(
      @PathVariable UUID id,
      @RequestParam(required = false) @Nullable Long before,
      Model model,
      Locale locale) {
    Actor me = StaffAccess.require(Scope.PATIENTS_READ);
    Patient patient = patients.visibleToCaller(PatientId.of(id));
    audit.success("patient.view", "patient", id, Map.of("patient", id));
    PatientRecord record = patients.record(patient);
    model.addAttribute("patient", patient);
    model.addAttribute("record", record);
    model.addAttribute("name", PatientViews.name(patient));
    model.addAttribute(
        "birthDate", patient.birthDate() == null ? null : date(patient.birthDate(), locale));
    List<ConsentDecision> decisions = consents.current(patient.id());
    model.addAttribute("purposes", ConsentPurpose.values());
    model.addAttribute(
        "consents",
        ConsentChannel.CONCRETE.stream()
            .map(
                channel ->
                    new ConsentRow(
                        channel.code(),
                        java.util.Arrays.stream(ConsentPurpose.values())
                            .flatMap(
                                purpose ->
                                    decisions.stream()
                                        .filter(
                                            d -> d.channel() == channel && d.purpose() == purpose)
                                        .limit(1))
                            .toList()))
            .toList());
    model.addAttribute("visits", views.appointments(patient.id(), locale, 20));
    java.time.format.DateTimeFormatter when = timelines.dateTime(locale);
    model.addAttribute(
        "forms",
        questionnaires.responses(patient.id(), null, false, 10).stream()
            .map(
                a ->
                    new FormAnswers(
                        a,
                        when.format(a.authoredAt()),
                        questionnaires.lines(a, locale.getLanguage())))
            .toList());
    model.addAttribute("canReview", me.can(Scope.PATIENTS_WRITE));
    if (me.can(Scope.CONVERSATIONS_READ)) {
      List<TimelineEntry> entries =
          conversations.timeline(patient.id(), before, null, TIMELINE_PAGE);
      model.addAttribute("rows", timelines.rows(entries, staff.byReference(), locale));
      model.addAttribute(
          "olderThan",
          entries.size() == TIMELINE_PAGE && !entries.isEmpty() ? entries.getFirst().seq() : null);
      model.addAttribute("paged", before != null);
      model.addAttribute(
          "conversation", conversations.ofPatient(patient.id()).map(c -> c.id()).orElse(null));
    }
    return "web/inbox/patient";
  }

  /** A completed form on the patient's page: the answers as staff read them, and its flags. */
  record FormAnswers(QuestionnaireAnswers answers, String when, List<Form.Line> lines) {}

  /** Staff looked at what the patient said about themself in a form. */
  @PostMapping("/{id}/forms/{response}/review")
  String reviewed(@PathVariable UUID id, @PathVariable UUID response) {
    StaffAccess.require(Scope.PATIENTS_WRITE);
    QuestionnaireAnswers answers = questionnaires.response(response);
    if (!answers.patient().value().equals(id)) {
      throw ProblemException.notFound("questionnaire-response", response);
    }
    questionnaires.review(response);
    return "redirect:/app/patients/" + id + "#forms";
  }

  private static String date(LocalDate date, Locale locale) {
    return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
        .withLocale(locale)
        .format(date);
  }
}
