package org.accueil.security;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.accueil.practice.Address;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Commands.AppointmentTypeDetails;
import org.accueil.practice.Commands.BookingRuleDetails;
import org.accueil.practice.Commands.ClosureDetails;
import org.accueil.practice.Commands.DayOverrideDetails;
import org.accueil.practice.Commands.LocationDetails;
import org.accueil.practice.Commands.ProviderDetails;
import org.accueil.practice.Commands.RoomDetails;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.Provider;
import org.accueil.practice.TimeWindow;
import org.accueil.practice.VisitMode;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The real entities the bad-input suite points at, and valid values for every field and parameter
 * the API takes. Two sets: the configuration the suite changes at will (a location, provider,
 * appointment type, room, closure, rule, time off and date override of their own), and a clinic
 * whose calendar takes the bookings, holds and visits, with a fresh free time for each.
 */
final class SuiteFixture implements BodyShapes.Samples {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Monday 1 March 2027, 07:00 in Paris, for the whole suite: holds never expire meanwhile. */
  static final LocalDateTime NOW = LocalDateTime.of(2027, 3, 1, 7, 0);

  static final LocalDate TODAY = NOW.toLocalDate();

  /**
   * Fields whose value is free text a person wrote (a label, a reason, a translation): they may
   * store any storable text, verbatim. Every other text has a grammar and must refuse injection.
   */
  static final Set<String> FREE_TEXT =
      Set.of(
          "ProfileDetails.name",
          "LocationDetails.name",
          "Address.line",
          "Address.postalCode",
          "Address.city",
          "ClosureDetails.name",
          "RoomDetails.name",
          "ProviderDetails.specialties",
          "LocalizedText.fr",
          "LocalizedText.en",
          "LocalizedText.it",
          "AppointmentTypeDetails.billingCode",
          "TimeOffDetails.reason",
          // What staff note about a disruption ("called in sick at 8:45"), for staff only.
          "BlockRequest.note",
          "BookingRuleDetails.description",
          "CancelRequest.reason",
          "CancelRequest.cancelledBy",
          "KeyRequest.name",
          // A staff member's name as shown to colleagues ("Dr Marc Johnson", "Reception 2").
          "NewStaffUser.displayName",
          "StaffUserChanges.displayName",
          // Why staff merged or unmerged two records, in their words.
          "MergeRequest.reason",
          "UnmergeRequest.reason",
          // The labels of the choices staff offer the patient ("Tuesday 10:00"), and their ids.
          "ChoiceRequest.id",
          "ChoiceRequest.title",
          "ChoiceRequest.description",
          "ReplyRequest.choicesButton",
          // A WhatsApp template's words, as the practice had them approved at Meta.
          "TemplateRequest.body",
          // What an administrator calls a webhook endpoint ("CRM", "Dr Martin's EHR").
          "WebhookRequest.description",
          // What staff decided about a conflict with the EHR, in their words.
          "Resolution.note",
          // The practice's own wording of its messages to patients, and of a follow-up.
          "WordingRequest.subject",
          "WordingRequest.body",
          "FollowUp.text");

  /**
   * Free text stored sealed (a patient's postal address): any storable text is accepted, and it
   * must never appear in clear in any table.
   */
  static final Set<String> SEALED_FREE_TEXT =
      Set.of(
          "PostalAddress.line",
          "PostalAddress.postalCode",
          "PostalAddress.city",
          // What staff write to a patient or about them: sealed on the timeline.
          "ReplyRequest.text",
          // A channel's setting, most often a credential: sealed.
          "SettingRequest.value",
          // A message for the assistant to understand: answered, never stored.
          "UnderstandRequest.text",
          "NoteRequest.text");

  /**
   * Fields holding a secret (a password): any text is accepted, because it is only ever hashed, and
   * it must never be stored or answered as it was typed.
   */
  static final Set<String> SECRETS = Set.of("NewStaffUser.password", "NewPassword.password");

  /**
   * Calls whose body is a file rather than JSON, with no type Spring binds it to: the suite sends
   * them files (well-formed or not, and each column with each text) under the file's content types.
   * Any text in a file's cell may be accepted (the file's rows are checked after the upload
   * answered), but the file is stored sealed: none of it may appear in clear in any table.
   */
  static final Set<String> FILE_UPLOADS = Set.of("POST /api/v1/patients/imports");

  /** The columns of the suite's patient CSV file. */
  static final List<String> FILE_COLUMNS =
      List.of(
          "givenName",
          "familyName",
          "birthDate",
          "phone",
          "email",
          "addressLine",
          "ins",
          "identifier:urn:oid:1.2.250.1.71.4.2.7");

  /** A patient CSV file of one row, {@code text} in {@code column} (or nothing changed). */
  static String patientFile(@org.jspecify.annotations.Nullable String column, String text) {
    List<String> row =
        new ArrayList<>(
            List.of(
                "Camille",
                "Fichier " + Tags.letters(),
                "1980-05-17",
                "+33612345678",
                "camille.fichier@example.org",
                "12 rue des Lilas",
                "",
                "EHR-" + Tags.letters()));
    if (column != null) {
      row.set(FILE_COLUMNS.indexOf(column), text);
    }
    return String.join(",", FILE_COLUMNS)
        + "\r\n"
        + String.join(",", row.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList())
        + "\r\n";
  }

  /** The same patient as a FHIR R4 Bundle of one Patient entry. */
  static String patientBundle() {
    return """
        {"resourceType":"Bundle","type":"collection","entry":[{"resource":{
          "resourceType":"Patient","name":[{"family":"Fichier %s","given":["Camille"]}],
          "birthDate":"1980-05-17","telecom":[{"system":"phone","value":"+33612345678"}]}}]}
        """
        .formatted(Tags.letters());
  }

  final Api api;
  final JsonMapper json;
  final ClinicFixture clinic;
  final Location location;
  final Provider provider;
  final AppointmentType type;
  final String room;
  final String closure;
  final String rule;
  final String timeOff;
  final LocalDate overrideDate = TODAY.plusDays(50);
  final String patient;
  final String consent;
  final String apiKey;
  final String staffUser;
  final String appointment;
  final String hold;
  final String patientImport;
  final String duplicatePair;
  private final Iterator<OffsetDateTime> freeTimes;
  private final java.util.concurrent.atomic.AtomicInteger writes =
      new java.util.concurrent.atomic.AtomicInteger();

  private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
  private String merge;

  SuiteFixture(
      PracticeAdministration admin,
      Api api,
      JsonMapper json,
      TestClock clock,
      org.springframework.jdbc.core.simple.JdbcClient jdbc,
      Runnable waitlistPass,
      org.accueil.questionnaires.Questionnaires questionnaires) {
    this.api = api;
    this.questionnaires = questionnaires;
    this.waitlistPass = waitlistPass;
    this.json = json;
    this.jdbc = jdbc;
    clock.setParis(NOW);
    this.clinic = ClinicFixture.create(admin);
    this.freeTimes = freeTimes().iterator();
    String tag = Tags.letters();
    this.location =
        admin.createLocation(
            new LocationDetails(
                "Suite site " + tag,
                "Europe/Paris",
                new Address("1 rue de la Suite", "75002", "Paris", "FR"),
                null,
                null,
                true));
    UUID site = location.id().value();
    this.provider =
        admin.createProvider(
            new ProviderDetails(
                "Dr",
                "Suzanne",
                "Suite-" + tag,
                List.of("general practice"),
                List.of("fr"),
                List.of(site),
                true));
    admin.replaceWeeklyHours(
        provider.id(),
        List.of(
            new WeeklyHoursDetails(
                site, DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(18, 0), null, null)));
    this.type =
        admin.createAppointmentType(
            new AppointmentTypeDetails(
                "suite-" + tag,
                new LocalizedText("Suite " + tag, "Suite " + tag, "Suite " + tag),
                30,
                0,
                0,
                15,
                0,
                90,
                VisitMode.IN_PERSON,
                false,
                null,
                null,
                null,
                null,
                List.of(provider.id().value()),
                true));
    this.room =
        admin
            .createRoom(new RoomDetails(site, "Suite room " + tag, "exam", true))
            .id()
            .value()
            .toString();
    this.closure =
        admin
            .addClosure(
                new ClosureDetails(
                    site, TODAY.plusDays(300), TODAY.plusDays(300), "Suite closure " + tag))
            .id()
            .toString();
    this.rule =
        admin
            .createRule(
                new BookingRuleDetails(
                    "Suite rule " + tag,
                    provider.id().value(),
                    type.id().value(),
                    null,
                    List.of(
                        new TimeWindow(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(18, 0)))))
            .id()
            .value()
            .toString();
    this.timeOff =
        admin
            .addTimeOff(
                provider.id(),
                new TimeOffDetails(
                    TODAY.plusDays(60).atTime(9, 0).atZone(PARIS).toOffsetDateTime(),
                    TODAY.plusDays(60).atTime(12, 0).atZone(PARIS).toOffsetDateTime(),
                    "Suite time off"))
            .id()
            .toString();
    admin.setDayOverride(
        provider.id(),
        overrideDate,
        new DayOverrideDetails(
            List.of(new DayOverrideDetails.Hours(site, LocalTime.of(9, 0), LocalTime.of(12, 0)))));
    this.patient = created(api.post("/api/v1/patients", patientDetails()));
    this.consent = consentRecord();
    this.apiKey = apiKey();
    this.staffUser = staffUser();
    this.appointment = newAppointment();
    this.hold = created(api.post("/api/v1/holds", holdRequest()));
    this.waitlistEntry = newWaitlistEntry();
    this.merge = newMerge();
    this.patientImport = patientImport();
    this.duplicatePair = newDuplicatePair();
    this.knowledgeEntry = knowledgeEntry();
    this.notification = notification();
    this.delivery = deadDelivery();
    this.webhookEndpoint = webhookEndpoint();
    this.conflict = newConflict();
    this.reconciliation = reconciliationReport();
    this.questionnaire = newQuestionnaire();
    this.questionnaireCode = api.get("/api/v1/questionnaires/" + questionnaire).string("code");
    this.questionnaireRule = newQuestionnaireRule();
    this.questionnaireResponse = questionnaireResponse();
    this.disruption = newDisruption();
  }

  private final String disruption;

  private final org.accueil.questionnaires.Questionnaires questionnaires;
  private final String questionnaire;
  private final String questionnaireCode;
  private final String questionnaireRule;
  private final String questionnaireResponse;

  /** A one-question form of its own (a code of its own: version 1). */
  private String newQuestionnaire() {
    writes.incrementAndGet();
    String form =
        """
        {"resourceType":"Questionnaire","name":"suite-%s","title":"Suite form","status":"active",
         "item":[{"linkId":"note","type":"string","text":"Anything to add?"}]}
        """
            .formatted(Tags.letters().toLowerCase(java.util.Locale.ROOT));
    return created(
        api.post(
            "/api/v1/questionnaires",
            "application/json",
            form.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** The suite's form sent on bookings of the suite's type, for new patients. */
  private String newQuestionnaireRule() {
    writes.incrementAndGet();
    return created(
        api.post(
            "/api/v1/questionnaires/rules",
            Map.of(
                "questionnaire",
                api.get("/api/v1/questionnaires/" + newQuestionnaire()).string("code"),
                "appointmentTypeId",
                type.id().toString(),
                "patients",
                "new")));
  }

  /** The suite's form, sent to the suite's patient from their conversation and answered. */
  private String questionnaireResponse() {
    String request =
        created(
            api.post(
                "/api/v1/conversations/" + conversation() + "/questionnaires",
                Map.of("questionnaire", questionnaireCode)));
    String token = questionnaires.token(UUID.fromString(request)).orElseThrow();
    var answered =
        questionnaires.submit(token, Map.of("note", List.of("Nothing")), "fr").orElseThrow();
    return ((org.accueil.questionnaires.Questionnaires.Submitted.Answered) answered)
        .answers()
        .id()
        .toString();
  }

  private final Runnable waitlistPass;
  private final String waitlistEntry;

  /** The appointment of the disruption made last: its patient's row is .../patients/{it}. */
  private volatile String disruptionAppointment = "";

  /**
   * A disruption of the clinic's provider over one new appointment, its patient listed, not
   * contacted (contacting would write after the call returns).
   */
  private synchronized String newDisruption() {
    writes.incrementAndGet();
    String appointment = newAppointment();
    var booked = api.get("/api/v1/appointments/" + appointment);
    String start = booked.string("start");
    String end = booked.string("end");
    String id =
        created(
            api.post(
                "/api/v1/disruptions",
                Map.of(
                    "providerId",
                    clinic.provider.id().toString(),
                    "start",
                    start,
                    "end",
                    end,
                    "reason",
                    "ill",
                    // Contacted (.../contact), its patient's visit is cancelled: no times held
                    // that the suite's next bookings would run into.
                    "action",
                    "cancel",
                    "contact",
                    false)));
    disruptionAppointment = appointment;
    return id;
  }

  /** The appointment of the disruption the path's {id} names. */
  String disruptionAppointment() {
    return disruptionAppointment;
  }

  /** A new patient waiting for a consultation at the clinic. */
  private String newWaitlistEntry() {
    writes.incrementAndGet();
    return created(
        api.post(
            "/api/v1/waitlist",
            Map.of(
                "patientId", newPatient(),
                "appointmentTypeId", clinic.consultation.id().toString(),
                "providerId", clinic.provider.id().toString(),
                "latestDate", TODAY.plusDays(88).toString())));
  }

  /**
   * An open waitlist offer: a new patient waits, an appointment of the clinic is cancelled, and the
   * pass (run here: the suite's context runs no job) offers the time to the first one waiting.
   */
  private String newWaitlistOffer() {
    String entry = newWaitlistEntry();
    String appointment = newAppointment();
    writes.incrementAndGet();
    if (api.post("/api/v1/appointments/" + appointment + "/cancel", Map.of()).status() != 200) {
      throw new IllegalStateException("The suite's appointment could not be cancelled");
    }
    waitlistPass.run();
    // Other cases' cancellations freed time too: the new entry may have been offered one of
    // those first, and this time someone else (or nobody). Either offer will do.
    return jdbc.sql(
            """
            SELECT o.id::text FROM waitlist_offer o
              JOIN waitlist_freed_time f ON f.id = o.freed_time_id
             WHERE o.status = 'offered'
               AND (o.entry_id = CAST(:entry AS uuid) OR f.appointment_id = CAST(:appointment AS uuid))
             LIMIT 1
            """)
        .param("entry", entry)
        .param("appointment", appointment)
        .query(String.class)
        .single();
  }

  /** An import of its own (queued: the suite's context runs no job), to read. */
  private String patientImport() {
    var accepted =
        api.post(
            "/api/v1/patients/imports?dryRun=true",
            "text/csv",
            patientFile(null, "").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (accepted.status() != 202) {
      throw new IllegalStateException("The suite's import could not be created: " + accepted);
    }
    return accepted.string("id");
  }

  /** A patient of their own, for calls that merge, link or change one. */
  String newPatient() {
    writes.incrementAndGet();
    return created(
        api.post(
            "/api/v1/patients",
            Map.of(
                "givenName", "Lucie",
                "familyName", "Fixture " + Tags.letters(),
                "birthDate", "1990-01-01")));
  }

  /** A merge of two fresh records, which the suite may undo. */
  private String newMerge() {
    writes.incrementAndGet();
    return created(
        api.post(
            "/api/v1/patients/merges",
            Map.of("survivorId", newPatient(), "duplicateId", newPatient(), "reason", "Suite")));
  }

  /** Two records of one name and birth date but different phones: a pair in the review queue. */
  private String newDuplicatePair() {
    writes.incrementAndGet();
    String family = "Twice " + Tags.letters();
    String first =
        created(
            api.post(
                "/api/v1/patients",
                Map.of(
                    "givenName",
                    "Rose",
                    "familyName",
                    family,
                    "birthDate",
                    "1970-07-07",
                    "phone",
                    "+3361" + sevenDigits())));
    String second =
        created(
            api.post(
                "/api/v1/patients",
                Map.of(
                    "givenName",
                    "Rose",
                    "familyName",
                    family,
                    "birthDate",
                    "1970-07-07",
                    "phone",
                    "+3362" + sevenDigits())));
    return jdbc.sql(
            "SELECT id FROM patient_duplicate WHERE patient_id = ?::uuid AND candidate_id = ?::uuid")
        .params(second, first)
        .query(String.class)
        .single();
  }

  private static String sevenDigits() {
    return String.format(
        "%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
  }

  /** Something of the suite's patient's own (a contact point, an identifier...), by API. */
  private String ownedByPatient(String collection, Map<String, Object> body) {
    writes.incrementAndGet();
    return created(api.post("/api/v1/patients/" + patient + "/" + collection, body));
  }

  /** Times the clinic's provider is free, 30 minutes apart, Monday to Saturday: one per use. */
  private static List<OffsetDateTime> freeTimes() {
    List<OffsetDateTime> times = new ArrayList<>();
    for (LocalDate day = TODAY.plusDays(1);
        day.isBefore(TODAY.plusDays(88));
        day = day.plusDays(1)) {
      if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      for (LocalTime time = LocalTime.of(8, 0);
          time.isBefore(LocalTime.of(17, 30));
          time = time.plusMinutes(30)) {
        times.add(day.atTime(time).atZone(PARIS).toOffsetDateTime());
      }
    }
    return times;
  }

  synchronized OffsetDateTime freeTime() {
    return freeTimes.next();
  }

  /** How many entities the fixture wrote since it was made: a case preparing one writes. */
  int writes() {
    return writes.get();
  }

  /** A new appointment at the clinic, for calls that change the one they are given. */
  private String consentRecord() {
    return created(
        api.post(
            "/api/v1/patients/" + patient + "/consents",
            Map.of(
                "channel", "sms",
                "purpose", "appointment-messages",
                "granted", false,
                "source", "staff")));
  }

  /** A key of its own: the suite may revoke it. */
  private String apiKey() {
    return created(
        api.post(
            "/api/v1/api-keys",
            Map.of(
                "name", "Suite key " + Tags.letters(),
                "roles", List.of("INTEGRATION"),
                "scopes", List.of("appointments:read"))));
  }

  /** A staff account of its own: the suite may disable it or reset its password. */
  private String staffUser() {
    writes.incrementAndGet();
    return created(
        api.post(
            "/api/v1/users",
            Map.of(
                "email", "suite-" + Tags.letters() + "@clinic.example",
                "displayName", "Suite " + Tags.letters(),
                "roles", List.of("FRONT_DESK"),
                "password", "a suite passphrase " + Tags.letters())));
  }

  String newAppointment() {
    writes.incrementAndGet();
    return created(
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId", clinic.consultation.id().toString(),
                "providerId", clinic.provider.id().toString(),
                "start", freeTime().toString(),
                "patientId", patient)));
  }

  private Map<String, Object> holdRequest() {
    return Map.of(
        "appointmentTypeId", clinic.consultation.id().toString(),
        "providerId", clinic.provider.id().toString(),
        "start", freeTime().toString());
  }

  private Map<String, Object> patientDetails() {
    return Map.of(
        "givenName", "Sophie",
        "familyName", "Suite " + Tags.letters(),
        "birthDate", "1980-05-17",
        "phone", "+33612345678",
        "email", "sophie.suite@example.org");
  }

  private static String created(Api.Response response) {
    if (response.status() != 201) {
      throw new IllegalStateException("The suite's fixture could not be created: " + response);
    }
    return response.string("id");
  }

  /**
   * A valid id for the path variable that follows {@code collection} in an address ({@code
   * providers/{id}}), or a date for {@code date-overrides/{date}}.
   *
   * @param changes whether the call changes what it is given (then it gets one of its own)
   */
  String pathValue(String collection, boolean changes) {
    return switch (collection) {
      case "locations" -> location.id().toString();
      case "providers" -> provider.id().toString();
      case "appointment-types" -> type.id().toString();
      case "rooms" -> room;
      case "closures" -> closure;
      case "booking-rules" -> rule;
      case "time-off" -> timeOff;
      case "date-overrides" -> overrideDate.toString();
      case "patients" -> patient;
      case "contacts" ->
          ownedByPatient(
              "contacts", Map.of("system", "email", "value", Tags.letters() + "@example.org"));
      case "identifiers" ->
          ownedByPatient(
              "identifiers", Map.of("system", "mrn", "value", "SUITE-" + Tags.letters()));
      case "channel-identities" ->
          ownedByPatient(
              "channel-identities", Map.of("channel", "webchat", "address", Tags.letters()));
      case "dependents" -> {
        String dependent = newPatient();
        writes.incrementAndGet();
        // The link answers the relationship, which has no id of its own: the dependent is its id.
        var linked =
            api.post(
                "/api/v1/patients/" + patient + "/dependents",
                Map.of("dependentId", dependent, "relationship", "parent"));
        if (linked.status() != 201) {
          throw new IllegalStateException("The suite's fixture could not be created: " + linked);
        }
        yield dependent;
      }
      // A read gets the suite's pair: one made for it would be a write the read did not do.
      case "duplicates" -> changes ? newDuplicatePair() : duplicatePair;
      case "merges" -> changes ? newMerge() : merge;
      case "appointments" -> changes ? newAppointment() : appointment;
      case "holds" -> hold;
      // A waitlist entry (.../waitlist/{id}), and an open offer (.../waitlist/offers/{id}/...).
      case "waitlist" -> changes ? newWaitlistEntry() : waitlistEntry;
      case "offers" -> newWaitlistOffer();
      case "consents" -> consent;
      case "imports" -> patientImport;
      case "api-keys" -> changes ? apiKey() : apiKey;
      case "users" -> changes ? staffUser() : staffUser;
      // A WhatsApp template of the suite's own: .../templates/{name}/{language}.
      case "templates" -> "suite_template";
      case "{name}" -> "fr";
      case "conversations" -> conversation();
      // A channel's saved setting: .../channels/{channel}/settings/{name}.
      case "channels" -> "whatsapp";
      case "settings" -> "api-version";
      // An entry of the assistant's knowledge base: .../assistant/knowledge/{id}.
      case "knowledge" -> changes ? knowledgeEntry() : knowledgeEntry;
      // The integration delivery log: .../deliveries/{id}, a dead row (a replay needs one).
      case "deliveries" -> changes ? deadDelivery() : delivery;
      // A mapping of the suite's location: .../links/{system}/{resourceType}/{localId}.
      case "links" -> "fhir";
      case "{system}" -> "location";
      case "{resourceType}" -> location.id().toString();
      // A webhook endpoint: the suite's own, or a fresh one to change or remove.
      case "webhooks" -> changes ? webhookEndpoint() : webhookEndpoint;
      // A conflict with the EHR (.../conflicts/{id}) and a reconciliation report.
      case "conflicts" -> changes ? newConflict() : conflict;
      case "reconciliations" -> reconciliation;
      // The EHR's notifications: .../notify/{type}/{id}.
      // What the practice tells patients: .../notifications/{id}, .../wording/{kind}/{language},
      // .../policy/types/{code}.
      case "notifications" -> notification;
      case "wording" -> "reminder";
      case "{kind}" -> "fr";
      case "types" -> type.code();
      case "notify" -> "Appointment";
      case "{type}" -> "suite-" + Tags.letters();
      // The practice's forms (.../questionnaires/{id}, .../rules/{id}) and their answers.
      case "questionnaires" -> changes ? newQuestionnaire() : questionnaire;
      case "rules" -> changes ? newQuestionnaireRule() : questionnaireRule;
      case "questionnaire-responses" -> questionnaireResponse;
      // A disruption with one patient listed (.../disruptions/{id}/patients/{appointmentId}).
      case "disruptions" -> changes ? newDisruption() : disruption;
      default ->
          throw new IllegalStateException(
              "The bad-input suite knows no valid value for a variable after /"
                  + collection
                  + "/: add one to SuiteFixture#pathValue");
    };
  }

  private final String knowledgeEntry;
  private final String notification;

  private final String conflict;
  private final String reconciliation;

  /** A message sent to the suite's patient, as the notifications module records it. */
  private String notification() {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO notification (id, kind, patient_id, dedupe_key, due_at, status, created_at,
                                      updated_at)
            VALUES (:id, 'results-ready', :patient, :key, now(), 'skipped', now(), now())
            """)
        .param("id", id)
        .param("patient", UUID.fromString(patient))
        .param("key", "suite:" + id)
        .update();
    return id.toString();
  }

  /** An open conflict with the EHR, of a kind staff resolve with "dismissed". */
  private String newConflict() {
    writes.incrementAndGet();
    return jdbc.sql(
            """
            INSERT INTO integration_conflict
              (id, system, kind, remote_type, remote_id, detail, detected_at)
            VALUES (gen_random_uuid(), 'fhir', 'unmapped', 'Appointment', :remote,
                    'An EHR appointment naming no known practitioner', now())
            RETURNING id::text
            """)
        .param("remote", "suite-" + Tags.letters())
        .query(String.class)
        .single();
  }

  /** A finished reconciliation report. */
  private String reconciliationReport() {
    return jdbc.sql(
            """
            INSERT INTO fhir_reconciliation
              (id, requested_by, window_from, window_to, status, started_at, finished_at)
            VALUES (gen_random_uuid(), 'system:suite', current_date, current_date + 30, 'done',
                    now(), now())
            RETURNING id::text
            """)
        .query(String.class)
        .single();
  }

  /** Where the suite's outbox rows go; nothing delivers it (the suite's node has no workers). */
  static final String DESTINATION = "test:bad-input-suite";

  private final String delivery;

  /** A dead outbox row, as a destination leaves one after its last attempt. */
  private String deadDelivery() {
    writes.incrementAndGet();
    return jdbc.sql(
            """
            INSERT INTO integration_outbox
              (destination, key, kind, payload, idempotency_key, state, attempts, next_attempt_at,
               last_error, created_at, dead_at)
            VALUES (:destination, 'appointment:suite', 'appointment.booked', '{"suite":true}',
                    gen_random_uuid(), 'dead', 9, now(), 'HTTP 503', now(), now())
            RETURNING id::text
            """)
        .param("destination", DESTINATION)
        .query(String.class)
        .single();
  }

  private final String webhookEndpoint;

  /**
   * A webhook endpoint of the suite's own, on an address nobody answers, subscribed to an event the
   * suite never causes: no booking of the suite queues a message for it.
   */
  private String webhookEndpoint() {
    writes.incrementAndGet();
    return created(
        api.post(
            "/api/v1/webhooks",
            Map.of(
                "url",
                "https://hooks.example.org/suite-" + Tags.letters(),
                "eventTypes",
                List.of("conversation.handed_over"))));
  }

  /** An entry of the assistant's knowledge base: the suite's own, or a fresh one to change. */
  private String knowledgeEntry() {
    writes.incrementAndGet();
    String id =
        created(
            api.post(
                "/api/v1/assistant/knowledge",
                Map.of(
                    "topic",
                    "other",
                    "question",
                    Map.of("fr", "Suite " + Tags.letters(), "en", "", "it", ""),
                    "answer",
                    Map.of("fr", "Réponse de la suite", "en", "", "it", ""))));
    return id;
  }

  private @org.jspecify.annotations.Nullable String conversation;

  /** The suite patient's conversation, as the first message they write opens it. */
  private String conversation() {
    if (conversation == null) {
      conversation = UUID.randomUUID().toString();
      jdbc.sql(
              """
              INSERT INTO conversation (id, patient_id, state, reply_token, last_entry_at,
                                        created_at, updated_at)
              VALUES (:id::uuid, :patient::uuid, 'waiting_for_staff', :token, now(), now(), now())
              ON CONFLICT (patient_id) DO NOTHING
              """)
          .param("id", conversation)
          .param("patient", patient)
          .param("token", UUID.randomUUID().toString().replace("-", ""))
          .update();
      conversation =
          jdbc.sql("SELECT id::text FROM conversation WHERE patient_id = :patient::uuid")
              .param("patient", patient)
              .query(String.class)
              .single();
    }
    return conversation;
  }

  /** A valid value for a query parameter, or null when the suite leaves it out. */
  String queryValue(String name, Class<?> type, boolean required) {
    String value =
        switch (name) {
          case "appointmentType" -> clinic.consultation.id().toString();
          case "provider" -> clinic.provider.id().toString();
          case "location" -> clinic.site.id().toString();
          case "patient" -> patient;
          case "from" ->
              type == LocalDate.class
                  ? TODAY.plusDays(1).toString()
                  : TODAY.plusDays(1).atStartOfDay(PARIS).toOffsetDateTime().toString();
          case "to" ->
              type == LocalDate.class
                  ? TODAY.plusDays(7).toString()
                  : TODAY.plusDays(7).atStartOfDay(PARIS).toOffsetDateTime().toString();
          case "familyName" -> "Suite";
          case "birthDate" -> "1980-05-17";
          case "phone" -> "+33612345678";
          case "status" -> type == org.accueil.patients.PatientStatus.class ? "active" : "booked";
          case "q" -> "Suite";
          case "email" -> "sophie.suite@example.org";
          case "identifier" -> "mrn|SUITE";
          case "specialty" -> "general practice";
          case "limit" -> "10";
          case "offset" -> "0";
          case "mine", "unassigned", "urgent" -> "false";
          case "channel" -> "webchat";
          case "state" -> "waiting-for-staff";
          case "includeInactive" -> "true";
          case "newPatient" -> "false";
          // fhir is a format of both exports: the registry's (csv or fhir) and a patient's.
          case "format" -> "fhir";
          case "language" -> "fr";
          case "destination" -> DESTINATION;
          default -> null;
        };
    if (value == null && required) {
      throw new IllegalStateException(
          "The bad-input suite knows no valid value for the required query parameter "
              + name
              + ": add one to SuiteFixture#queryValue");
    }
    return value;
  }

  @Override
  public JsonNode sample(String owner, String name, Class<?> type) {
    Object value = value(owner, name, type);
    return value == null ? JsonNodeFactory.instance.nullNode() : json.valueToTree(value);
  }

  private Object value(String owner, String name, Class<?> type) {
    String field = owner + "." + name;
    return switch (field) {
      // Booking: directly (type, provider, time) for a patient described, not from a hold.
      case "BookingRequest.holdId",
          "BookingRequest.patientId",
          "BookingRequest.locationId",
          "BookingRequest.newPatient",
          "BookingRequest.source",
          "HoldRequest.locationId",
          "HoldRequest.newPatient",
          "RescheduleRequest.providerId",
          "RescheduleRequest.locationId",
          "AppointmentTypeDetails.requiredRoomKind",
          "AppointmentTypeDetails.dailyCapPerProvider",
          "BookingRuleDetails.patientCategory",
          "WeeklyHoursDetails.validFrom",
          "WeeklyHoursDetails.validUntil",
          "LocationDetails.phone" ->
          null;
      // Waiting for the suite's own type and provider, mornings, no appointment to move.
      case "JoinRequest.beforeAppointmentId" -> null;
      case "JoinRequest.earliestTime" -> "08:00";
      case "JoinRequest.latestTime" -> "12:00";
      case "BookingRequest.appointmentTypeId", "HoldRequest.appointmentTypeId" ->
          clinic.consultation.id().toString();
      case "BookingRequest.providerId", "HoldRequest.providerId" -> clinic.provider.id().toString();
      case "BookingRequest.start", "HoldRequest.start", "RescheduleRequest.start" ->
          freeTime().toString();
      case "TimeOffDetails.start" ->
          TODAY.plusDays(70).atTime(9, 0).atZone(PARIS).toOffsetDateTime().toString();
      case "TimeOffDetails.end" ->
          TODAY.plusDays(70).atTime(12, 0).atZone(PARIS).toOffsetDateTime().toString();
      case "ClosureDetails.firstDay", "ClosureDetails.lastDay" -> TODAY.plusDays(310).toString();
      case "PatientDetails.birthDate" -> "1980-05-17";
      case "PatientDetails.givenName", "ProviderDetails.givenName" -> "Camille";
      case "PatientDetails.familyName", "ProviderDetails.familyName" -> "Sample " + Tags.letters();
      case "PatientDetails.phone", "MatchQuery.phone" -> "+33612345678";
      case "PatientDetails.email", "MatchQuery.email" -> "camille.sample@example.org";
      case "PatientDetails.birthFamilyName", "MatchQuery.birthFamilyName" -> "Durand";
      case "PatientDetails.preferredLanguage" -> "fr";
      case "MatchQuery.birthDate" -> "1980-05-17";
      case "MatchQuery.givenName" -> "Camille";
      case "MatchQuery.familyName" -> "Sample";
      case "PostalAddress.line" -> "12 rue des Lilas";
      case "PostalAddress.postalCode" -> "69003";
      case "PostalAddress.city" -> "Lyon";
      case "PostalAddress.country" -> "FR";
      case "Identifier.system" -> "mrn";
      case "Identifier.value" -> "MRN-" + Tags.letters();
      case "ContactRequest.system" -> "phone";
      case "ContactRequest.value" -> "+33698765432";
      case "ContactRequest.use" -> "mobile";
      case "ChannelIdentityRequest.address" -> "+33698765432";
      case "MergeRequest.reason" -> "Registered twice";
      case "UnmergeRequest.reason" -> "Two people after all";
      case "ProviderDetails.title" -> "Dr";
      case "ProviderDetails.specialties" -> "general practice";
      case "ProviderDetails.languages" -> "fr";
      case "ProfileDetails.languages" -> "fr";
      case "ProfileDetails.name" -> "Cabinet " + Tags.letters();
      case "LocationDetails.name" -> "Site " + Tags.letters();
      case "LocationDetails.timeZone" -> "Europe/Paris";
      case "Address.line" -> "1 rue de la Paix";
      case "Address.postalCode" -> "75002";
      case "Address.city" -> "Paris";
      case "Address.country" -> "FR";
      case "ClosureDetails.name" -> "Closure " + Tags.letters();
      case "RoomDetails.name" -> "Room " + Tags.letters();
      case "RoomDetails.kind" -> "exam";
      case "AppointmentTypeDetails.code" -> "sample-" + Tags.letters();
      case "AppointmentTypeDetails.durationMinutes" -> 30;
      case "AppointmentTypeDetails.slotStepMinutes" -> 15;
      case "AppointmentTypeDetails.maxDaysAhead" -> 90;
      case "AppointmentTypeDetails.billingCode" -> "GS";
      case "TemplateRequest.purpose" -> "suite-" + Tags.letters();
      case "TemplateRequest.body" -> "Bonjour {{1}}, le cabinet vous a répondu.";
      case "TemplateRequest.category" -> "utility";
      case "LocalizedText.fr" -> "Exemple";
      case "LocalizedText.en" -> "Sample";
      case "LocalizedText.it" -> "Esempio";
      case "KnowledgeEntryDetails.topic" -> "parking";
      case "KnowledgeEntryDetails.mapUrl" ->
          "https://www.openstreetmap.org/#map=18/48.86451/2.37702";
      case "KnowledgeEntryDetails.appointmentTypeId" -> null;
      case "WebhookRequest.url" -> "https://hooks.example.org/suite-" + Tags.letters();
      case "WebhookRequest.description" -> "Suite receiver";
      case "WebhookRequest.eventTypes" -> "conversation.handed_over";
      case "BookingRuleDetails.description" -> "Sample rule " + Tags.letters();
      case "TimeOffDetails.reason" -> "Training";
      // A block far from the suite's bookings, its patients listed but not contacted.
      case "BlockRequest.start" ->
          TODAY.plusDays(71).atTime(9, 0).atZone(PARIS).toOffsetDateTime().toString();
      case "BlockRequest.end" ->
          TODAY.plusDays(71).atTime(10, 0).atZone(PARIS).toOffsetDateTime().toString();
      case "BlockRequest.providerId" -> clinic.provider.id().toString();
      case "BlockRequest.reason" -> "ill";
      case "BlockRequest.action" -> "same-provider";
      case "BlockRequest.contact" -> false;
      case "ChooseRequest.action" -> "cancel";
      case "Resolution.resolution" -> "dismissed";
      case "Resolution.note" -> "Mapped the practitioner since";
      case "CancelRequest.reason" -> "The patient is unwell";
      case "CancelRequest.cancelledBy" -> "the patient, by phone";
      case "TimeWindow.day" -> "TUESDAY";
      case "AssignRequest.assignee" -> "me";
      case "WeeklyHoursDetails.day" -> "MONDAY";
      case "RuleRequest.questionnaire", "SendRequest.questionnaire" -> questionnaireCode;
      case "RuleRequest.patients" -> "returning";
      case "RuleRequest.remindBefore" -> "P2D";
      case "NewStaffUser.email" -> "suite-" + Tags.letters() + "@clinic.example";
      case "NewStaffUser.displayName", "StaffUserChanges.displayName" -> "Suite " + Tags.letters();
      case "NewStaffUser.locale", "StaffUserChanges.locale" -> "fr";
      case "NewStaffUser.password", "NewPassword.password" ->
          "a suite passphrase " + Tags.letters();
      case "WeeklyHoursDetails.starts", "TimeWindow.starts", "Hours.starts" -> "09:00";
      case "WeeklyHoursDetails.ends", "TimeWindow.ends", "Hours.ends" -> "12:00";
      default -> byType(field, name, type);
    };
  }

  private Object byType(String field, String name, Class<?> type) {
    if (type == UUID.class) {
      return switch (name) {
        case "locationId", "locationIds" -> location.id().toString();
        case "providerId", "providerIds" -> provider.id().toString();
        case "appointmentTypeId" -> type().id().toString();
        case "dependentId", "survivorId", "duplicateId", "patientId" -> newPatient();
        default ->
            throw new IllegalStateException(
                "The bad-input suite knows no valid id for "
                    + field
                    + ": add one to SuiteFixture#value");
      };
    }
    if (type == String.class) {
      return "Sample";
    }
    if (type == byte[].class) {
      // A body taken as raw bytes (a provider's signed webhook): a JSON object, as they send.
      return Map.of("object", "whatsapp_business_account", "entry", List.of());
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return 0;
    }
    if (type == Boolean.class || type == boolean.class) {
      return true;
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    if (type == LocalDate.class) {
      return TODAY.plusDays(30).toString();
    }
    if (type == LocalTime.class) {
      return "10:00";
    }
    if (type == java.time.Duration.class) {
      return "PT3H";
    }
    if (type == Map.class) {
      // A follow-up's words by language.
      return Map.of("fr", "Pensez à prendre rendez-vous pour votre contrôle.");
    }
    if (type == OffsetDateTime.class) {
      return freeTime().toString();
    }
    if (type == java.time.Instant.class) {
      return TODAY.plusDays(3).atStartOfDay(PARIS).toInstant().toString();
    }
    throw new IllegalStateException(
        "The bad-input suite cannot fill " + field + " of type " + type.getSimpleName());
  }

  private AppointmentType type() {
    return type;
  }
}
