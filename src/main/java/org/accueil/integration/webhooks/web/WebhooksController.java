package org.accueil.integration.webhooks.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.integration.webhooks.WebhookDelivery;
import org.accueil.integration.webhooks.WebhookEndpoint;
import org.accueil.integration.webhooks.WebhookEndpoints;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The practice's webhook endpoints (docs/INTEGRATION.md, "Outgoing webhooks"), for callers holding
 * webhooks:manage.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
class WebhooksController {

  private static final String COLLECTION = "/api/v1/webhooks";

  /**
   * @param url where events are POSTed: https, a public address
   * @param eventTypes the event types to receive; empty or left out: every type
   */
  record WebhookRequest(
      @NotNull @Size(max = 2000) String url,
      @Nullable @Size(max = 500) String description,
      @Nullable @Size(max = 20) List<@NotNull @Size(max = 100) String> eventTypes) {}

  /** An endpoint with its signing secret: the only answers that ever contain it. */
  record EndpointWithSecret(
      UUID id,
      String url,
      String description,
      List<String> eventTypes,
      boolean enabled,
      @Nullable String disabledReason,
      @Nullable Instant disabledAt,
      @Nullable Instant previousSecretUntil,
      Instant createdAt,
      Instant updatedAt,
      String secret) {

    static EndpointWithSecret of(WebhookEndpoints.WithSecret created) {
      WebhookEndpoint e = created.endpoint();
      return new EndpointWithSecret(
          e.id(),
          e.url(),
          e.description(),
          e.eventTypes(),
          e.enabled(),
          e.disabledReason(),
          e.disabledAt(),
          e.previousSecretUntil(),
          e.createdAt(),
          e.updatedAt(),
          created.secret());
    }
  }

  private final WebhookEndpoints endpoints;

  WebhooksController(WebhookEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @PostMapping
  @Operation(
      summary = "Register an endpoint; the answer holds its signing secret, shown this once",
      description =
          "The url must be https and public (no loopback, private or link-local address). The"
              + " secret (whsec_...) signs every message (webhook-signature); store it in the"
              + " receiver's secret store. A retried call registers a second endpoint: delete the"
              + " one you did not keep.")
  ResponseEntity<EndpointWithSecret> create(@Valid @RequestBody WebhookRequest request) {
    // Not through IdempotentRequests: a replayable answer would keep the secret in the database.
    var created = endpoints.create(details(request));
    return ResponseEntity.created(URI.create(COLLECTION + "/" + created.endpoint().id()))
        .body(EndpointWithSecret.of(created));
  }

  @GetMapping
  @Operation(summary = "Every endpoint, enabled or not, without secrets")
  List<WebhookEndpoint> list() {
    return endpoints.list();
  }

  @GetMapping("/{id}")
  WebhookEndpoint endpoint(@PathVariable UUID id) {
    return endpoints.endpoint(id);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Change an endpoint's address, description or event types; not its secret")
  WebhookEndpoint update(@PathVariable UUID id, @Valid @RequestBody WebhookRequest request) {
    return endpoints.update(id, details(request));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove an endpoint and its delivery log")
  void delete(@PathVariable UUID id) {
    endpoints.delete(id);
  }

  @PostMapping("/{id}/rotate-secret")
  @Operation(
      summary = "A new signing secret, shown this once",
      description =
          "For 24 hours (accueil.webhooks.rotation-overlap) every message carries two signatures,"
              + " with the new secret and the old one, so the receiver can switch without a gap.")
  EndpointWithSecret rotateSecret(@PathVariable UUID id) {
    return EndpointWithSecret.of(endpoints.rotate(id));
  }

  @PostMapping("/{id}/enable")
  @Operation(
      summary = "Send events to a disabled endpoint again",
      description =
          "Events from now on. What it missed while disabled is dead-lettered in the outbox:"
              + " replay it there (POST /api/v1/integration/deliveries/{id}/replay).")
  WebhookEndpoint enable(@PathVariable UUID id) {
    return endpoints.enable(id);
  }

  @PostMapping("/{id}/disable")
  @Operation(summary = "Stop sending events to an endpoint")
  WebhookEndpoint disable(@PathVariable UUID id) {
    return endpoints.disable(id);
  }

  @PostMapping("/{id}/test")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Send a webhook.test event to this endpoint",
      description = "Queued like any event; its attempts show in /deliveries within seconds.")
  Map<String, Object> test(@PathVariable UUID id) {
    return Map.of("messageId", endpoints.test(id));
  }

  @GetMapping("/{id}/deliveries")
  @Operation(
      summary = "The endpoint's delivery log, newest first",
      description =
          "One entry per attempt: the HTTP status (null when no answer came), the duration, the"
              + " error, the attempt's number and the first kilobyte of the answer.")
  List<WebhookDelivery> deliveries(
      @PathVariable UUID id, @RequestParam(required = false) @Nullable Integer limit) {
    if (limit != null && (limit < 1 || limit > 200)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-webhook-log-limit")
          .detail("The limit must be a whole number from 1 to 200.")
          .with("parameter", "limit")
          .build();
    }
    return endpoints.deliveries(id, limit == null ? 50 : limit);
  }

  private static WebhookEndpoints.Details details(WebhookRequest request) {
    return new WebhookEndpoints.Details(request.url(), request.description(), request.eventTypes());
  }
}
