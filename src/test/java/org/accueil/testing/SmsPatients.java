package org.accueil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Patients reached by text message, for the tests of what Accueil sends on its own (reminders,
 * forms, rating questions): registered with a mobile number of their own, booked at the test
 * clinic, and the texts Twilio's stand-in received for them, waited for.
 */
public final class SmsPatients {

  private SmsPatients() {}

  /** A new patient with a French mobile number of their own, who prefers {@code preferred}. */
  public static Patient register(Patients patients, String language, Channel preferred) {
    String mobile = "+3365" + (1000000 + (int) (Math.random() * 8999999));
    return patients.register(
        new PatientDetails(
            "Test",
            "Patient" + Tags.letters(),
            LocalDate.of(1980, 2, 3),
            mobile,
            null,
            null,
            null,
            null,
            language,
            preferred,
            null));
  }

  /** A consultation at {@code clinic} for {@code patient}, which must succeed. */
  public static Appointment book(
      Appointments appointments,
      ClinicFixture clinic,
      Patient patient,
      Instant start,
      @Nullable Boolean newPatient,
      Source source) {
    var result =
        appointments.book(
            new BookAppointment(
                null,
                clinic.consultation.id(),
                clinic.provider.id(),
                start,
                null,
                patient.id(),
                null,
                newPatient,
                source,
                "test"));
    assertThat(result).as(String.valueOf(result)).isInstanceOf(BookingResult.Success.class);
    return ((BookingResult.Success<Appointment>) result).value();
  }

  /** The texts the patient received, in order. */
  public static List<String> bodies(TwilioRecorder twilio, Patient p) {
    return twilio.sentTo(p.phone()).stream().map(r -> r.form().get("Body")).toList();
  }

  /**
   * The text the patient received that contains {@code words}, once it came: what is queued is sent
   * (and what came in handled) meanwhile, for up to 30 s.
   */
  public static String containing(
      ChannelInbox inbox, ChannelOutbox outbox, TwilioRecorder twilio, Patient p, String words) {
    for (int i = 0; i < 1500; i++) {
      inbox.handlePending();
      outbox.sendPending();
      Optional<String> found =
          bodies(twilio, p).stream().filter(b -> b.contains(words)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("No text with \"" + words + "\" among " + bodies(twilio, p));
  }

  /**
   * Moves the clock to {@code paris} once every text queued for now went out: a send in flight when
   * the clock jumps a day would see its lease expired and be sent again by another worker (at least
   * once, as the channels promise; a clock never jumps so in production).
   */
  public static void sendQueuedThenMoveTo(
      ChannelOutbox outbox, JdbcClient jdbc, TestClock clock, LocalDateTime paris) {
    for (int i = 0; i < 1500; i++) {
      outbox.sendPending();
      Integer queued =
          jdbc.sql(
                  """
                  SELECT count(*) FROM channel_outbound
                   WHERE status = 'queued' AND (next_attempt_at <= :now OR claimed_until > :now)
                  """)
              .param("now", clock.instant().atOffset(ZoneOffset.UTC))
              .query(Integer.class)
              .single();
      if (queued == 0) {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    clock.setParis(paris);
  }

  /**
   * The patient texts {@code body} to the practice's number, as Twilio posts it; handled at once.
   */
  public static void text(TwilioWebhookClient twilio, ChannelInbox inbox, Patient p, String body) {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    var answer =
        twilio.post(
            "/channels/twilio/sms",
            Map.of(
                "SmsMessageSid",
                sid,
                "NumMedia",
                "0",
                "SmsSid",
                sid,
                "Body",
                body,
                "To",
                TwilioTestConfiguration.SMS_NUMBER,
                "MessageSid",
                sid,
                "AccountSid",
                TwilioTestConfiguration.ACCOUNT_SID,
                "From",
                p.phone(),
                "ApiVersion",
                "2010-04-01"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    inbox.handlePending();
  }
}
