package org.accueil.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.accueil.assistant.AssistantTest;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.patients.Channel;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.testing.SecondNode;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes of one deployment sending the same backlog at once (as after an outage, when both come
 * back with thousands due): each notification is written to the timeline and queued for its
 * provider exactly once, and every text reaches Twilio once.
 */
@AssistantTest
class NotificationsAcrossNodesTests {

  static final int PATIENTS = 30;
  static final int PER_PATIENT = 50;

  @Autowired Environment environment;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired Patients patients;
  @Autowired Notifications notifications;
  @Autowired TwilioRecorder twilioApi;

  @Test
  void aBacklogSentFromTwoNodesAtOnceGoesOutOncePerNotification() throws Exception {
    clock.reset(); // the second node runs on the real clock
    String batch = Tags.letters();
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < PATIENTS; i++) {
      String phone = "+3366" + (1000000 + (int) (Math.random() * 8999999));
      phones.add(phone);
      UUID patient =
          patients
              .register(
                  new PatientDetails(
                      "Node",
                      "Patient" + Tags.letters(),
                      LocalDate.of(1970, 1, 1),
                      phone,
                      null,
                      null,
                      null,
                      null,
                      "en",
                      Channel.SMS,
                      null))
              .id()
              .value();
      // Due a minute ago, of use for an hour; "immediate" so that quiet hours (the real clock)
      // do not hold them back.
      jdbc.sql(
              """
              INSERT INTO notification (id, kind, patient_id, dedupe_key, due_at, useful_until,
                                        status, data, created_at, updated_at)
              SELECT gen_random_uuid(), 'results-ready', :patient, :batch || ':' || :patient || ':' || n,
                     now() - interval '1 minute', now() + interval '1 hour', 'scheduled',
                     '{"immediate": true}', now(), now()
                FROM generate_series(1, :count) AS n
              """)
          .param("patient", patient)
          .param("batch", batch)
          .param("count", PER_PATIENT)
          .update();
    }
    int total = PATIENTS * PER_PATIENT;

    try (ConfigurableApplicationContext second =
        SecondNode.start(
            environment,
            "--accueil.notifications.enabled=true",
            "--accueil.notifications.results-portal-url=https://portal.test",
            "--accueil.channels.twilio.account-sid=" + TwilioTestConfiguration.ACCOUNT_SID,
            "--accueil.channels.twilio.auth-token=" + TwilioTestConfiguration.AUTH_TOKEN,
            "--accueil.channels.twilio.sms-number=" + TwilioTestConfiguration.SMS_NUMBER,
            "--accueil.channels.twilio.api-base-url=" + twilioApi.baseUrl(),
            "--accueil.channels.twilio.public-base-url="
                + TwilioTestConfiguration.PUBLIC_BASE_URL)) {
      Notifications other = second.getBean(Notifications.class);
      ExecutorService both = Executors.newFixedThreadPool(4);
      List<Callable<Integer>> passes =
          List.of(notifications::sendDue, other::sendDue, notifications::sendDue, other::sendDue);
      int sent = 0;
      int byFirst = 0;
      List<Future<Integer>> done = both.invokeAll(passes);
      for (int i = 0; i < done.size(); i++) {
        int n = done.get(i).get();
        sent += n;
        byFirst += i % 2 == 0 ? n : 0;
      }
      both.shutdown();
      // The sweeps of both nodes may have taken some too; what matters is the rows' fate.
      long scheduled = count("status = 'scheduled'", batch);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (scheduled > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        scheduled = count("status = 'scheduled'", batch);
      }
      assertThat(count("status = 'sent'", batch)).isEqualTo(total);
      assertThat(sent).as("sent by the passes the test started").isLessThanOrEqualTo(total);
      assertThat(byFirst).as("both nodes took part").isLessThan(total);
      // Once on the timeline, once in the channel's queue, per notification.
      Long entries =
          jdbc.sql(
                  """
                  SELECT count(*) FROM conversation_entry e
                    JOIN notification n ON n.id::text = e.data->>'notification'
                   WHERE n.dedupe_key LIKE :batch || ':%'
                  """)
              .param("batch", batch)
              .query(Long.class)
              .single();
      Long attempts =
          jdbc.sql(
                  """
                  SELECT count(DISTINCT a.entry_id) FROM notification_attempt a
                    JOIN notification n ON n.id = a.notification_id
                   WHERE n.dedupe_key LIKE :batch || ':%'
                  """)
              .param("batch", batch)
              .query(Long.class)
              .single();
      assertThat(entries).isEqualTo(total);
      assertThat(attempts).isEqualTo(total);
      // And at Twilio: each patient's fifty texts, no more (both nodes' workers sending).
      for (String phone : phones) {
        long deadlineSent = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (twilioApi.sentTo(phone).size() < PER_PATIENT && System.nanoTime() < deadlineSent) {
          Thread.sleep(100);
        }
      }
      Thread.sleep(500);
      for (String phone : phones) {
        assertThat(twilioApi.sentTo(phone)).as(phone).hasSize(PER_PATIENT);
      }
    }
  }

  private long count(String condition, String batch) {
    return jdbc.sql(
            "SELECT count(*) FROM notification WHERE dedupe_key LIKE :batch || ':%' AND "
                + condition)
        .param("batch", batch)
        .query(Long.class)
        .single();
  }
}
