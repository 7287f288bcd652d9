package org.accueil.disruptions;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.assistant.WhatsAppPatient;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.email.MailServer;
import org.accueil.channels.email.Mailbox;
import org.accueil.channels.email.PatientMail;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.channels.whatsapp.WhatsAppTemplates;
import org.accueil.channels.whatsapp.WhatsAppTest;
import org.accueil.demo.DemoPractice;
import org.accueil.integration.EhrSandbox;
import org.accueil.notifications.Notifications;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.practice.Provider;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Demo;
import org.accueil.testing.Eventually;
import org.accueil.testing.SmsPatients;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * "Dr Johnson is ill this afternoon": the whole day of the front desk, end to end, with the real
 * components: the staff block his 14:00–16:00 through the API, six patients booked in it on three
 * channels (WhatsApp through Meta's signed webhooks, SMS through Twilio's, e-mail through a real
 * SMTP and IMAP server) get held alternatives from the assistant, answer in buttons, numbers and
 * free text, and the HAPI FHIR sandbox EHR shows every move.
 */
@AccueilTest
@Import({WhatsAppTest.Meta.class, TwilioTestConfiguration.class, MailServer.Settings.class})
@TestPropertySource(
    properties = {
      "accueil.test.assistant-answers=true",
      "accueil.test.notifications=true",
      "accueil.integration.fhir.enabled=true",
      "accueil.integration.fhir.create-missing-practitioners=true",
      "accueil.integration.fhir.polling.enabled=false",
      "accueil.integration.fhir.subscription.enabled=false",
      "accueil.integration.fhir.reconciliation.enabled=false",
      "accueil.integration.fhir.read-timeout=5s",
      // The tests run the pass themselves, at the moments they choose.
      "accueil.disruptions.pass-interval=1h"
    })
// The clock only moves forward across the tests (each a later Tuesday): a delivery to the EHR a
// later test left to retry must not hold up an earlier day's.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisruptionJourneyTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final String OUR_APPOINTMENTS = "https://accueil.health/sid/appointment";

  @DynamicPropertySource
  static void ehr(DynamicPropertyRegistry registry) {
    registry.add("accueil.integration.fhir.base-url", () -> EhrSandbox.shared().baseUrl());
  }

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired Demo demo;
  @Autowired Patients patients;
  @Autowired Appointments appointments;
  @Autowired Disruptions disruptions;
  @Autowired Notifications notifications;
  @Autowired ChannelInbox inbox;
  @Autowired ChannelOutbox outbox;
  @Autowired MetaRecorder meta;
  @Autowired TwilioRecorder twilio;
  @Autowired TwilioWebhookClient twilioWebhooks;
  @Autowired Mailbox mailbox;
  @Autowired WhatsAppTemplates templates;

  MailServer mail = MailServer.get();
  DemoPractice practice;
  Provider johnson;

  @BeforeEach
  void theDemoPractice() throws Exception {
    mail.reset();
    practice = demo.practice();
    johnson = practice.drJohnson();
    templates.save(
        new WhatsAppTemplates.Template(
            "accueil_appointment_disruption",
            "fr",
            "appointment-disruption",
            "{{2}} : désolés, votre rendez-vous du {{1}} ne peut pas avoir lieu comme prévu."
                + " Horaires réservés pour vous jusqu'à {{4}} : {{3}}. Répondez par le numéro de"
                + " votre choix, un autre jour et heure, ou ANNULER.",
            "utility"));
  }

  /** A Tuesday well ahead (Dr Johnson sees patients 13:00–18:00, Dr Chen and Dr Smith too). */
  static LocalDate tuesday(int weeks) {
    LocalDate d = LocalDate.of(2027, 11, 2).plusWeeks(weeks);
    assertThat(d.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.TUESDAY);
    return d;
  }

  @Test
  @Order(1)
  void drJohnsonIllFromTwoToFourSixPatientsOnThreeChannelsAreRebookedCancelledOrCalled()
      throws Exception {
    LocalDate day = tuesday(0);
    clock.setParis(day.minusDays(1).atTime(9, 0));

    // Six patients booked with Dr Johnson between 14:00 and 16:00: two on WhatsApp, two by SMS,
    // two by e-mail.
    Patient wa1 = register("fr", Channel.WHATSAPP, true);
    Patient wa2 = register("fr", Channel.WHATSAPP, true);
    Patient sms1 = register("en", Channel.SMS, true);
    Patient sms2 = register("fr", Channel.SMS, true);
    Patient mail1 = register("it", Channel.EMAIL, false);
    Patient mail2 = register("fr", Channel.EMAIL, false);
    List<Patient> six = List.of(wa1, wa2, sms1, sms2, mail1, mail2);
    int[][] times = {{14, 0}, {14, 15}, {14, 45}, {15, 0}, {15, 15}, {15, 30}};
    List<Appointment> booked = new ArrayList<>();
    // The first booking's push makes Dr Johnson's practitioner in the EHR; the others follow it
    // (six pushes at once would race to make him, and the EHR refuses one of two conditional
    // creates).
    booked.add(book(six.getFirst(), day.atTime(times[0][0], times[0][1])));
    Eventually.await(
        () -> ehrAppointment(booked.getFirst().id()).isPresent(), Duration.ofSeconds(30), "pushed");
    for (int i = 1; i < 6; i++) {
      booked.add(book(six.get(i), day.atTime(times[i][0], times[i][1])));
    }
    // Every booking reached the EHR.
    for (Appointment a : booked) {
      Eventually.await(
          () -> ehrAppointment(a.id()).isPresent(), Duration.ofSeconds(30), "pushed " + a.id());
    }
    settle();

    // 08:30: the first WhatsApp patient asks something (her 24-hour window is open); the other's
    // is not.
    clock.setParis(day.atTime(8, 30));
    whatsApp(wa1).writes("Bonjour");
    int waBefore1 = meta.requestsTo(wa1.phone().substring(1)).size();
    int waBefore2 = meta.requestsTo(wa2.phone().substring(1)).size();

    // 09:00: the front desk blocks his afternoon.
    clock.setParis(day.atTime(9, 0));
    var blocked =
        api.post(
            "/api/v1/disruptions",
            Map.of(
                "providerId", johnson.id().value(),
                "start", day.atTime(14, 0).atZone(PARIS).toOffsetDateTime().toString(),
                "end", day.atTime(16, 0).atZone(PARIS).toOffsetDateTime().toString(),
                "reason", "ill",
                "note", "Called in sick at 8:45"));
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(201);
    UUID disruption = UUID.fromString(blocked.string("id"));
    assertThat(blocked.body().get("patients")).hasSize(6);
    assertThat(blocked.body().get("patients").findValuesAsString("channel"))
        .containsExactlyInAnyOrder("whatsapp", "whatsapp", "sms", "sms", "email", "email");
    assertThat(blocked.body().get("patients").findValues("consent")).allMatch(c -> c.asBoolean());

    // New bookings into the window are refused at once, on every channel (the API here).
    var refused =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId", practice.type("follow-up").id().value(),
                "providerId", johnson.id().value(),
                "start", day.atTime(15, 45).atZone(PARIS).toOffsetDateTime().toString(),
                "patient",
                    Map.of(
                        "givenName",
                        "Nina",
                        "familyName",
                        "Late" + Tags.letters(),
                        "birthDate",
                        "1990-01-01",
                        "phone",
                        mobile())));
    assertThat(refused.status()).as(refused.toString()).isIn(409, 422);
    var slots =
        api.get(
            "/api/v1/slots?appointmentType="
                + practice.type("follow-up").id().value()
                + "&provider="
                + johnson.id().value()
                + "&from="
                + day
                + "&to="
                + day);
    assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
    // Free before and after the block (13:00-14:00, 16:00-18:00), nothing inside it.
    List<String> starts = slots.body().findValuesAsString("start");
    assertThat(starts).anyMatch(t -> t.contains("T13:")).anyMatch(t -> t.contains("T16:"));
    assertThat(starts).noneMatch(t -> t.contains("T14:") || t.contains("T15:"));

    // The pass reaches the six patients with held alternatives.
    disruptions.runPass();
    notifications.sendDue();
    settle();
    String offerWa1 = waitFor(() -> since(wa1, waBefore1), "disruption:");
    String offerWa2 = waitFor(() -> since(wa2, waBefore2), "disruption");
    String offerSms1 = SmsPatients.containing(inbox, outbox, twilio, sms1, "1)");
    String offerSms2 = SmsPatients.containing(inbox, outbox, twilio, sms2, "1)");
    MimeMessage offerMail1 = mailTo(mail1.email(), "1)");
    MimeMessage offerMail2 = mailTo(mail2.email(), "1)");
    assertThat(offerWa1).contains("list").contains("disruption:" + disruption);
    // Outside the 24-hour window: the practice's approved template, the times on one line.
    assertThat(offerWa2).contains("accueil_appointment_disruption").contains("1) ");
    assertThat(offerSms1).contains("can't see you").contains("2) ");
    assertThat(offerSms2).contains("ne peut pas vous recevoir");
    assertThat(offerMail1.getSubject()).contains("deve cambiare");
    assertThat(body(offerMail2)).contains("Répondez par le numéro");
    Disruptions.Progress reached = disruptions.progress(disruption);
    assertThat(reached.counts().reached()).isEqualTo(6);
    assertThat(reached.patients()).allMatch(p -> p.offers().size() >= 1);

    // WhatsApp, a tap on the list: with a colleague the same afternoon.
    AffectedPatient rowWa1 = row(disruption, booked.get(0));
    WhatsAppPatient whatsApp1 = whatsApp(wa1);
    String moved1 =
        whatsApp1.picks(OfferLines.choice(rowWa1, 1), "1) " + rowWa1.offers().getFirst().start());
    assertThat(moved1).contains("C'est fait");
    // WhatsApp, a number typed after the template.
    String moved2 = whatsApp(wa2).writes("2");
    assertThat(moved2).contains("C'est fait");
    // SMS, in free text: another day, then a number.
    SmsPatients.text(twilioWebhooks, inbox, sms1, "Can I come tomorrow morning instead?");
    String tomorrow = SmsPatients.containing(inbox, outbox, twilio, sms1, "kept for you until");
    assertThat(tomorrow).contains(dayName(day.plusDays(1), "en"));
    SmsPatients.text(twilioWebhooks, inbox, sms1, "1");
    SmsPatients.containing(inbox, outbox, twilio, sms1, "Done");
    // SMS: she cancels.
    SmsPatients.text(twilioWebhooks, inbox, sms2, "ANNULER");
    SmsPatients.containing(inbox, outbox, twilio, sms2, "annulé");
    // E-mail: a reply with the number.
    replyByMail(mail1, offerMail1, "Va bene il 1, grazie");
    mailTo(mail1.email(), "Fatto");
    // The sixth patient never answers.

    Disruptions.Progress answered = disruptions.progress(disruption);
    assertThat(answered.counts().rebooked()).as(states(answered)).isEqualTo(4);
    assertThat(answered.counts().cancelled()).isEqualTo(1);
    assertThat(answered.counts().waiting()).isEqualTo(1);

    // The deadline passes: the silent patient is on the staff's call list, the soonest first.
    AffectedPatient silent = row(disruption, booked.get(5));
    clock.set(silent.escalateAt().plusSeconds(1));
    disruptions.runPass();
    var callList = api.get("/api/v1/disruptions/call-list");
    assertThat(callList.status()).isEqualTo(200);
    assertThat(callList.body().findValuesAsString("appointmentId"))
        .contains(booked.get(5).id().value().toString());
    assertThat(callList.body().findValuesAsString("phone")).contains(mail2.phone());
    Disruptions.Progress end = disruptions.progress(disruption);
    assertThat(end.counts()).isEqualTo(new Disruptions.Counts(6, 6, 0, 4, 1, 1, 0));
    assertThat(
            jdbc.sql("SELECT state FROM conversation WHERE patient_id = :p")
                .param("p", mail2.id().value())
                .query(String.class)
                .single())
        .isEqualTo("waiting_for_staff");

    // Each patient's timeline tells the story.
    for (Patient p : six) {
      assertThat(timeline(p)).contains("disruption.offered");
    }
    assertThat(timeline(wa1)).contains("disruption.rebooked");
    assertThat(timeline(sms2)).contains("disruption.cancelled");
    assertThat(timeline(mail2)).contains("disruption.unanswered");

    // The EHR shows the moves (and the cancellation); nothing is double-booked.
    for (AffectedPatient p : end.patients()) {
      Appointment now = appointments.find(p.appointment()).orElseThrow();
      if (p.state() == AffectedPatient.State.REBOOKED) {
        assertThat(now.start()).isEqualTo(p.newStart());
        assertThat(
                now.start().isBefore(at(day, 14, 0))
                    || !now.start().isBefore(at(day, 16, 0))
                    || !now.provider().equals(johnson.id()))
            .as("moved out of the blocked time")
            .isTrue();
        Eventually.await(
            () ->
                ehrAppointment(now.id())
                    .filter(e -> e.getStart().toInstant().equals(now.start()))
                    .isPresent(),
            Duration.ofSeconds(30),
            "the EHR shows the move of " + now.id());
      }
      if (p.state() == AffectedPatient.State.CANCELLED) {
        assertThat(now.status()).isEqualTo(AppointmentStatus.CANCELLED);
        Eventually.await(
            () ->
                ehrAppointment(now.id())
                    .filter(
                        e ->
                            e.getStatus()
                                == org.hl7.fhir.r4.model.Appointment.AppointmentStatus.CANCELLED)
                    .isPresent(),
            Duration.ofSeconds(30),
            "the EHR shows the cancellation of " + now.id());
      }
    }
    assertThat(overlaps()).isZero();
  }

  @Test
  @Order(2)
  void aPatientBookingTheOfferedTimeElsewhereAtTheSameMomentIsRefusedAndGetsANewOffer()
      throws Exception {
    LocalDate day = tuesday(1);
    clock.setParis(day.atTime(8, 0));
    Patient affected = register("en", Channel.SMS, true);
    Appointment a = book(affected, day.atTime(14, 30));
    settle();

    UUID disruption =
        blockJohnson(
            day.atTime(14, 0),
            day.atTime(15, 0),
            Disruption.Reason.LATE,
            Disruption.Action.COLLEAGUE);
    disruptions.runPass();
    AffectedPatient offered = row(disruption, a);
    AffectedPatient.OfferedTime first = offered.offers().getFirst();

    // While the time is held, nobody else can book it: a clear refusal.
    Patient other = register("fr", Channel.SMS, true);
    BookingResult<Appointment> elsewhere = bookAt(other, first);
    assertThat(elsewhere).isInstanceOf(BookingResult.Refused.class);

    // The hold lapses (the deadline passed, the pass has not run yet); at the same moment the
    // other patient books that time and the affected patient chooses it: exactly one gets it.
    clock.set(offered.escalateAt().plusSeconds(1));
    var race = new java.util.concurrent.CyclicBarrier(2);
    var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    var otherBooking =
        threads.submit(
            () -> {
              await(race);
              return bookAt(other, first);
            });
    var choice =
        threads.submit(
            () -> {
              await(race);
              return disruptions.take(disruption, a.id(), first.position(), "patient");
            });
    threads.shutdown();
    BookingResult<Appointment> theOther =
        otherBooking.get(30, java.util.concurrent.TimeUnit.SECONDS);
    ReplyOutcome theAffected = choice.get(30, java.util.concurrent.TimeUnit.SECONDS);
    boolean otherWon = theOther instanceof BookingResult.Success;
    boolean affectedWon = theAffected instanceof ReplyOutcome.Moved;
    assertThat(otherWon ^ affectedWon).as(theOther + " / " + theAffected).isTrue();
    if (otherWon) {
      // The patient is told the time was just taken and offered new ones, held for them.
      assertThat(theAffected).isInstanceOf(ReplyOutcome.Offered.class);
      ReplyOutcome.Offered again = (ReplyOutcome.Offered) theAffected;
      assertThat(again.taken()).isTrue();
      assertThat(again.patient().offers())
          .isNotEmpty()
          .noneMatch(o -> o.start().equals(first.start()) && o.provider().equals(first.provider()));
      assertThat(row(disruption, a).rounds()).isEqualTo(2);
    } else {
      assertThat(theOther).isInstanceOf(BookingResult.Refused.class);
    }

    // And through the conversation: the taken time's refusal and the new offer, by SMS.
    if (affectedWon) {
      return;
    }
    SmsPatients.text(twilioWebhooks, inbox, affected, "1");
    String answer = SmsPatients.containing(inbox, outbox, twilio, affected, "Done");
    assertThat(answer).contains("Done");
    assertThat(overlaps()).isZero();
  }

  @Test
  @Order(3)
  void aTimeTakenJustBeforeThePatientChoosesItGetsARefusalAndANewOfferInTheConversation()
      throws Exception {
    LocalDate day = tuesday(2);
    clock.setParis(day.atTime(8, 0));
    Patient affected = register("fr", Channel.SMS, true);
    Appointment a = book(affected, day.atTime(15, 0));
    settle();
    UUID disruption =
        blockJohnson(
            day.atTime(14, 30),
            day.atTime(15, 30),
            Disruption.Reason.EMERGENCY,
            Disruption.Action.SAME_PROVIDER);
    disruptions.runPass();
    notifications.sendDue();
    SmsPatients.containing(inbox, outbox, twilio, affected, "1)");
    AffectedPatient offered = row(disruption, a);
    AffectedPatient.OfferedTime first = offered.offers().getFirst();
    assertThat(first.provider()).isEqualTo(johnson.id());

    // The hold lapsed and someone else took that time first.
    clock.set(offered.escalateAt().plusSeconds(1));
    assertThat(bookAt(register("fr", Channel.SMS, true), first))
        .isInstanceOf(BookingResult.Success.class);

    SmsPatients.text(twilioWebhooks, inbox, affected, "1");
    String answer = SmsPatients.containing(inbox, outbox, twilio, affected, "vient d'être pris");
    assertThat(answer).contains("1)");
    AffectedPatient again = row(disruption, a);
    assertThat(again.state()).isEqualTo(AffectedPatient.State.OFFERED);
    assertThat(again.offers()).isNotEmpty().noneMatch(o -> o.start().equals(first.start()));
    assertThat(overlaps()).isZero();
  }

  // ------------------------------------------------------------------------------- helpers

  private Patient register(String language, Channel preferred, boolean phone) {
    String tag = Tags.letters();
    return patients.register(
        new PatientDetails(
            "Pat" + tag,
            "Ient" + tag,
            LocalDate.of(1975, 5, 6),
            phone || preferred == Channel.EMAIL ? mobile() : null,
            preferred == Channel.EMAIL ? tag.toLowerCase() + "@patients.test" : null,
            null,
            null,
            null,
            language,
            preferred,
            null));
  }

  /** Dr Johnson blocked through the facade, his patients to be contacted by the next pass. */
  private UUID blockJohnson(
      LocalDateTime from, LocalDateTime to, Disruption.Reason reason, Disruption.Action action) {
    return disruptions
        .block(
            new Disruptions.Block(
                johnson.id(),
                from.atZone(PARIS).toOffsetDateTime(),
                to.atZone(PARIS).toOffsetDateTime(),
                reason,
                null,
                action,
                true,
                "test"))
        .disruption()
        .id();
  }

  private static String mobile() {
    return "+3366" + (1000000 + (int) (Math.random() * 8999999));
  }

  private Appointment book(Patient p, LocalDateTime at) {
    var result =
        appointments.book(
            new BookAppointment(
                null,
                practice.type("follow-up").id(),
                johnson.id(),
                at.atZone(PARIS).toInstant(),
                null,
                p.id(),
                null,
                false,
                Source.STAFF,
                "test"));
    assertThat(result).as(String.valueOf(result)).isInstanceOf(BookingResult.Success.class);
    return ((BookingResult.Success<Appointment>) result).value();
  }

  private BookingResult<Appointment> bookAt(Patient p, AffectedPatient.OfferedTime time) {
    return appointments.book(
        new BookAppointment(
            null,
            practice.type("follow-up").id(),
            time.provider(),
            time.start(),
            null,
            p.id(),
            null,
            false,
            Source.API,
            "test"));
  }

  private static void await(java.util.concurrent.CyclicBarrier barrier) {
    try {
      barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private AffectedPatient row(UUID disruption, Appointment a) {
    return disruptions.row(disruption, a.id()).orElseThrow();
  }

  private WhatsAppPatient whatsApp(Patient p) {
    return new WhatsAppPatient(api, clock, jdbc, inbox, outbox, meta, p.phone());
  }

  private String since(Patient p, int before) {
    List<MetaRecorder.Request> all = meta.requestsTo(p.phone().substring(1));
    return String.join(
        "\n",
        all.subList(Math.min(before, all.size()), all.size()).stream()
            .map(MetaRecorder.Request::body)
            .toList());
  }

  private String waitFor(java.util.function.Supplier<String> what, String words) {
    for (int i = 0; i < 600; i++) {
      inbox.handlePending();
      outbox.sendPending();
      String text = what.get();
      if (text.contains(words)) {
        return text;
      }
      sleep(25);
    }
    throw new AssertionError("Nothing with " + words + ": " + what.get());
  }

  /** What is queued goes out, and what the EHR or the channels owe is done. */
  private void settle() {
    notifications.sendDue();
    for (int i = 0; i < 5; i++) {
      outbox.sendPending();
      inbox.handlePending();
    }
  }

  private MimeMessage mailTo(String address, String words) throws Exception {
    for (int i = 0; i < 600; i++) {
      outbox.sendPending();
      for (MimeMessage m : mail.greenMail.getReceivedMessages()) {
        if (recipients(m).contains(address) && body(m).contains(words)) {
          return m;
        }
      }
      sleep(25);
    }
    List<String> got = new ArrayList<>();
    for (MimeMessage m : mail.greenMail.getReceivedMessages()) {
      if (recipients(m).contains(address)) {
        got.add(m.getSubject() + ": " + body(m));
      }
    }
    throw new AssertionError("No mail to " + address + " with " + words + " among " + got);
  }

  private static List<String> recipients(MimeMessage m) throws Exception {
    List<String> to = new ArrayList<>();
    Address[] all = m.getRecipients(Message.RecipientType.TO);
    if (all != null) {
      for (Address a : all) {
        to.add(((InternetAddress) a).getAddress());
      }
    }
    return to;
  }

  private static String body(MimeMessage m) throws Exception {
    Object content = m.getContent();
    if (content instanceof jakarta.mail.Multipart parts) {
      return String.valueOf(parts.getBodyPart(0).getContent());
    }
    return String.valueOf(content);
  }

  private void replyByMail(Patient p, MimeMessage to, String text) throws Exception {
    String replyTo = ((InternetAddress) to.getReplyTo()[0]).getAddress();
    mail.deliverToClinic(
        PatientMail.from(p.email(), p.givenName())
            .to(replyTo)
            .header("In-Reply-To", to.getMessageID())
            .text(text)
            .build());
    mailbox.readNew();
    for (int i = 0; i < 5; i++) {
      inbox.handlePending();
      outbox.sendPending();
    }
  }

  private List<String> timeline(Patient p) {
    return jdbc.sql(
            """
            SELECT e.event FROM conversation_entry e JOIN conversation c
                ON c.id = e.conversation_id
             WHERE c.patient_id = :p AND e.event IS NOT NULL
            """)
        .param("p", p.id().value())
        .query(String.class)
        .list();
  }

  private Optional<org.hl7.fhir.r4.model.Appointment> ehrAppointment(AppointmentId id) {
    IGenericClient fhir = EhrSandbox.shared().client();
    Bundle found =
        fhir.search()
            .forResource(org.hl7.fhir.r4.model.Appointment.class)
            .where(
                org.hl7.fhir.r4.model.Appointment.IDENTIFIER
                    .exactly()
                    .systemAndCode(OUR_APPOINTMENTS, id.value().toString()))
            .returnBundle(Bundle.class)
            .execute();
    return found.getEntry().stream()
        .map(e -> (org.hl7.fhir.r4.model.Appointment) e.getResource())
        .findFirst();
  }

  /** Booked appointments of one provider, or of one patient, that overlap: never any. */
  private int overlaps() {
    return jdbc.sql(
            """
            SELECT count(*) FROM appointment a JOIN appointment b ON a.id < b.id
             WHERE a.status IN ('booked', 'pending') AND b.status IN ('booked', 'pending')
               AND (a.provider_id = b.provider_id OR a.patient_id = b.patient_id)
               AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
            """)
        .query(Integer.class)
        .single();
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(LocalTime.of(hour, minute)).atZone(PARIS).toInstant();
  }

  private static String dayName(LocalDate day, String language) {
    return day.getDayOfWeek()
        .getDisplayName(
            java.time.format.TextStyle.SHORT, java.util.Locale.forLanguageTag(language));
  }

  private static String states(Disruptions.Progress p) {
    return p.patients().stream().map(r -> r.state() + "/" + r.rounds()).toList().toString();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String firstMatch(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group() : "";
  }
}
