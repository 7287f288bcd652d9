package org.accueil.notifications.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.notifications.Notification;
import org.accueil.notifications.NotificationKind;
import org.accueil.notifications.NotificationPolicy;
import org.accueil.notifications.Notifications;
import org.accueil.notifications.internal.Policies;
import org.accueil.notifications.internal.Wording;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications")
class NotificationsController {

  record ResultsReadyRequest(@Nullable UUID patientId) {}

  record WordingRequest(@Nullable String subject, @Nullable String body) {}

  /** A message's wording in one language: the practice's own, else Accueil's. */
  record WordingView(
      String kind, String language, @Nullable String subject, String body, boolean own) {}

  private final Notifications notifications;
  private final Patients patients;
  private final Policies policies;
  private final Wording wording;
  private final Audit audit;

  NotificationsController(
      Notifications notifications,
      Patients patients,
      Policies policies,
      Wording wording,
      Audit audit) {
    this.notifications = notifications;
    this.patients = patients;
    this.policies = policies;
    this.wording = wording;
    this.audit = audit;
  }

  @GetMapping
  @Operation(
      summary = "Notifications sent and planned",
      description =
          "Newest first; of one patient (patientId) or one appointment (appointmentId), and/or in"
              + " one status: scheduled, sent, skipped (reason says why), cancelled.")
  List<Notification> list(
      @RequestParam(required = false) @Nullable UUID patientId,
      @RequestParam(required = false) @Nullable UUID appointmentId,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (status != null && !List.of("scheduled", "sent", "skipped", "cancelled").contains(status)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-parameter")
          .detail("status is one of scheduled, sent, skipped, cancelled; not {0}.", status)
          .with("field", "status")
          .build();
    }
    PatientId patient = null;
    if (patientId != null) {
      patient = patients.visibleToCaller(PatientId.of(patientId)).id();
    }
    List<Notification> page =
        notifications.list(
            patient, appointmentId, status, Math.clamp(limit, 1, 500), Math.max(offset, 0));
    if (Actor.current().ownCalendarOnly() == null) {
      return page;
    }
    // A clinician sees the messages of the patients booked with them.
    List<PatientId> visible =
        patients.visibleAmong(page.stream().map(n -> PatientId.of(n.patientId())).toList());
    return page.stream().filter(n -> visible.contains(PatientId.of(n.patientId()))).toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "One notification")
  Notification one(@PathVariable UUID id) {
    Notification n = notifications.find(id);
    patients.visibleToCaller(PatientId.of(n.patientId()));
    return n;
  }

  @PostMapping("/results-ready")
  @Operation(
      summary = "Tell a patient their results are ready",
      description =
          "Sends the address of the practice's results portal (never the results) on the"
              + " patient's preferred channel, at once outside quiet hours.")
  ResponseEntity<Notification> resultsReady(@RequestBody ResultsReadyRequest request) {
    if (request.patientId() == null) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "missing-field")
          .detail("patientId is required: whose results are ready?")
          .with("field", "patientId")
          .build();
    }
    Notification n = notifications.resultsReady(PatientId.of(request.patientId()));
    return ResponseEntity.status(HttpStatus.CREATED).body(n);
  }

  @GetMapping("/policy")
  @Operation(summary = "What the practice sends and when (reminders, quiet hours, follow-ups)")
  NotificationPolicy policy() {
    return policies.current();
  }

  @PutMapping("/policy")
  @Operation(
      summary = "Change the practice's reminders, quiet hours and what messages may say",
      description =
          "A null field keeps Accueil's default. Reminders are durations before the visit (PT3H,"
              + " P2D: whole days keep the wall-clock time across daylight saving). Applies to"
              + " appointments booked or moved from now on.")
  NotificationPolicy savePolicy(@RequestBody NotificationPolicy.Practice policy) {
    policies.savePractice(policy, Actor.current().reference());
    audit.success("notification.policy", "notification-policy", "practice");
    return policies.current();
  }

  @PutMapping("/policy/types/{code}")
  @Operation(
      summary = "An appointment type's own reminders and follow-up",
      description =
          "reminders replaces the practice's (an empty list sends none); followUp {after, text:"
              + " {fr, en, it}} is sent after a visit of this type.")
  NotificationPolicy saveType(
      @PathVariable String code, @RequestBody NotificationPolicy.TypePolicy policy) {
    policies.saveType(code, policy, Actor.current().reference());
    audit.success("notification.policy", "notification-policy", "type:" + code);
    return policies.current();
  }

  @DeleteMapping("/policy/types/{code}")
  @Operation(summary = "The appointment type follows the practice's policy again")
  ResponseEntity<Void> deleteType(@PathVariable String code) {
    if (!policies.deleteType(code)) {
      throw ProblemException.notFound("notification policy of type", code);
    }
    audit.success("notification.policy.deleted", "notification-policy", "type:" + code);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/wording")
  @Operation(
      summary = "The wording of every message in every language",
      description =
          "own says whether the practice saved its own; placeholders are {when} and such.")
  List<WordingView> templates() {
    List<WordingView> views = new ArrayList<>();
    Map<String, Wording.Saved> own = new java.util.HashMap<>();
    wording.savedAll().forEach(s -> own.put(s.kind() + "/" + s.language(), s));
    for (NotificationKind kind : NotificationKind.values()) {
      for (String language : Wording.LANGUAGES) {
        Wording.Saved saved = own.get(kind.code() + "/" + language);
        Wording.Saved shown = saved != null ? saved : wording.standard(kind, language);
        views.add(
            new WordingView(kind.code(), language, shown.subject(), shown.body(), saved != null));
      }
    }
    return views;
  }

  @PutMapping("/wording/{kind}/{language}")
  @Operation(
      summary = "The practice's own wording of a message",
      description =
          "Placeholders: {name} {when} {date} {time} {practice} {address} {provider} {link} {text}"
              + " {expires} {portal}, and {visit} only when the policy shows the kind of visit. The"
              + " same words go by SMS, so they must fit in 3 text messages.")
  WordingView saveTemplate(
      @PathVariable String kind, @PathVariable String language, @RequestBody WordingRequest body) {
    NotificationKind k = kindOf(kind);
    Wording.Saved saved =
        new Wording.Saved(
            k.code(), language, body.subject(), body.body() == null ? "" : body.body());
    wording.save(saved, policies.current().showVisitType(), SAMPLE, Actor.current().reference());
    audit.success("notification.template", "notification-template", k.code() + "/" + language);
    return new WordingView(k.code(), language, saved.subject(), saved.body(), true);
  }

  @DeleteMapping("/wording/{kind}/{language}")
  @Operation(summary = "Back to Accueil's wording of the message")
  ResponseEntity<Void> deleteTemplate(@PathVariable String kind, @PathVariable String language) {
    NotificationKind k = kindOf(kind);
    if (!wording.delete(k.code(), language)) {
      throw ProblemException.notFound("notification template", k.code() + "/" + language);
    }
    audit.success(
        "notification.template.deleted", "notification-template", k.code() + "/" + language);
    return ResponseEntity.noContent().build();
  }

  /** Values as long as real ones usually are, to count a text message's parts. */
  private static final Map<String, String> SAMPLE =
      Map.ofEntries(
          Map.entry("name", "Jean-Baptiste"),
          Map.entry("when", "mercredi 12 septembre à 10:30"),
          Map.entry("date", "12 septembre 2027"),
          Map.entry("time", "10:30"),
          Map.entry("practice", "Cabinet médical du Parc"),
          Map.entry("address", "12 rue de la République, 69002 Lyon"),
          Map.entry("provider", "Dr Marie Lefebvre"),
          Map.entry("visit", "Consultation"),
          Map.entry("link", "https://accueil.example.fr/p/pl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
          Map.entry("text", "Pensez à prendre rendez-vous pour votre contrôle."),
          Map.entry("expires", "11:00"),
          Map.entry("portal", "https://portail.example.fr"));

  private static NotificationKind kindOf(String code) {
    try {
      return NotificationKind.ofCode(code);
    } catch (IllegalArgumentException e) {
      throw ProblemException.of(HttpStatus.NOT_FOUND, "unknown-notification-kind")
          .detail(
              "There is no message {0}; the messages are {1}.",
              code,
              String.join(
                  ", ",
                  java.util.Arrays.stream(NotificationKind.values())
                      .map(NotificationKind::code)
                      .toList()))
          .build();
    }
  }
}
