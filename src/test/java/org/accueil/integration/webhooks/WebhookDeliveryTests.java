package org.accueil.integration.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.Outbox;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages delivered to a real receiver on 127.0.0.1: signed so that a check written from the
 * specification accepts them, retried on Standard Webhooks' schedule on a clock the test moves, and
 * the endpoint disabled, with the practice alerted, when the schedule runs out or the receiver
 * answers 410 Gone.
 *
 * <p>A booking goes through the outbox's own dispatcher; the retry schedule is played attempt by
 * attempt on messages made here and handed to {@link WebhookDestination} as the {@code
 * OutboxDestination} contract says a dispatcher does, so the clock the test moves decides.
 */
@AccueilTest
@RecordApplicationEvents
class WebhookDeliveryTests {

  static final Instant NOW = Instant.parse("2027-03-01T06:00:00Z"); // Monday 07:00 in Paris

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired Outbox outbox;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;
  @Autowired WebhookDestination destination;
  @Autowired ApplicationEvents events;

  final JsonMapper json = JsonMapper.builder().build();
  final Logger logger = (Logger) LoggerFactory.getLogger(WebhookEndpoints.class);
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  Receiver receiver;
  Endpoints endpoints;
  ClinicFixture clinic;

  @BeforeEach
  void receiverAndClinic() {
    clock.set(NOW);
    receiver = Receiver.start();
    endpoints = new Endpoints(api, jdbc);
    clinic = ClinicFixture.create(admin);
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stopThem() {
    logger.detachAppender(log);
    endpoints.removeAll();
    receiver.close();
  }

  @Test
  void aBookingReachesTheReceiverSignedSoThatItsOwnCheckAcceptsIt() throws Exception {
    var endpoint = endpoints.create(receiver.url("/hooks/accueil"), "appointment.booked");
    String appointment = book("2027-03-02T09:00:00+01:00");
    OutboxMessage message = endpoints.single(endpoint, "appointment.booked");
    clock.advance(Duration.ofSeconds(2));

    deliverAsTheDispatcherWould(message);

    assertThat(message.key()).isEqualTo("appointment:" + appointment);
    Receiver.Received received = receiver.received().getFirst();
    assertThat(receiver.received()).hasSize(1);
    assertThat(received.path()).isEqualTo("/hooks/accueil");
    assertThat(received.header("content-type")).isEqualTo("application/json");
    assertThat(received.header("webhook-id")).isEqualTo(message.idempotencyKey().toString());
    // The attempt's time, not the event's.
    assertThat(received.header("webhook-timestamp"))
        .isEqualTo(Long.toString(NOW.plusSeconds(2).getEpochSecond()));
    assertThat(received.header("webhook-signature")).startsWith("v1,").doesNotContain(" ");
    assertThat(verifies(endpoint.secret(), received, clock.instant())).isTrue();
    assertThat(verifies(WebhookSignatures.newSecret(), received, clock.instant())).isFalse();
    byte[] altered = received.text().replace("booked", "cancel").getBytes();
    assertThat(
            Consumer.verify(
                endpoint.secret(),
                received.header("webhook-id"),
                received.header("webhook-timestamp"),
                received.header("webhook-signature"),
                altered,
                clock.instant()))
        .isFalse();
    assertThat(verifies(endpoint.secret(), received, clock.instant().plusSeconds(600)))
        .as("a replay ten minutes later")
        .isFalse();

    JsonNode body = json.readTree(received.text());
    JsonNode booked = api.get("/api/v1/appointments/" + appointment).body();
    assertThat(body.get("type").asString()).isEqualTo("appointment.booked");
    assertThat(body.get("timestamp").asString()).isEqualTo(NOW.toString());
    JsonNode data = body.get("data");
    assertThat(data.get("appointmentId").asString()).isEqualTo(appointment);
    assertThat(data.get("patientId").asString()).isEqualTo(booked.get("patientId").asString());
    assertThat(data.get("providerId").asString()).isEqualTo(clinic.provider.id().toString());
    assertThat(data.get("appointmentTypeId").asString())
        .isEqualTo(clinic.consultation.id().toString());
    assertThat(data.get("locationId").asString()).isEqualTo(clinic.site.id().toString());
    assertThat(data.get("start").asString()).isEqualTo("2027-03-02T08:00:00Z");
    assertThat(data.get("end").asString()).isEqualTo("2027-03-02T08:30:00Z");
    assertThat(data.get("timeZone").asString()).isEqualTo("Europe/Paris");
    assertThat(data.get("status").asString()).isEqualTo("booked");
    assertThat(data.get("source").asString()).isEqualTo(booked.get("source").asString());

    var logged = api.get("/api/v1/webhooks/" + endpoint.id() + "/deliveries").body().get(0);
    assertThat(logged.get("statusCode").asInt()).isEqualTo(200);
    assertThat(logged.get("outcome").asString()).isEqualTo("delivered");
    assertThat(logged.get("attempt").asInt()).isEqualTo(1);
    assertThat(logged.get("eventType").asString()).isEqualTo("appointment.booked");
    assertThat(logged.get("webhookId").asString()).isEqualTo(message.idempotencyKey().toString());
    assertThat(logged.get("messageId").asLong()).isEqualTo(message.id());
    assertThat(logged.get("responseBody").asString()).isEqualTo("ok");
    assertThat(logged.get("error").isNull()).isTrue();
  }

  @Test
  void failuresAreRetriedOnTheStandardScheduleThenTheEndpointIsDisabledAndThePracticeAlerted()
      throws Exception {
    receiver.answering(500, "database down", Map.of());
    var endpoint = endpoints.create(receiver.url("/hooks/down"));
    OutboxMessage message = testEvent(endpoint);

    // The dispatcher's loop, as OutboxDestination describes it: attempt, wait the next backoff
    // step after each failure, dead-letter when the steps run out.
    List<Duration> waits = destination.backoff();
    List<Instant> attempted = new ArrayList<>();
    Delivery outcome;
    int attempt = 1;
    while (true) {
      attempted.add(clock.instant());
      outcome = destination.deliver(Endpoints.attempt(message, attempt));
      assertThat(outcome).isInstanceOf(Delivery.Retry.class);
      if (attempt > waits.size()) {
        break;
      }
      clock.advance(waits.get(attempt - 1));
      attempt++;
    }
    destination.deadLettered(
        Endpoints.attempt(message, attempt), ((Delivery.Retry) outcome).error());

    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));
    // Standard Webhooks' table: 00:00:00, 00:00:05, 00:05:05, 00:35:05, 02:35:05, 07:35:05,
    // 17:35:05, and the last at 27:35:05.
    assertThat(attempted.stream().map(t -> Duration.between(NOW, t)).toList())
        .containsExactly(
            Duration.ZERO,
            Duration.parse("PT5S"),
            Duration.parse("PT5M5S"),
            Duration.parse("PT35M5S"),
            Duration.parse("PT2H35M5S"),
            Duration.parse("PT7H35M5S"),
            Duration.parse("PT17H35M5S"),
            Duration.parse("PT27H35M5S"));
    List<Receiver.Received> received = receiver.received();
    assertThat(received).hasSize(8);
    for (int i = 0; i < 8; i++) {
      Receiver.Received r = received.get(i);
      assertThat(r.header("webhook-id")).isEqualTo(message.idempotencyKey().toString());
      assertThat(Endpoints.seconds(r.header("webhook-timestamp")))
          .isEqualTo(attempted.get(i).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      assertThat(verifies(endpoint.secret(), r, attempted.get(i))).isTrue();
      assertThat(r.body()).isEqualTo(received.getFirst().body());
    }

    var disabled = api.get("/api/v1/webhooks/" + endpoint.id());
    assertThat(disabled.body().get("enabled").asBoolean()).isFalse();
    assertThat(disabled.string("disabledReason"))
        .contains("webhook.test", "failed 8 times over 27 h 35 min", "HTTP 500");
    assertThat(events.stream(WebhookEndpointDisabled.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.endpoint()).isEqualTo(endpoint.id());
              assertThat(e.url()).isEqualTo(receiver.url("/hooks/down"));
            });
    assertThat(log.list)
        .filteredOn(e -> e.getLevel() == Level.ERROR)
        .extracting(ILoggingEvent::getFormattedMessage)
        .singleElement()
        .satisfies(m -> assertThat(m).contains(endpoint.id().toString(), "is disabled"));

    JsonNode log = api.get("/api/v1/webhooks/" + endpoint.id() + "/deliveries").body();
    assertThat(log.size()).isEqualTo(8);
    for (int i = 0; i < 8; i++) {
      JsonNode entry = log.get(i);
      assertThat(entry.get("attempt").asInt()).isEqualTo(8 - i);
      assertThat(entry.get("statusCode").asInt()).isEqualTo(500);
      assertThat(entry.get("outcome").asString()).isEqualTo("retry");
      assertThat(entry.get("error").asString()).isEqualTo("HTTP 500");
      assertThat(entry.get("responseBody").asString()).isEqualTo("database down");
    }

    // Nothing more goes to a disabled endpoint, and its other rows dead-letter at once.
    receiver.answering(200);
    assertThat(destination.deliver(Endpoints.attempt(message, 1)))
        .isInstanceOf(Delivery.Failed.class);
    assertThat(receiver.received()).hasSize(8);
    assertThat(api.post("/api/v1/webhooks/" + endpoint.id() + "/test", Map.of()).status())
        .isEqualTo(409);
  }

  @Test
  void goneDisablesTheEndpointAtOnce() {
    receiver.answering(410, "unsubscribed", Map.of());
    var endpoint = endpoints.create(receiver.url("/hooks/gone"));
    OutboxMessage message = testEvent(endpoint);

    Delivery outcome = destination.deliver(message);
    destination.deadLettered(message, ((Delivery.Failed) outcome).error());

    assertThat(outcome).isInstanceOf(Delivery.Failed.class);
    var disabled = api.get("/api/v1/webhooks/" + endpoint.id());
    assertThat(disabled.body().get("enabled").asBoolean()).isFalse();
    assertThat(disabled.string("disabledReason")).contains("410 Gone");
    assertThat(events.stream(WebhookEndpointDisabled.class)).hasSize(1);
    assertThat(destination.deliver(Endpoints.attempt(message, 2)))
        .isInstanceOf(Delivery.Failed.class);
    assertThat(receiver.received()).hasSize(1);

    var enabled = api.post("/api/v1/webhooks/" + endpoint.id() + "/enable", Map.of());
    assertThat(enabled.body().get("enabled").asBoolean()).isTrue();
  }

  @Test
  void aRedirectIsNotFollowed() {
    receiver.answering(302, "", Map.of("Location", receiver.url("/elsewhere")));
    var endpoint = endpoints.create(receiver.url("/hooks/moved"));

    Delivery outcome = destination.deliver(testEvent(endpoint));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Delivery.Retry.class,
            retry ->
                assertThat(retry.error())
                    .contains("HTTP 302", receiver.url("/elsewhere"), "not followed"));
    assertThat(receiver.received())
        .extracting(Receiver.Received::path)
        .containsExactly("/hooks/moved");
  }

  @Test
  void retryAfterCanDelayTheNextAttemptButNeverHastenIt() {
    var endpoint = endpoints.create(receiver.url("/hooks/busy"));
    OutboxMessage message = testEvent(endpoint);

    receiver.answering(429, "slow down", Map.of("Retry-After", "3600"));
    Delivery later = destination.deliver(message);
    receiver.answering(503, "", Map.of("Retry-After", "1"));
    Delivery sooner = destination.deliver(message);

    assertThat(later).isEqualTo(new Delivery.Retry("HTTP 429", Duration.ofHours(1)));
    assertThat(sooner).isEqualTo(new Delivery.Retry("HTTP 503", null));
  }

  @Test
  void anUnreachableEndpointIsRetriedAndLoggedWithoutAStatus() {
    var endpoint = endpoints.create(receiver.url("/hooks/off"));
    OutboxMessage message = testEvent(endpoint);
    receiver.close();

    Delivery outcome = destination.deliver(message);

    assertThat(outcome).isInstanceOf(Delivery.Retry.class);
    JsonNode entry = api.get("/api/v1/webhooks/" + endpoint.id() + "/deliveries").body().get(0);
    assertThat(entry.get("statusCode").isNull()).isTrue();
    assertThat(entry.get("outcome").asString()).isEqualTo("retry");
    assertThat(entry.get("error").asString()).isNotBlank();
  }

  @Test
  void afterARotationBothSecretsSignForADayThenOnlyTheNewOne() throws Exception {
    var endpoint = endpoints.create(receiver.url("/hooks/rotating"));
    String rotated =
        api.post("/api/v1/webhooks/" + endpoint.id() + "/rotate-secret", Map.of()).string("secret");
    OutboxMessage message = testEvent(endpoint);

    destination.deliver(message);
    clock.advance(Duration.ofHours(25));
    destination.deliver(Endpoints.attempt(message, 2));

    Receiver.Received during = receiver.received().get(0);
    Receiver.Received after = receiver.received().get(1);
    assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
    assertThat(verifies(rotated, during, NOW)).isTrue();
    assertThat(verifies(endpoint.secret(), during, NOW)).isTrue();
    assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
    assertThat(verifies(rotated, after, clock.instant())).isTrue();
    assertThat(verifies(endpoint.secret(), after, clock.instant())).isFalse();
  }

  @Test
  void eachEndpointGetsWhatItSubscribedToAndADisabledOneNothing() {
    var bookings = endpoints.create(receiver.url("/b"), "appointment.booked");
    var cancellations = endpoints.create(receiver.url("/c"), "appointment.cancelled");
    var everything = endpoints.create(receiver.url("/all"));
    var paused = endpoints.create(receiver.url("/paused"));
    api.post("/api/v1/webhooks/" + paused.id() + "/disable", Map.of());

    String appointment = book("2027-03-03T10:00:00+01:00");
    api.post("/api/v1/appointments/" + appointment + "/cancel", Map.of());

    assertThat(endpoints.enqueued(bookings))
        .extracting(OutboxMessage::kind)
        .containsExactly("appointment.booked");
    assertThat(endpoints.enqueued(cancellations))
        .extracting(OutboxMessage::kind)
        .containsExactly("appointment.cancelled");
    // The booking registered its new patient first.
    assertThat(endpoints.enqueued(everything))
        .extracting(OutboxMessage::kind)
        .containsExactly("patient.created", "appointment.booked", "appointment.cancelled");
    assertThat(endpoints.enqueued(everything).subList(1, 3))
        .extracting(OutboxMessage::key)
        .containsOnly("appointment:" + appointment);
    assertThat(endpoints.enqueued(paused)).isEmpty();
  }

  @Test
  void aRefusedBookingSendsNothing() {
    var everything = endpoints.create(receiver.url("/all"));
    book("2027-03-04T10:00:00+01:00");
    int before = endpoints.enqueued(everything).size();

    var refused = api.post("/api/v1/appointments", booking("2027-03-04T10:00:00+01:00", "Other"));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(endpoints.enqueued(everything)).hasSize(before);
  }

  // --------------------------------------------------------------------------------- helpers

  /**
   * A message for the endpoint as the outbox would hand it over, made here rather than queued: the
   * test alone delivers it, attempt by attempt, even once a dispatcher runs in the context.
   */
  private OutboxMessage testEvent(Endpoints.Created endpoint) {
    return new OutboxMessage(
        -System.nanoTime(),
        endpoint.destination(),
        "test:" + endpoint.id(),
        WebhookEventTypes.TEST,
        json.writeValueAsString(
            WebhookMessage.of(
                WebhookEventTypes.TEST, clock.instant(), Map.of("endpointId", endpoint.id()))),
        java.util.UUID.randomUUID(),
        1,
        clock.instant());
  }

  /** Waits for the outbox's own dispatcher to deliver the queued row. */
  private void deliverAsTheDispatcherWould(OutboxMessage message) throws InterruptedException {
    for (int i = 0; i < 100 && receiver.received().isEmpty(); i++) {
      Thread.sleep(100);
    }
  }

  String book(String start) {
    var booked = api.post("/api/v1/appointments", booking(start, "Webhook"));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return booked.string("id");
  }

  Map<String, Object> booking(String start, String givenName) {
    return Map.of(
        "appointmentTypeId", clinic.consultation.id().toString(),
        "providerId", clinic.provider.id().toString(),
        "start", OffsetDateTime.parse(start).toString(),
        "patient",
            Map.of(
                "givenName",
                givenName,
                "familyName",
                "Receiver " + Tags.letters(),
                "birthDate",
                "1985-04-12",
                "phone",
                "+33612" + String.format("%06d", (int) (Math.random() * 1_000_000))));
  }

  static boolean verifies(String secret, Receiver.Received received, Instant now) throws Exception {
    return Consumer.verify(
        secret,
        received.header("webhook-id"),
        received.header("webhook-timestamp"),
        received.header("webhook-signature"),
        received.body(),
        now);
  }
}
