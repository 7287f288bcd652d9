package org.accueil.integration.outbox.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.accueil.integration.outbox.internal.DeliveryLog;
import org.accueil.integration.outbox.internal.DeliveryLog.Entry;
import org.accueil.integration.outbox.internal.DeliveryLog.State;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery log: every outbox row with its state and last error, one row with its payload and
 * attempts, and the replay of dead letters (docs/INTEGRATION.md, "The outbox and the delivery
 * log").
 */
@RestController
@RequestMapping("/api/v1/integration/deliveries")
@Tag(name = "Integration delivery log")
class DeliveriesController {

  private static final Pattern DESTINATION = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,199}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/@-]{0,199}");
  private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");
  private static final List<String> STATES =
      Arrays.stream(State.values()).map(State::code).toList();

  private final DeliveryLog log;
  private final Audit audit;
  private final JsonMapper json;

  DeliveriesController(DeliveryLog log, Audit audit, JsonMapper json) {
    this.log = log;
    this.audit = audit;
    this.json = json;
  }

  /**
   * One outbox row.
   *
   * @param state pending (waiting for its next attempt, or for an older row of its key), delivering
   *     (a node holds it), delivered, dead (needs a person: replay it once the cause is fixed)
   * @param nextAttemptAt when a pending row is tried next (an older row of its key may hold it back
   *     longer)
   * @param leaseOwner the node delivering it, while delivering
   * @param deliverable whether a destination on the node that answered delivers this destination
   *     (false: the row stays pending until a node that does picks it up)
   */
  record DeliveryView(
      long id,
      String destination,
      String key,
      String kind,
      String state,
      int attempts,
      @Nullable Instant nextAttemptAt,
      @Nullable String leaseOwner,
      @Nullable Instant leaseUntil,
      @Nullable String lastError,
      @Nullable String remoteReference,
      UUID idempotencyKey,
      Instant createdAt,
      @Nullable Instant deliveredAt,
      @Nullable Instant deadAt,
      boolean deliverable) {}

  record PageView(List<DeliveryView> deliveries, @Nullable Long nextBefore) {}

  record AttemptView(
      int attempt,
      Instant startedAt,
      long durationMs,
      String outcome,
      @Nullable String error,
      String node) {}

  record DetailView(DeliveryView delivery, JsonNode payload, List<AttemptView> attempts) {}

  record ReplayView(List<Long> replayed) {}

  @GetMapping
  @Operation(
      summary = "The delivery log, newest first",
      description =
          "Filters combine: destination (fhir, hl7v2, webhook:<endpoint id>), state (pending,"
              + " delivering, delivered, dead), kind (appointment.booked...), key"
              + " (appointment:<id>...), since (rows written at or after this date-time). Pages"
              + " hold up to limit rows (1 to 500, default 100); pass nextBefore as before for the"
              + " next, older page. Payloads are shown one delivery at a time.")
  PageView list(
      @RequestParam(required = false) @Nullable String destination,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String kind,
      @RequestParam(required = false) @Nullable String key,
      @RequestParam(required = false) @Nullable OffsetDateTime since,
      @RequestParam(required = false) @Min(1) @Nullable Long before,
      @RequestParam(defaultValue = "100") @Min(1) @Max(DeliveryLog.MAX_LIMIT) int limit) {
    var page =
        log.list(
            new DeliveryLog.Filter(
                checked("destination", destination, DESTINATION, "fhir, hl7v2, webhook:<id>"),
                state == null ? null : state(state),
                checked("kind", kind, KIND, "a kind such as appointment.booked"),
                checked("key", key, KEY, "a key such as appointment:<id>"),
                since == null ? null : since.toInstant(),
                before,
                limit));
    audit.success(
        "integration.delivery.search",
        "integration-delivery",
        null,
        destination == null ? Map.of() : Map.of("destination", destination));
    return new PageView(page.entries().stream().map(this::view).toList(), page.nextBefore());
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "One delivery with its payload and attempts",
      description =
          "attempts lists every attempt, newest first (up to 100): when it started, how long it"
              + " took, its outcome (delivered, retry, timeout, failed) and error.")
  DetailView delivery(@PathVariable long id) {
    var detail = log.detail(id).orElseThrow(() -> ProblemException.notFound("delivery", id));
    audit.success(
        "integration.delivery.view",
        "integration-delivery",
        id,
        Map.of("destination", detail.entry().destination(), "key", detail.entry().key()));
    return delivery(detail);
  }

  @PostMapping("/{id}/replay")
  @Operation(
      summary = "Deliver a dead letter again",
      description =
          "The delivery becomes pending, due now, with its attempts reset: the destination's whole"
              + " backoff applies again. Only dead deliveries can be replayed (409 otherwise).")
  DetailView replay(@PathVariable long id) {
    switch (log.replay(id)) {
      case NOT_FOUND -> throw ProblemException.notFound("delivery", id);
      case NOT_DEAD -> {
        String state = log.detail(id).map(d -> d.entry().state().code()).orElse("gone");
        throw ProblemException.of(HttpStatus.CONFLICT, "delivery-not-dead")
            .detail(
                "Delivery {0} is {1}: only dead deliveries can be replayed.",
                String.valueOf(id), state)
            .with("id", id)
            .with("state", state)
            .build();
      }
      case REPLAYED -> {}
    }
    var detail = log.detail(id).orElseThrow(() -> ProblemException.notFound("delivery", id));
    audit.success(
        "integration.delivery.replay",
        "integration-delivery",
        id,
        Map.of("destination", detail.entry().destination(), "key", detail.entry().key()));
    return delivery(detail);
  }

  @PostMapping("/replay")
  @Operation(
      summary = "Deliver again every dead letter of one destination",
      description =
          "For when the cause is fixed for all of them (the EHR is back, a credential was renewed)."
              + " Answers the ids replayed, oldest first; none is not an error.")
  ReplayView replayAll(@RequestParam String destination) {
    checked("destination", destination, DESTINATION, "fhir, hl7v2, webhook:<id>");
    List<Long> replayed = log.replayDead(destination);
    audit.success(
        "integration.delivery.replay-all",
        "integration-delivery",
        null,
        Map.of("destination", destination, "count", replayed.size()));
    return new ReplayView(replayed);
  }

  private DetailView delivery(DeliveryLog.Detail detail) {
    return new DetailView(
        view(detail.entry()),
        json.readTree(detail.payload()),
        detail.attempts().stream()
            .map(
                a ->
                    new AttemptView(
                        a.attempt(),
                        a.startedAt(),
                        a.durationMs(),
                        a.outcome(),
                        a.error(),
                        a.node()))
            .toList());
  }

  private DeliveryView view(Entry e) {
    return new DeliveryView(
        e.id(),
        e.destination(),
        e.key(),
        e.kind(),
        e.state().code(),
        e.attempts(),
        e.nextAttemptAt(),
        e.leaseOwner(),
        e.leaseUntil(),
        e.lastError(),
        e.remoteReference(),
        e.idempotencyKey(),
        e.createdAt(),
        e.deliveredAt(),
        e.deadAt(),
        log.deliverable(e.destination()));
  }

  private static State state(String value) {
    for (State s : State.values()) {
      if (s.code().equals(value)) {
        return s;
      }
    }
    throw invalid("state", value, String.join(", ", STATES));
  }

  private static @Nullable String checked(
      String parameter, @Nullable String value, Pattern grammar, String expected) {
    if (value != null && !grammar.matcher(value).matches()) {
      throw invalid(parameter, value, expected);
    }
    return value;
  }

  private static ProblemException invalid(String parameter, String value, String expected) {
    // Echoed in printable ASCII only: the value may be anything a client sent.
    String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
    String shown = printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
        .detail("\"{1}\" is not a valid value for {0} (expected {2}).", parameter, shown, expected)
        .with("field", parameter)
        .build();
  }
}
