package org.accueil.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.accueil.conversations.ResponseMeasures;
import org.accueil.integration.IntegrationReview;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's measures on rows written for a day of their own (other tests' rows stay out of
 * it), and the page: figures, a chart per measure drawn in Chromium, each also a table.
 */
@AccueilTest
class DashboardPagesTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDate DAY = LocalDate.of(2020, 3, 10);

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired ResponseMeasures responses;
  @Autowired IntegrationReview integration;

  @Test
  void aRequestIsTheFirstOfTheMessagesBeforeAnAnswerAndItsWaitIsToTheFirstAnswer() {
    UUID conversation = conversation();
    // 09:00 and 09:01 the patient writes (one request), a reminder at 09:02 is no answer, the
    // assistant answers at 09:03; 10:00 another request, answered by staff at 10:30; 11:00 a
    // third, not answered yet.
    entry(conversation, "09:00", "inbound", "patient");
    entry(conversation, "09:01", "inbound", "patient");
    entry(conversation, "09:02", "outbound", "system");
    entry(conversation, "09:03", "outbound", "assistant");
    entry(conversation, "10:00", "inbound", "patient");
    entry(conversation, "10:30", "outbound", "staff");
    entry(conversation, "10:45", "outbound", "staff");
    entry(conversation, "11:00", "inbound", "patient");

    List<ResponseMeasures.Request> requests = responses.requests(DAY, DAY, PARIS);

    assertThat(requests)
        .extracting(ResponseMeasures.Request::waited, ResponseMeasures.Request::author)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Duration.ofMinutes(3), "assistant"),
            org.assertj.core.groups.Tuple.tuple(Duration.ofMinutes(30), "staff"),
            org.assertj.core.groups.Tuple.tuple(null, null));
    assertThat(requests).allMatch(r -> r.day().equals(DAY));
  }

  @Test
  void theEhrLagCountsEhrDeliveriesNotWebhooks() {
    outbox("fhir", "10:00:00", "10:00:00.250");
    outbox("hl7v2", "11:00:00", "11:00:01.500");
    outbox("webhook:" + UUID.randomUUID(), "12:00:00", "12:05:00");

    var lags =
        integration.ehrDeliveries(DAY, DAY, PARIS).stream()
            .map(IntegrationReview.Delivered::lag)
            .sorted()
            .toList();

    assertThat(lags).containsExactly(Duration.ofMillis(250), Duration.ofMillis(1500));
    assertThat(DashboardPages.percentile(lags, 50)).isEqualTo(Duration.ofMillis(250));
    assertThat(DashboardPages.percentile(lags, 95)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void theDashboardShowsItsFiguresAndDrawsEachChart() {
    Browser http = Browser.signedIn(api, "FRONT_DESK");
    var page = http.get("/app/dashboard?days=7&lang=fr");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Taux d&#39;absence", "Confirmés par le patient", "Répondu par l&#39;assistant")
        .contains("data-chart=\"{&quot;kind&quot;:&quot;bar&quot;");
    assertThat(page.header("Content-Security-Policy")).contains("style-src 'self';");

    Chromium.assumeInstalled();
    seedBookingsOverTheLastDays();
    ChromeDriver browser = Chromium.start(Chromium.LAPTOP, "en");
    try {
      Chromium.signInAsNewStaff(browser, api, List.of("ADMIN"));
      browser.get(api.baseUrl() + "/app/dashboard?lang=en");
      var wait = Chromium.waitFor(browser);
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("canvas[data-chart]"), 4));
      // Chart.js sized each canvas: the script ran under the page's policy.
      wait.until(
          d ->
              d.findElements(By.cssSelector("canvas[data-chart]")).stream()
                  .allMatch(c -> Integer.parseInt(c.getDomAttribute("width")) > 300));
      Chromium.screenshot(browser, "dashboard");
    } finally {
      browser.quit();
    }
  }

  @Autowired org.accueil.practice.PracticeAdministration admin;
  @Autowired org.accueil.patients.Patients patients;
  @Autowired org.accueil.scheduling.Appointments appointments;
  @Autowired org.accueil.testing.TestClock clock;

  /** Bookings made on each of the last ten days through several channels, for the chart. */
  void seedBookingsOverTheLastDays() {
    var clinic = org.accueil.testing.ClinicFixture.create(admin);
    var sources =
        List.of(
            org.accueil.scheduling.Source.WHATSAPP,
            org.accueil.scheduling.Source.STAFF,
            org.accueil.scheduling.Source.WEB,
            org.accueil.scheduling.Source.SMS,
            org.accueil.scheduling.Source.VOICE);
    Instant now = clock.instant();
    LocalDate firstVisitDay = LocalDate.ofInstant(now, PARIS).plusDays(20);
    try {
      int n = 0;
      for (int day = 10; day >= 1; day--) {
        clock.set(now.minus(Duration.ofDays(day)));
        for (int i = 0; i < 1 + (day * 7) % 5; i++, n++) {
          var patient =
              patients.register(
                  new org.accueil.patients.PatientDetails(
                      "Dash" + n,
                      "Board",
                      LocalDate.of(1970, 1, 1).plusDays(n),
                      null,
                      "dash-" + UUID.randomUUID() + "@example.org"));
          appointments.book(
              new org.accueil.scheduling.Commands.BookAppointment(
                  null,
                  clinic.consultation.id(),
                  clinic.provider.id(),
                  firstVisitDay
                      .plusDays(n / 16)
                      .atTime(8, 0)
                      .plusMinutes(30L * (n % 16))
                      .atZone(PARIS)
                      .toInstant(),
                  null,
                  patient.id(),
                  null,
                  null,
                  sources.get((n + day) % sources.size()),
                  "test"));
        }
      }
    } finally {
      clock.reset();
    }
  }

  UUID conversation() {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO conversation (id, pending_channel, pending_index, state, reply_token,
                                      created_at, updated_at)
            VALUES (:id, 'sms', :index, 'with_staff', :token, now(), now())
            """)
        .param("id", id)
        .param("index", id.toString().getBytes())
        .param("token", id.toString())
        .update();
    return id;
  }

  void entry(UUID conversation, String time, String direction, String author) {
    jdbc.sql(
            """
            INSERT INTO conversation_entry (id, conversation_id, at, kind, channel, direction,
                                            author)
            VALUES (:id, :conversation, :at, 'message', 'sms', :direction, :author)
            """)
        .param("id", UUID.randomUUID())
        .param("conversation", conversation)
        .param("at", java.sql.Timestamp.from(at(time)))
        .param("direction", direction)
        .param("author", author)
        .update();
  }

  void outbox(String destination, String created, String delivered) {
    jdbc.sql(
            """
            INSERT INTO integration_outbox (destination, key, kind, payload, idempotency_key,
                                            state, next_attempt_at, created_at, delivered_at)
            VALUES (:destination, 'appointment/1', 'appointment.booked', '{}', :key,
                    'delivered', :created, :created, :delivered)
            """)
        .param("destination", destination)
        .param("key", UUID.randomUUID())
        .param("created", java.sql.Timestamp.from(at(created)))
        .param("delivered", java.sql.Timestamp.from(at(delivered)))
        .update();
  }

  static Instant at(String time) {
    return DAY.atTime(java.time.LocalTime.parse(time)).atZone(PARIS).toInstant();
  }
}
