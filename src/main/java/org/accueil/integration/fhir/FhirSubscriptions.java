package org.accueil.integration.fhir;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the EHR notify Accueil of its changes: one rest-hook Subscription per criteria ({@code
 * Appointment?} and {@code Slot?status=busy-unavailable}) to our notification endpoint, with the
 * shared secret as a header, full resources as payload. Made at start-up when the EHR offers
 * subscriptions and a public URL and a secret are configured; one that exists already (same
 * endpoint and criteria) is reused, so restarts and nodes do not multiply notifications. The EHR
 * activates a subscription asynchronously: its status is awaited and logged.
 */
@Component
class FhirSubscriptions {

  private static final Logger log = LoggerFactory.getLogger(FhirSubscriptions.class);

  static final List<String> CRITERIA = List.of("Appointment?", "Slot?status=busy-unavailable");
  static final String NOTIFY_PATH = "/integration/fhir/notify";
  static final String PAYLOAD = "application/fhir+json";

  private final FhirEhr ehr;
  private final FhirConnectorProperties properties;
  private final Clock clock;
  private final Map<String, String> statuses = new ConcurrentHashMap<>();

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  FhirSubscriptions(
      FhirEhr ehr,
      FhirConnectorProperties properties,
      Clock clock,
      JdbcClient jdbc,
      PlatformTransactionManager transactions) {
    this.ehr = ehr;
    this.properties = properties;
    this.clock = clock;
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactions);
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    if (!wanted()) {
      return;
    }
    // Off the start-up thread: an EHR that is slow or away must not hold the application.
    Thread.ofVirtual()
        .name("fhir-subscriptions")
        .start(
            () -> {
              try {
                register();
              } catch (RuntimeException e) {
                log.warn(
                    "EHR subscriptions not made ({}); changes arrive by polling only",
                    e.toString());
              }
            });
  }

  boolean wanted() {
    var subscription = properties.subscription();
    return properties.active()
        && subscription.enabled()
        && subscription.publicUrl() != null
        && subscription.secret() != null
        && !subscription.secret().isBlank();
  }

  String endpoint() {
    String base = String.valueOf(properties.subscription().publicUrl());
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + NOTIFY_PATH;
  }

  /** What each criteria's subscription is at: requested, active, error, off, or why it is not. */
  Map<String, String> statuses() {
    return Map.copyOf(statuses);
  }

  /** Makes or reuses each subscription and waits until the EHR says whether it is active. */
  synchronized List<Subscription> register() {
    if (!ehr.capabilities().subscriptions()) {
      CRITERIA.forEach(c -> statuses.put(c, "unsupported"));
      log.info("The EHR offers no subscriptions: its changes arrive by polling");
      return List.of();
    }
    // Nodes starting together would each find none and each make one (and the EHR would then
    // notify every change twice): they take turns, and the later ones find the first one's.
    List<Subscription> made =
        transactions.execute(
            status -> {
              jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('fhir-subscriptions', 0))")
                  .query((rs, n) -> 1)
                  .list();
              return makeOrReuse();
            });
    for (Subscription subscription : made) {
      Subscription current = awaitActivation(subscription.getIdElement().getIdPart());
      statuses.put(
          subscription.getCriteria(),
          current.getStatus() == null ? "unknown" : current.getStatus().toCode());
      if (current.getStatus() == SubscriptionStatus.ACTIVE) {
        log.info(
            "EHR subscription {} ({}) is active",
            current.getIdElement().getIdPart(),
            current.getCriteria());
      } else {
        log.warn(
            "EHR subscription {} ({}) is {}: {}",
            current.getIdElement().getIdPart(),
            current.getCriteria(),
            current.getStatus(),
            current.getError());
      }
    }
    return made;
  }

  private List<Subscription> makeOrReuse() {
    String header = properties.subscription().header() + ": " + properties.subscription().secret();
    Bundle existing =
        ehr.client()
            .search()
            .forResource(Subscription.class)
            .where(Subscription.URL.matches().value(endpoint()))
            .returnBundle(Bundle.class)
            .execute();
    List<Subscription> made = new ArrayList<>();
    for (String criteria : CRITERIA) {
      Subscription subscription =
          existing.getEntry().stream()
              .map(e -> (Subscription) e.getResource())
              .filter(s -> criteria.equals(s.getCriteria()))
              .filter(s -> s.getStatus() != SubscriptionStatus.OFF)
              .findFirst()
              .orElse(null);
      if (subscription != null && !sameChannel(subscription, header)) {
        subscription.getChannel().setHeader(List.of(new StringType(header)));
        subscription.getChannel().setPayload(PAYLOAD);
        subscription.setStatus(SubscriptionStatus.REQUESTED);
        ehr.client().update().resource(subscription).execute();
      } else if (subscription == null) {
        subscription = subscription(criteria, endpoint(), header);
        var outcome = ehr.client().create().resource(subscription).execute();
        subscription.setIdElement(
            (org.hl7.fhir.r4.model.IdType) outcome.getId().toUnqualifiedVersionless());
      }
      made.add(subscription);
    }
    return made;
  }

  /** A rest-hook subscription to our endpoint with full-resource payloads and our secret. */
  static Subscription subscription(String criteria, String endpoint, String header) {
    Subscription subscription = new Subscription();
    subscription.setStatus(SubscriptionStatus.REQUESTED);
    subscription.setReason("Accueil: keep bookings and availability in step");
    subscription.setCriteria(criteria);
    subscription
        .getChannel()
        .setType(SubscriptionChannelType.RESTHOOK)
        .setEndpoint(endpoint)
        .setPayload(PAYLOAD)
        .setHeader(List.of(new StringType(header)));
    return subscription;
  }

  private static boolean sameChannel(Subscription subscription, String header) {
    var channel = subscription.getChannel();
    return PAYLOAD.equals(channel.getPayload())
        && channel.getHeader().stream().anyMatch(h -> header.equals(h.getValue()));
  }

  /** The EHR moves a subscription from requested to active (or error) on its own time. */
  private Subscription awaitActivation(String id) {
    Instant deadline = clock.instant().plus(properties.subscription().activationTimeout());
    while (true) {
      Subscription current = ehr.client().read().resource(Subscription.class).withId(id).execute();
      if (current.getStatus() != SubscriptionStatus.REQUESTED
          || !clock.instant().isBefore(deadline)) {
        return current;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return current;
      }
    }
  }

  @Nullable String status(String criteria) {
    return statuses.get(criteria);
  }
}
