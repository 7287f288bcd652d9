package org.accueil.integration.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.integration.outbox.Outbox;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practice's webhook endpoints: registered, changed, removed, their secret rotated, disabled
 * and enabled again, tried with a test event, and their delivery log read. Every change is audited.
 */
@Service
@Transactional
public class WebhookEndpoints {

  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoints.class);

  /** The destination of an endpoint's outbox rows. */
  static final String DESTINATION_PREFIX = "webhook:";

  /** What an endpoint is registered or changed with. */
  public record Details(
      String url, @Nullable String description, @Nullable List<String> eventTypes) {}

  /** An endpoint with its secret: answered once, when created or rotated. */
  public record WithSecret(WebhookEndpoint endpoint, String secret) {}

  private final EndpointRepository endpoints;
  private final DeliveryLog deliveries;
  private final EndpointAddresses addresses;
  // Looked up when used: until the JDBC outbox is merged, the application starts without one, and
  // only a webhook endpoint actually in use needs it.
  private final ObjectProvider<Outbox> outbox;
  private final Audit audit;
  private final ApplicationEventPublisher events;
  private final WebhooksProperties properties;
  private final Clock clock;

  WebhookEndpoints(
      EndpointRepository endpoints,
      DeliveryLog deliveries,
      EndpointAddresses addresses,
      ObjectProvider<Outbox> outbox,
      Audit audit,
      ApplicationEventPublisher events,
      WebhooksProperties properties,
      Clock clock) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.addresses = addresses;
    this.outbox = outbox;
    this.audit = audit;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
  }

  public WithSecret create(Details details) {
    String url = addresses.accepted(details.url()).toString();
    List<String> types = eventTypes(details.eventTypes());
    UUID id = Ids.newId();
    String secret = WebhookSignatures.newSecret();
    endpoints.insert(id, url, description(details), types, secret, clock.instant());
    audit.success("webhook-endpoint.create", "webhook-endpoint", id, Map.of("host", host(url)));
    return new WithSecret(endpoints.find(id).orElseThrow(), secret);
  }

  @Transactional(readOnly = true)
  public List<WebhookEndpoint> list() {
    return endpoints.all();
  }

  @Transactional(readOnly = true)
  public WebhookEndpoint endpoint(UUID id) {
    return endpoints.find(id).orElseThrow(() -> notFound(id));
  }

  /** Replaces the address, description and event types; the secret and the state stay. */
  public WebhookEndpoint update(UUID id, Details details) {
    String url = addresses.accepted(details.url()).toString();
    List<String> types = eventTypes(details.eventTypes());
    if (!endpoints.update(id, url, description(details), types, clock.instant())) {
      throw notFound(id);
    }
    audit.success("webhook-endpoint.update", "webhook-endpoint", id, Map.of("host", host(url)));
    return endpoints.find(id).orElseThrow();
  }

  /** Removes the endpoint and its log; its messages not yet delivered are dropped as they come. */
  public void delete(UUID id) {
    if (!endpoints.delete(id)) {
      throw notFound(id);
    }
    audit.success("webhook-endpoint.delete", "webhook-endpoint", id);
  }

  /**
   * A new secret, signing every message from now on; the old one signs them too for {@code
   * accueil.webhooks.rotation-overlap} (24 hours), so the receiver can switch without a gap.
   */
  public WithSecret rotate(UUID id) {
    endpoints.lock(id).orElseThrow(() -> notFound(id));
    Instant now = clock.instant();
    String secret = WebhookSignatures.newSecret();
    Instant until = now.plus(properties.rotationOverlap());
    endpoints.rotate(id, secret, until, now);
    audit.success(
        "webhook-endpoint.rotate-secret",
        "webhook-endpoint",
        id,
        Map.of("previousSecretUntil", until.toString()));
    return new WithSecret(endpoints.find(id).orElseThrow(), secret);
  }

  /**
   * Sends events to the endpoint again, from the next one. Messages dead-lettered while it was
   * disabled stay so until replayed from the outbox's deliveries.
   */
  public WebhookEndpoint enable(UUID id) {
    WebhookEndpoint endpoint = endpoints.lock(id).orElseThrow(() -> notFound(id));
    if (!endpoint.enabled()) {
      endpoints.enable(id, clock.instant());
      audit.success("webhook-endpoint.enable", "webhook-endpoint", id);
    }
    return endpoints.find(id).orElseThrow();
  }

  /** Stops sending events to the endpoint, at an administrator's request. */
  public WebhookEndpoint disable(UUID id) {
    endpoints.lock(id).orElseThrow(() -> notFound(id));
    if (endpoints.disable(id, "disabled by " + Actor.current().name(), clock.instant())) {
      audit.success("webhook-endpoint.disable", "webhook-endpoint", id);
    }
    return endpoints.find(id).orElseThrow();
  }

  /**
   * Queues a {@code webhook.test} event for the endpoint alone; its delivery shows in the log.
   *
   * @return the outbox row's id
   */
  public long test(UUID id) {
    WebhookEndpoint endpoint = endpoints.find(id).orElseThrow(() -> notFound(id));
    if (!endpoint.enabled()) {
      throw ProblemException.of(HttpStatus.CONFLICT, "webhook-endpoint-disabled")
          .detail(
              "The endpoint {0} is disabled ({1}); enable it first with POST"
                  + " /api/v1/webhooks/{0}/enable.",
              id, String.valueOf(endpoint.disabledReason()))
          .with("disabledReason", endpoint.disabledReason())
          .build();
    }
    Instant now = clock.instant();
    long message =
        outbox
            .getObject()
            .enqueue(
                DESTINATION_PREFIX + id,
                "test:" + Ids.newId(),
                WebhookEventTypes.TEST,
                WebhookMessage.of(
                    WebhookEventTypes.TEST, now, Map.of("endpointId", id.toString())));
    audit.success("webhook-endpoint.test", "webhook-endpoint", id, Map.of("message", message));
    return message;
  }

  /** The latest delivery attempts to the endpoint, newest first. */
  @Transactional(readOnly = true)
  public List<WebhookDelivery> deliveries(UUID id, int limit) {
    endpoints.find(id).orElseThrow(() -> notFound(id));
    return deliveries.latest(id, limit);
  }

  /**
   * Disables the endpoint without an administrator (410 Gone, every attempt failed) and tells the
   * practice: an ERROR in the log, an audit entry and {@link WebhookEndpointDisabled}. Does nothing
   * when it is already disabled or gone.
   */
  void disableAndAlert(UUID id, String reason) {
    Instant now = clock.instant();
    if (!endpoints.disable(id, reason, now)) {
      return;
    }
    String url = endpoints.find(id).map(WebhookEndpoint::url).orElse("");
    log.error(
        "Webhook endpoint {} (on {}) is disabled: {}. Fix the receiver, then enable it again with"
            + " POST /api/v1/webhooks/{}/enable and replay what it missed.",
        id,
        host(url),
        reason,
        id);
    audit.publish(
        "webhook-endpoint.disable",
        "webhook-endpoint",
        id,
        AuditRecord.Outcome.SUCCESS,
        Actor.system("webhooks"),
        null,
        null,
        Map.of("reason", reason));
    events.publishEvent(new WebhookEndpointDisabled(id, url, reason, now));
  }

  /**
   * Only the host goes to the log and the audit trail: some receivers take a token in the query
   * string, and the audit trail keeps what it is given for good.
   */
  private static String host(String url) {
    try {
      return String.valueOf(java.net.URI.create(url).getHost());
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }

  private static String description(Details details) {
    return details.description() == null ? "" : details.description();
  }

  private static List<String> eventTypes(@Nullable List<String> requested) {
    if (requested == null) {
      return List.of();
    }
    LinkedHashSet<String> types = new LinkedHashSet<>();
    for (String type : requested) {
      if (!WebhookEventTypes.ALL.contains(type)) {
        throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-webhook-event-type")
            .detail(
                "\"{0}\" is not an event type; use one of {1}, or none to receive every event.",
                type, String.join(", ", WebhookEventTypes.ALL))
            .with("field", "eventTypes")
            .build();
      }
      types.add(type);
    }
    return List.copyOf(types);
  }

  private static ProblemException notFound(UUID id) {
    return ProblemException.notFound("webhook-endpoint", id);
  }
}
