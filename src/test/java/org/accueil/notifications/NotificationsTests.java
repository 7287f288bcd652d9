package org.accueil.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.assistant.AssistantTest;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.channels.whatsapp.MetaWebhooks;
import org.accueil.channels.whatsapp.WebhookSignature;
import org.accueil.channels.whatsapp.WhatsAppTemplates;
import org.accueil.channels.whatsapp.WhatsAppTest;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Attendance;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.JoinWaitlist;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.SmsPatients;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Confirmations, reminders and replies, with a clock the test moves: each message at its time,
 * outside quiet hours, moved with its appointment, dropped with it, on the day daylight saving
 * changes; and a patient's "OUI" confirming the appointment the reminder was about.
 */
@AssistantTest
class NotificationsTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired javax.sql.DataSource dataSource;
  @Autowired PracticeAdministration admin;
  @Autowired Patients patients;
  @Autowired Appointments appointments;
  @Autowired Attendance attendance;
  @Autowired Notifications notifications;
  @Autowired org.accueil.scheduling.Waitlist waitlist;
  @Autowired ChannelOutbox outbox;
  @Autowired ChannelInbox inbox;
  @Autowired TwilioRecorder twilioApi;
  @Autowired TwilioWebhookClient twilio;
  @Autowired org.accueil.channels.whatsapp.MetaRecorder meta;
  @Autowired WhatsAppTemplates templates;
  @Autowired org.accueil.privacy.Consents consents;

  ClinicFixture clinic;

  @BeforeEach
  void aClinic() {
    // Monday 5 April 2027, 07:00: before the quiet hours end (08:00).
    clock.setParis(LocalDateTime.of(2027, 4, 5, 7, 0));
    clinic = ClinicFixture.create(admin);
  }

  /**
   * What this test queued goes before the next test moves the clock back: a message queued under a
   * later clock would otherwise wait in the shared queue for a time that comes back only later.
   */
  @org.junit.jupiter.api.AfterEach
  void drainTheQueue() {
    later(clock.instant().atZone(PARIS).toLocalDateTime());
  }

  @Test
  void aBookingIsConfirmedOutsideQuietHoursThenRemindedTwoDaysAndThreeHoursBefore() {
    Patient lea = patient("fr");
    Appointment a = book(lea, paris(2027, 4, 8, 10, 0), Source.STAFF);

    // Booked by the front desk at 07:00: the confirmation waits for 08:00.
    notifications.sendDue();
    assertThat(row(a, "booked").get("status")).isEqualTo("scheduled");
    assertThat(instant(row(a, "booked").get("due_at"))).isEqualTo(paris(2027, 4, 5, 8, 0));
    assertThat(twilioApi.sentTo(lea.phone())).isEmpty();
    // Two days before at the same time; three hours before would be 07:00, quiet: 08:00.
    assertThat(dues(a, "reminder"))
        .containsExactly(paris(2027, 4, 6, 10, 0), paris(2027, 4, 8, 8, 0));

    later(LocalDateTime.of(2027, 4, 5, 8, 0));
    notifications.sendDue();
    String confirmation = sms(lea, 1);
    assertThat(confirmation)
        .contains("jeudi 8 avril à 10:00")
        .contains("https://accueil.test/p/pl_")
        .doesNotContain("Consultation"); // no health detail by default

    later(LocalDateTime.of(2027, 4, 6, 10, 0));
    notifications.sendDue();
    assertThat(sms(lea, 2)).startsWith("Rappel").contains("OUI").contains("jeudi 8 avril à 10:00");

    later(LocalDateTime.of(2027, 4, 8, 8, 0));
    notifications.sendDue();
    assertThat(sms(lea, 3)).startsWith("Rappel");
    assertThat(statuses(a)).containsEntry("reminder", List.of("sent", "sent"));
  }

  @Test
  void aRescheduleBetweenTheTwoRemindersMovesTheSecondAndTellsThePatient() {
    Patient paul = patient("en");
    Appointment a = book(paul, paris(2027, 4, 8, 10, 0), Source.STAFF);
    later(LocalDateTime.of(2027, 4, 6, 10, 0));
    notifications.sendDue();
    assertThat(statuses(a).get("reminder")).containsExactlyInAnyOrder("sent", "scheduled");

    var moved =
        appointments.reschedule(
            new RescheduleAppointment(a.id(), paris(2027, 4, 9, 11, 0), null, null, "test"));
    assertThat(moved).isInstanceOf(BookingResult.Success.class);

    List<Map<String, Object>> reminders = rows(a, "reminder");
    assertThat(reminders)
        .filteredOn(r -> "cancelled".equals(r.get("status")))
        .singleElement()
        .satisfies(r -> assertThat(r.get("reason")).isEqualTo("moved"));
    // The new time's: two days before (Wednesday 11:00) and three hours before (Friday 08:00).
    assertThat(reminders.stream().filter(r -> "scheduled".equals(r.get("status"))))
        .extracting(r -> instant(r.get("due_at")))
        .containsExactlyInAnyOrder(paris(2027, 4, 7, 11, 0), paris(2027, 4, 9, 8, 0));
    notifications.sendDue();
    assertThat(smsContaining(paul, "moved to")).contains("Friday 9 April at 11:00 AM");

    // And back again: a move of its own, told and reminded as such.
    appointments.reschedule(
        new RescheduleAppointment(a.id(), paris(2027, 4, 8, 10, 0), null, null, "test"));
    assertThat(
            rows(a, "reminder").stream()
                .filter(r -> "scheduled".equals(r.get("status")))
                .map(r -> instant(r.get("due_at"))))
        .containsExactly(paris(2027, 4, 8, 8, 0));
    assertThat(rows(a, "moved")).extracting(r -> r.get("status")).hasSize(2);
  }

  @Test
  void aCancellationDropsTheRemindersAndTellsThePatient() {
    later(LocalDateTime.of(2027, 4, 5, 9, 0));
    Patient eva = patient("it");
    Appointment a = book(eva, paris(2027, 4, 8, 15, 0), Source.WEB);
    notifications.sendDue();
    assertThat(sms(eva, 1)).contains("giovedì 8 aprile alle 15:00");

    appointments.cancel(new CancelAppointment(a.id(), "patient called", "system:fhir-ehr"));
    notifications.sendDue();

    assertThat(statuses(a).get("reminder")).containsOnly("cancelled");
    assertThat(sms(eva, 2)).contains("annullato");
    later(LocalDateTime.of(2027, 4, 8, 12, 0));
    notifications.sendDue();
    assertThat(twilioApi.sentTo(eva.phone())).hasSize(2);
  }

  @Test
  void remindersKeepTheirWallClockTimeAcrossDaylightSaving() {
    later(LocalDateTime.of(2027, 3, 25, 9, 0));
    // Monday 29 March 2027, the day after clocks go forward in Paris.
    Appointment spring = book(patient("fr"), paris(2027, 3, 29, 10, 0), Source.STAFF);
    assertThat(dues(spring, "reminder"))
        .containsExactly(
            Instant.parse("2027-03-27T09:00:00Z"), // Saturday 10:00 CET, not 11:00
            paris(2027, 3, 29, 8, 0)); // 07:00 is quiet: 08:00 CEST

    later(LocalDateTime.of(2027, 10, 28, 9, 0));
    // Monday 1 November 2027, the day after clocks go back.
    Appointment autumn = book(patient("fr"), paris(2027, 11, 2, 10, 0), Source.STAFF);
    assertThat(dues(autumn, "reminder"))
        .containsExactly(
            Instant.parse("2027-10-31T09:00:00Z"), // Sunday 10:00 CET (Saturday was CEST)
            paris(2027, 11, 2, 8, 0));
    Appointment acrossTheChange = book(patient("fr"), paris(2027, 11, 1, 10, 0), Source.STAFF);
    assertThat(dues(acrossTheChange, "reminder").getFirst())
        .isEqualTo(Instant.parse("2027-10-30T08:00:00Z")); // Saturday 10:00 CEST
  }

  @Test
  void aPatientWhoBooksAtNightIsConfirmedAtOnceButNotWrittenToUnasked() {
    later(LocalDateTime.of(2027, 4, 5, 22, 30));
    Patient night = patient("fr");
    Appointment theirs = book(night, paris(2027, 4, 9, 9, 0), Source.SMS);
    Patient staffBooked = patient("fr");
    Appointment ours = book(staffBooked, paris(2027, 4, 9, 9, 30), Source.STAFF);

    notifications.sendDue();

    assertThat(row(theirs, "booked").get("status")).isEqualTo("sent");
    assertThat(sms(night, 1)).contains("vendredi 9 avril à 09:00");
    assertThat(row(ours, "booked").get("status")).isEqualTo("scheduled");
    assertThat(instant(row(ours, "booked").get("due_at"))).isEqualTo(paris(2027, 4, 6, 8, 0));
  }

  @Test
  void anEveningCancellationOfTomorrowMorningsVisitIsToldAtOnce() {
    later(LocalDateTime.of(2027, 4, 5, 18, 0));
    Patient early = patient("fr");
    Appointment a = book(early, paris(2027, 4, 6, 8, 30), Source.STAFF);
    later(LocalDateTime.of(2027, 4, 5, 21, 0));

    appointments.cancel(new CancelAppointment(a.id(), "doctor ill", "test"));
    notifications.sendDue();

    assertThat(row(a, "cancelled").get("status")).isEqualTo("sent");
    assertThat(smsContaining(early, "annulé")).contains("mardi 6 avril à 08:30");
  }

  /**
   * A sender holding the booking's confirmation (it locks the rows it sends) must not make the
   * cancellation wait: the cancelling transaction holds the appointment and the conversation the
   * sender needs, so waiting deadlocked (CI, 2026-12-06). The row it could not cancel is skipped
   * when it falls due, the sender seeing the appointment cancelled.
   */
  @Test
  void aCancellationNeverWaitsForASenderAndWhatItCouldNotCancelIsSkippedLater() throws Exception {
    later(LocalDateTime.of(2027, 4, 5, 21, 0));
    Patient pat = patient("fr");
    Appointment a = book(pat, paris(2027, 4, 6, 10, 0), Source.STAFF);
    notifications.sendDue();
    assertThat(row(a, "booked").get("status")).isEqualTo("scheduled"); // quiet hours: 08:00

    UUID held = (UUID) row(a, "booked").get("id");
    // Threads of their own: the common pool has a single thread on two cores.
    var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    var locked = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var sender =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              try (var connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (var lock =
                    connection.prepareStatement(
                        "SELECT id FROM notification WHERE id = ? FOR UPDATE")) {
                  lock.setObject(1, held);
                  lock.executeQuery().close();
                }
                locked.countDown();
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                connection.rollback();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            threads);
    try {
      assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      var cancel =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> appointments.cancel(new CancelAppointment(a.id(), "doctor ill", "test")),
              threads);
      cancel.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      release.countDown();
      sender.get(10, java.util.concurrent.TimeUnit.SECONDS);
      threads.shutdown();
    }
    assertThat(row(a, "booked").get("status")).isEqualTo("scheduled");

    later(LocalDateTime.of(2027, 4, 6, 8, 0));
    notifications.sendDue();

    assertThat(row(a, "booked").get("status")).isEqualTo("skipped");
    assertThat(row(a, "booked").get("reason")).isEqualTo("appointment cancelled");
    assertThat(row(a, "cancelled").get("status")).isEqualTo("sent");
  }

  @Test
  void remindersMissedWhileAccueilWasDownGoIfStillOfUseElseAreSkipped() {
    Patient sam = patient("en");
    Appointment a = book(sam, paris(2027, 4, 8, 16, 0), Source.STAFF);
    Patient kim = patient("en");
    Appointment b = book(kim, paris(2027, 4, 8, 9, 30), Source.STAFF);

    // Down from Monday 07:00 to Thursday 14:00.
    later(LocalDateTime.of(2027, 4, 8, 14, 0));
    notifications.sendDue();

    // a (16:00): both reminders are due; the two-day one says less than the three-hour one.
    assertThat(rows(a, "reminder"))
        .extracting(r -> r.get("status") + " " + r.get("reason"))
        .containsExactly("skipped superseded by a later reminder due too", "sent null");
    // b (09:30): past; of no use, skipped and said so.
    assertThat(rows(b, "reminder"))
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.get("status")).isEqualTo("skipped");
              assertThat((String) r.get("reason")).startsWith("too late");
            });
    assertThat(smsContaining(sam, "Reminder")).contains("4:00 PM");
  }

  @Test
  void yesByTextConfirmsTheAppointmentTheReminderWasAbout() throws Exception {
    Patient zoe = patient("fr");
    Appointment thursday = book(zoe, paris(2027, 4, 8, 10, 0), Source.STAFF);
    Appointment friday = book(zoe, paris(2027, 4, 9, 10, 0), Source.STAFF);
    later(LocalDateTime.of(2027, 4, 6, 10, 0));
    notifications.sendDue();
    later(LocalDateTime.of(2027, 4, 7, 10, 0));
    notifications.sendDue();
    assertThat(pump(zoe, 4))
        .as("%s", bodies(zoe))
        .isEqualTo(4); // two confirmations, two reminders (Friday's last)

    text(zoe, "Oui");

    assertThat(smsContaining(zoe, "confirmée")).contains("vendredi 9 avril à 10:00");
    assertThat(attendance.confirmedAt(friday.id())).isPresent();
    assertThat(attendance.confirmedAt(thursday.id())).isEmpty();
    var list = api.get("/api/v1/appointments/unconfirmed?date=2027-04-08");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().findValuesAsString("id")).contains(thursday.id().value().toString());
    var fridays = api.get("/api/v1/appointments/unconfirmed?date=2027-04-09");
    assertThat(fridays.body().findValuesAsString("id"))
        .doesNotContain(friday.id().value().toString());
  }

  @Test
  void iCannotComeLeadsToMovingOrCancelling() throws Exception {
    Patient max = patient("fr");
    Appointment a = book(max, paris(2027, 4, 8, 11, 0), Source.STAFF);
    later(LocalDateTime.of(2027, 4, 6, 11, 0));
    notifications.sendDue();
    assertThat(pump(max, 2)).isEqualTo(2);

    text(max, "Non je ne pourrai pas venir finalement");

    assertThat(smsContaining(max, "Voulez-vous déplacer"))
        .contains("annuler")
        .contains("jeudi 8 avril à 11:00");
    assertThat(attendance.confirmedAt(a.id())).isEmpty();
    assertThat(appointments.find(a.id()).orElseThrow().status())
        .isEqualTo(AppointmentStatus.BOOKED);
  }

  @Test
  void staffConfirmAPhoneCallsAnswerAndAMoveAsksAgain() {
    Patient ana = patient("fr");
    Appointment a = book(ana, paris(2027, 4, 8, 10, 0), Source.STAFF);

    var confirmed = api.post("/api/v1/appointments/" + a.id().value() + "/confirmation", Map.of());
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    assertThat(attendance.confirmedAt(a.id())).isPresent();

    appointments.reschedule(
        new RescheduleAppointment(a.id(), paris(2027, 4, 8, 14, 0), null, null, "test"));
    assertThat(attendance.confirmedAt(a.id())).isEmpty();

    appointments.cancel(new CancelAppointment(a.id(), "no", "test"));
    var refused = api.post("/api/v1/appointments/" + a.id().value() + "/confirmation", Map.of());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.string("detail")).contains("cancelled");
  }

  @Test
  void aFreedTimeIsOfferedByTextAndYesBooksIt() throws Exception {
    later(LocalDateTime.of(2027, 4, 5, 9, 0));
    Patient leaving = patient("fr");
    Appointment freed = book(leaving, paris(2027, 4, 7, 10, 0), Source.STAFF);
    Patient waiting = patient("fr");
    waitlist.join(
        new JoinWaitlist(
            waiting.id(),
            clinic.consultation.id(),
            clinic.provider.id(),
            null,
            null,
            LocalDate.of(2027, 4, 30),
            java.util.Set.of(),
            null,
            null,
            null,
            "test"));

    appointments.cancel(new CancelAppointment(freed.id(), "can't come", "test"));
    waitlist.offerFreedTime();
    notifications.sendDue();

    String offer = smsContaining(waiting, "libéré");
    assertThat(offer).contains("mercredi 7 avril à 10:00").contains("OUI");
    text(waiting, "Oui");
    assertThat(smsContaining(waiting, "est à vous")).contains("mercredi 7 avril à 10:00");
    assertThat(
            appointments
                .list(
                    new org.accueil.scheduling.Commands.AppointmentQuery(
                        paris(2027, 4, 7, 0, 0),
                        paris(2027, 4, 8, 0, 0),
                        clinic.provider.id(),
                        waiting.id(),
                        AppointmentStatus.BOOKED,
                        5))
                .stream()
                .map(Appointment::start))
        .containsExactly(paris(2027, 4, 7, 10, 0));
    var fills = api.get("/api/v1/reports/waitlist?from=2027-04-05&to=2027-04-05");
    assertThat(fills.status()).as(fills.toString()).isEqualTo(200);
    assertThat(fills.body().path("rows").get(0).path("count").asLong()).isPositive();
  }

  @Test
  void afterTheVisitItsFollowUpAfterANoShowAnOfferAndResultsByTheirPortal() {
    later(LocalDateTime.of(2027, 4, 5, 9, 0));
    var policy =
        api.put(
            "/api/v1/notifications/policy/types/" + clinic.consultation.code(),
            Map.of(
                "followUp",
                Map.of(
                    "after",
                    "P7D",
                    "text",
                    Map.of(
                        "fr",
                        "Pensez à prendre rendez-vous pour votre contrôle post-opératoire."))));
    assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
    Patient seen = patient("fr");
    Appointment visit = book(seen, paris(2027, 4, 5, 10, 0), Source.STAFF);
    Patient absent = patient("fr");
    Appointment missed = book(absent, paris(2027, 4, 5, 11, 0), Source.STAFF);

    later(LocalDateTime.of(2027, 4, 5, 11, 30));
    appointments.changeStatus(visit.id(), AppointmentStatus.FULFILLED);
    appointments.changeStatus(missed.id(), AppointmentStatus.NOSHOW);
    assertThat(instant(row(visit, "after-visit").get("due_at")))
        .isEqualTo(paris(2027, 4, 12, 10, 30));

    later(LocalDateTime.of(2027, 4, 5, 13, 30));
    notifications.sendDue();
    assertThat(smsContaining(absent, "manqué")).contains("lundi 5 avril à 11:00");
    assertThat(row(visit, "after-visit").get("status")).isEqualTo("scheduled");

    // "Oui" to "another time?": free times of the same visit with the same provider.
    text(absent, "Oui");
    assertThat(smsContaining(absent, "Dr Camille")).containsPattern("\\d{2}:\\d{2}");

    later(LocalDateTime.of(2027, 4, 12, 10, 30));
    notifications.sendDue();
    assertThat(smsContaining(seen, "contrôle post-opératoire")).contains("Répondez");

    var results =
        api.post(
            "/api/v1/notifications/results-ready",
            Map.of("patientId", seen.id().value().toString()));
    assertThat(results.status()).as(results.toString()).isEqualTo(201);
    notifications.sendDue();
    assertThat(smsContaining(seen, "résultats")).contains("https://portal.test");

    // The no-show counts against the channel its reminder went on; this one had none.
    var noShows = api.get("/api/v1/reports/no-shows?from=2027-04-05&to=2027-04-05&by=channel");
    assertThat(noShows.status()).isEqualTo(200);
    assertThat(noShows.body().path("rows").toString()).contains("\"key\":\"none\"");
    api.delete("/api/v1/notifications/policy/types/" + clinic.consultation.code());
  }

  @Test
  void onWhatsAppOutsideItsWindowTheApprovedTemplateThenSmsWhenNotAWhatsAppNumber()
      throws Exception {
    later(LocalDateTime.of(2027, 4, 5, 9, 0));
    templates.save(
        new WhatsAppTemplates.Template(
            "accueil_appointment_reminder",
            "fr",
            "appointment-reminder",
            "Rappel : votre rendez-vous le {{1}} au {{2}}. Répondez OUI pour confirmer.",
            "utility"));
    Patient wa = patient("fr", Channel.WHATSAPP);
    String digits = wa.phone().substring(1);
    Appointment a = book(wa, paris(2027, 4, 8, 10, 0), Source.STAFF);
    later(LocalDateTime.of(2027, 4, 6, 10, 0));
    notifications.sendDue();

    // Never wrote on WhatsApp: the reminder goes as the approved template, its parameters in
    // order.
    String template = awaitMeta(digits, "accueil_appointment_reminder");
    assertThat(template).contains("\"type\":\"template\"").contains("jeudi 8 avril à 10:00");

    // Meta then says the number is not on WhatsApp (131026): the reminder goes by SMS instead.
    String wamid =
        jdbc.sql(
                """
                SELECT o.provider_id FROM notification_attempt t
                  JOIN notification n ON n.id = t.notification_id
                  JOIN conversation_delivery d ON d.entry_id = t.entry_id
                  JOIN channel_outbound o ON o.reference = d.reference
                 WHERE n.appointment_id = :a AND n.kind = 'reminder' AND t.channel = 'whatsapp'
                """)
            .param("a", a.id().value())
            .query(String.class)
            .single();
    byte[] failed =
        MetaWebhooks.statuses(
                WhatsAppTest.PHONE_NUMBER_ID,
                """
                {"id":"%s","status":"failed","timestamp":"1775466000","recipient_id":"%s",
                 "errors":[{"code":131026,"title":"Message undeliverable"}]}"""
                    .formatted(wamid, digits))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var answer =
        api.anonymous()
            .with(WebhookSignature.HEADER, WebhookSignature.of(WhatsAppTest.APP_SECRET, failed))
            .post("/channels/whatsapp/webhook", "application/json", failed);
    assertThat(answer.status()).isEqualTo(200);

    assertThat(smsContaining(wa, "Rappel")).contains("jeudi 8 avril à 10:00");
    assertThat(
            jdbc.sql(
                    """
                    SELECT t.channel || ' ' || t.status FROM notification_attempt t
                      JOIN notification n ON n.id = t.notification_id
                     WHERE n.appointment_id = :a AND n.kind = 'reminder' ORDER BY t.created_at
                    """)
                .param("a", a.id().value())
                .query(String.class)
                .list())
        .hasSize(2)
        .first()
        .isEqualTo("whatsapp failed");
    var deliveries = api.get("/api/v1/reports/deliveries?from=2027-04-06&to=2027-04-06");
    assertThat(deliveries.body().toString()).contains("\"key\":\"whatsapp\"");
  }

  @Test
  void aPatientWhoSaidNoIsNotWrittenTo() {
    later(LocalDateTime.of(2027, 4, 5, 9, 0));
    Patient stop = patient("fr");
    for (var channel :
        List.of(
            org.accueil.privacy.ConsentChannel.SMS, org.accueil.privacy.ConsentChannel.WHATSAPP)) {
      consents.record(
          new org.accueil.privacy.RecordConsent(
              stop.id(),
              channel,
              org.accueil.privacy.ConsentPurpose.APPOINTMENT_MESSAGES,
              false,
              org.accueil.privacy.ConsentSource.STAFF,
              null));
    }
    Appointment a = book(stop, paris(2027, 4, 8, 10, 0), Source.STAFF);
    notifications.sendDue();

    // SMS and WhatsApp refused, no e-mail address: nobody to send it to, and said so.
    assertThat(row(a, "booked").get("status")).isEqualTo("skipped");
    assertThat(row(a, "booked").get("reason")).isEqualTo("no channel reaches the patient");
    assertThat(twilioApi.sentTo(stop.phone())).isEmpty();
  }

  // ------------------------------------------------------------------------------ helpers

  String awaitMeta(String digits, String words) throws InterruptedException {
    for (int i = 0; i < 1500; i++) {
      outbox.sendPending();
      var found =
          meta.requestsTo(digits).stream()
              .map(MetaRecorder.Request::body)
              .filter(b -> b.contains(words))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("Nothing to " + digits + " with " + words);
  }

  Patient patient(String language) {
    return patient(language, Channel.SMS);
  }

  Patient patient(String language, Channel preferred) {
    return SmsPatients.register(patients, language, preferred);
  }

  Appointment book(Patient patient, Instant start, Source source) {
    return SmsPatients.book(appointments, clinic, patient, start, null, source);
  }

  static Instant paris(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
  }

  List<Map<String, Object>> rows(Appointment a, String kind) {
    return jdbc.sql(
            "SELECT id, status, reason, due_at, channel FROM notification"
                + " WHERE appointment_id = :a AND kind = :k ORDER BY due_at")
        .param("a", a.id().value())
        .param("k", kind)
        .query()
        .listOfRows();
  }

  Map<String, Object> row(Appointment a, String kind) {
    return rows(a, kind).getFirst();
  }

  List<Instant> dues(Appointment a, String kind) {
    return rows(a, kind).stream().map(r -> instant(r.get("due_at"))).toList();
  }

  Map<String, List<String>> statuses(Appointment a) {
    Map<String, List<String>> byKind = new java.util.TreeMap<>();
    jdbc.sql("SELECT kind, status FROM notification WHERE appointment_id = :a ORDER BY due_at")
        .param("a", a.id().value())
        .query(
            (rs, n) ->
                byKind
                    .computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                    .add(rs.getString(2)))
        .list();
    return byKind;
  }

  static Instant instant(Object value) {
    return value instanceof OffsetDateTime t
        ? t.toInstant()
        : ((java.sql.Timestamp) value).toInstant();
  }

  /** Sends what is queued until {@code count} texts reached the patient; how many did. */
  int pump(Patient p, int count) throws InterruptedException {
    for (int i = 0; i < 1500 && twilioApi.sentTo(p.phone()).size() < count; i++) {
      outbox.sendPending();
      Thread.sleep(20);
    }
    return twilioApi.sentTo(p.phone()).size();
  }

  /** The {@code nth} text the patient received. */
  String sms(Patient p, int nth) {
    try {
      pump(p, nth);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<TwilioRecorder.Request> sent = twilioApi.sentTo(p.phone());
    assertThat(sent).hasSizeGreaterThanOrEqualTo(nth);
    return sent.get(nth - 1).form().get("Body");
  }

  /** Moves the clock on once every queued text went out (see SmsPatients). */
  void later(LocalDateTime paris) {
    SmsPatients.sendQueuedThenMoveTo(outbox, jdbc, clock, paris);
  }

  List<String> bodies(Patient p) {
    return SmsPatients.bodies(twilioApi, p);
  }

  /** The text the patient received that contains {@code words}, once it came. */
  String smsContaining(Patient p, String words) {
    return SmsPatients.containing(inbox, outbox, twilioApi, p, words);
  }

  void text(Patient p, String body) {
    SmsPatients.text(twilio, inbox, p, body);
  }
}
