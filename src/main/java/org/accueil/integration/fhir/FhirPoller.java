package org.accueil.integration.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.Worker;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the EHR's Appointments and Slots changed since the last pass ({@code _lastUpdated}, oldest
 * first, page by page) into the inbox: the fallback for notifications that never came and the only
 * feed of an EHR without subscriptions. One node polls at a time: it holds a lease on the cursor
 * row, renewed each pass, which another node takes over when it lapses.
 *
 * <p>Each pass looks again {@code overlap} before the newest change it saw, for changes committed
 * late with an earlier timestamp; what it had seen already is dropped by the inbox (one row per
 * version).
 */
@Component
class FhirPoller extends Worker {

  private static final Logger log = LoggerFactory.getLogger(FhirPoller.class);

  static final List<String> TYPES = List.of("Appointment", "Slot");

  /** Pages one pass reads at most; the next pass carries on from where it stopped. */
  private static final int MAX_PAGES = 50;

  /** On first start, changes from this long ago are read; older ones are reconciliation's. */
  private static final Duration FIRST_LOOK_BACK = Duration.ofMinutes(1);

  private final FhirEhr ehr;
  private final FhirInbox inbox;
  private final JdbcClient jdbc;
  private final FhirConnectorProperties properties;
  private final Clock clock;
  private final String node = UUID.randomUUID().toString();

  FhirPoller(
      FhirEhr ehr,
      FhirInbox inbox,
      JdbcClient jdbc,
      FhirConnectorProperties properties,
      Clock clock) {
    super("fhir-poller", 1, properties.polling().interval());
    this.ehr = ehr;
    this.inbox = inbox;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public int drain() {
    return poll();
  }

  /** One pass over every type the EHR lets us search by {@code _lastUpdated}; how many stored. */
  int poll() {
    FhirCapabilities capabilities = ehr.capabilities();
    int stored = 0;
    for (String type : TYPES) {
      if (!capabilities.lastUpdated(type)) {
        continue;
      }
      Optional<Optional<Instant>> lease = lease(type);
      if (lease.isEmpty()) {
        continue;
      }
      stored += poll(type, lease.get().orElse(clock.instant().minus(FIRST_LOOK_BACK)));
    }
    return stored;
  }

  private int poll(String type, Instant cursor) {
    Instant since = cursor.minus(properties.polling().overlap());
    String url =
        type
            + "?_lastUpdated=ge"
            + DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.MILLIS))
            + "&_sort=_lastUpdated&_count="
            + properties.polling().pageSize();
    Bundle page = ehr.client().search().byUrl(url).returnBundle(Bundle.class).execute();
    Instant newest = cursor;
    int stored = 0;
    for (int pages = 1; ; pages++) {
      for (Bundle.BundleEntryComponent entry : page.getEntry()) {
        Resource resource = entry.getResource();
        if (resource == null || !resource.fhirType().equals(type)) {
          continue;
        }
        if (inbox.store(resource, FhirInbox.Source.POLL)) {
          stored++;
        }
        if (resource.getMeta().hasLastUpdated()) {
          Instant updated = resource.getMeta().getLastUpdated().toInstant();
          if (updated.isAfter(newest)) {
            newest = updated;
          }
        }
      }
      if (page.getLink(Bundle.LINK_NEXT) == null || pages == MAX_PAGES) {
        break;
      }
      page = ehr.client().loadPage().next(page).execute();
    }
    advance(type, newest);
    return stored;
  }

  /**
   * Takes or renews this node's lease on the type's cursor; empty when another node holds it, else
   * the cursor (empty on the first pass ever).
   */
  private Optional<Optional<Instant>> lease(String type) {
    Instant now = clock.instant();
    Duration hold = properties.polling().interval().multipliedBy(3);
    if (hold.compareTo(Duration.ofSeconds(30)) < 0) {
      hold = Duration.ofSeconds(30);
    }
    jdbc.sql("INSERT INTO fhir_poll_cursor (resource_type) VALUES (:type) ON CONFLICT DO NOTHING")
        .param("type", type)
        .update();
    // 0 rows: another node polls this type and its lease still runs; nothing to do here.
    return jdbc.sql(
            """
            UPDATE fhir_poll_cursor SET leased_by = :node, leased_until = :until
             WHERE resource_type = :type
               AND (leased_until IS NULL OR leased_until < :now OR leased_by = :node)
            RETURNING last_updated
            """)
        .param("type", type)
        .param("node", node)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .param("until", now.plus(hold).atOffset(ZoneOffset.UTC))
        .query(
            (rs, n) -> Optional.ofNullable(rs.getTimestamp("last_updated")).map(t -> t.toInstant()))
        .optional();
  }

  private void advance(String type, Instant newest) {
    jdbc.sql(
            """
            UPDATE fhir_poll_cursor SET last_updated = :newest, polled_at = :now
             WHERE resource_type = :type AND leased_by = :node
            """)
        .param("type", type)
        .param("node", node)
        .param("newest", newest.atOffset(ZoneOffset.UTC))
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Runs only while the connector and polling are on. */
  @Override
  public synchronized void start() {
    if (properties.active() && properties.polling().enabled()) {
      super.start();
    }
  }
}
