package org.accueil.integration.webhooks;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.OutboxDestination;
import org.accueil.integration.outbox.OutboxMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox rows of every endpoint ({@code webhook:<endpoint id>}): one signed POST per
 * attempt, as Standard Webhooks has it. 2xx is delivered; 410 Gone disables the endpoint at once
 * (the receiver asked to stop); anything else is tried again on the schedule below, 4xx included (a
 * receiver deploying a new secret answers 401 for a while), and a redirect is never followed (the
 * address should be changed instead). When the schedule runs out the endpoint is disabled and the
 * practice alerted.
 */
@Component
class WebhookDestination implements OutboxDestination {

  /**
   * Standard Webhooks' schedule, as Svix runs it: the first attempt at once, then these waits, each
   * after the previous attempt failed. 8 attempts over 27 h 35 min 5 s, so a receiver down for a
   * day still gets everything.
   */
  static final List<Duration> SCHEDULE =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(10));

  /** What is read of an answer; the log keeps its first {@link DeliveryLog#RESPONSE_CHARS}. */
  private static final int RESPONSE_BYTES = 4096;

  private static final String USER_AGENT = "Accueil-Webhooks/1";

  private final EndpointRepository endpoints;
  private final WebhookEndpoints administration;
  private final DeliveryLog log;
  private final EndpointAddresses addresses;
  private final WebhooksProperties properties;
  private final Clock clock;
  private final HttpClient http;

  WebhookDestination(
      EndpointRepository endpoints,
      WebhookEndpoints administration,
      DeliveryLog log,
      EndpointAddresses addresses,
      WebhooksProperties properties,
      Clock clock) {
    this.endpoints = endpoints;
    this.administration = administration;
    this.log = log;
    this.addresses = addresses;
    this.properties = properties;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(properties.timeout())
            // Receivers are often small servers: HTTP/1.1, no h2c upgrade dance on http://.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public boolean handles(String destination) {
    return destination.startsWith(WebhookEndpoints.DESTINATION_PREFIX);
  }

  @Override
  public List<Duration> backoff() {
    return SCHEDULE;
  }

  @Override
  public Duration timeout() {
    // The answer's wait, plus the name lookup and the log's write.
    return properties.timeout().plusSeconds(5);
  }

  @Override
  public Delivery deliver(OutboxMessage message) {
    UUID id = endpointOf(message);
    if (id == null) {
      return new Delivery.Failed("Not a webhook destination: " + message.destination());
    }
    Instant now = clock.instant();
    Optional<EndpointRepository.Signing> found = endpoints.signing(id, now);
    if (found.isEmpty()) {
      return new Delivery.Failed("The webhook endpoint " + id + " was deleted");
    }
    WebhookEndpoint endpoint = found.get().endpoint();
    if (!endpoint.enabled()) {
      return new Delivery.Failed(
          "The webhook endpoint is disabled (" + endpoint.disabledReason() + ")");
    }
    URI uri = URI.create(endpoint.url());
    Optional<String> refused = addresses.refusalBeforeSending(uri);
    if (refused.isPresent()) {
      return logged(message, id, now, 0, null, null, Delivery.retry(refused.get()));
    }

    String webhookId = message.idempotencyKey().toString();
    long timestamp = now.getEpochSecond();
    byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(properties.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header("webhook-id", webhookId)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header(
                "webhook-signature",
                WebhookSignatures.header(found.get().secrets(), webhookId, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();

    long started = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> sent =
        http.sendAsync(request, info -> new LimitedBody(RESPONSE_BYTES));
    HttpResponse<byte[]> response;
    try {
      // The request's timeout covers the wait for the headers; this one a body that trickles.
      response = sent.get(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      sent.cancel(true);
      return logged(message, id, now, millisSince(started), null, null, timedOut());
    } catch (ExecutionException e) {
      return logged(
          message,
          id,
          now,
          millisSince(started),
          null,
          null,
          Delivery.retry(failure(e.getCause())));
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      return Delivery.retry("Interrupted while sending (the node is stopping)");
    }
    int duration = millisSince(started);
    int status = response.statusCode();
    String answer = new String(response.body(), StandardCharsets.UTF_8);
    Delivery outcome = outcome(message, response);
    logged(message, id, now, duration, status, answer, outcome);
    if (status == 410) {
      administration.disableAndAlert(
          id, "the endpoint answered 410 Gone: its receiver asked to stop receiving webhooks");
    }
    return outcome;
  }

  @Override
  public void deadLettered(OutboxMessage message, String lastError) {
    UUID id = endpointOf(message);
    if (id == null) {
      return;
    }
    Duration span = Duration.between(message.createdAt(), clock.instant());
    administration.disableAndAlert(
        id,
        "%s (message %d) failed %d times over %s; last error: %s"
            .formatted(message.kind(), message.id(), message.attempt(), human(span), lastError));
  }

  private Delivery outcome(OutboxMessage message, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Delivery.delivered();
    }
    if (status == 410) {
      return new Delivery.Failed("HTTP 410 Gone: the endpoint is disabled");
    }
    String error = "HTTP " + status;
    if (status >= 300 && status < 400) {
      error +=
          " (a redirect to "
              + response.headers().firstValue("Location").orElse("nowhere")
              + ", not followed: change the endpoint's address)";
    }
    return new Delivery.Retry(error, retryAfter(message, response));
  }

  /**
   * When the endpoint said when to come back (429, 503): that, if later than the schedule's next
   * wait. It can delay an attempt, never hasten one.
   */
  private @Nullable Duration retryAfter(OutboxMessage message, HttpResponse<byte[]> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    int step = message.attempt() - 1;
    if (header.isEmpty() || step >= SCHEDULE.size()) {
      return null;
    }
    Duration asked;
    String value = header.get().strip();
    try {
      asked =
          value.chars().allMatch(Character::isDigit)
              ? Duration.ofSeconds(Long.parseLong(value))
              : Duration.between(
                  clock.instant(),
                  ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
    Duration cap = SCHEDULE.getLast();
    Duration wait = asked.compareTo(cap) > 0 ? cap : asked;
    return wait.compareTo(SCHEDULE.get(step)) > 0 ? wait : null;
  }

  private Delivery timedOut() {
    return Delivery.retry("No answer within " + human(properties.timeout()));
  }

  private String failure(Throwable cause) {
    return switch (cause) {
      case HttpConnectTimeoutException e ->
          "Could not connect within " + human(properties.timeout());
      case HttpTimeoutException e -> "No answer within " + human(properties.timeout());
      case ConnectException e -> "Connection refused or unreachable";
      default ->
          cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    };
  }

  private Delivery logged(
      OutboxMessage message,
      UUID endpoint,
      Instant at,
      int durationMs,
      @Nullable Integer status,
      @Nullable String answer,
      Delivery outcome) {
    String result;
    String error;
    switch (outcome) {
      case Delivery.Delivered d -> {
        result = "delivered";
        error = null;
      }
      case Delivery.Retry r -> {
        result = "retry";
        error = r.error();
      }
      case Delivery.Failed f -> {
        result = "failed";
        error = f.error();
      }
    }
    log.record(
        endpoint,
        new WebhookDelivery(
            0,
            message.id(),
            message.idempotencyKey().toString(),
            message.kind(),
            message.attempt(),
            at,
            durationMs,
            status,
            result,
            error,
            answer));
    return outcome;
  }

  private static @Nullable UUID endpointOf(OutboxMessage message) {
    try {
      return UUID.fromString(
          message.destination().substring(WebhookEndpoints.DESTINATION_PREFIX.length()));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  private static int millisSince(long startedNanos) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
  }

  static String human(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min";
    }
    return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
  }
}
