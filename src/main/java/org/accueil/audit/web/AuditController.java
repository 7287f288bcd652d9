package org.accueil.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.accueil.audit.AuditEvent;
import org.accueil.audit.AuditSearch;
import org.accueil.audit.AuditTrail;
import org.accueil.audit.Verification;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit")
class AuditController {

  private static final List<String> OUTCOMES =
      Arrays.stream(AuditRecord.Outcome.values())
          .map(o -> o.name().toLowerCase(Locale.ROOT))
          .toList();

  private static final List<String> ACTOR_KINDS =
      Arrays.stream(Actor.Kind.values()).map(Actor.Kind::label).toList();

  record ActorView(String reference, String kind, String id, String name, List<String> roles) {}

  record EntityView(String type, @Nullable String id) {}

  record EventView(
      long seq,
      Instant time,
      ActorView actor,
      String action,
      EntityView entity,
      String outcome,
      @Nullable String ip,
      String channel,
      @Nullable String sourceSystem,
      Map<String, String> refs,
      String prevHash,
      String hash) {

    static EventView of(AuditEvent e) {
      HexFormat hex = HexFormat.of();
      return new EventView(
          e.seq(),
          e.occurredAt(),
          new ActorView(
              e.actorReference(), e.actorKind(), e.actorId(), e.actorName(), e.actorRoles()),
          e.action(),
          new EntityView(e.entityType(), e.entityId()),
          e.outcome(),
          e.ip(),
          e.channel(),
          e.sourceSystem(),
          e.refs(),
          hex.formatHex(e.prevHash()),
          hex.formatHex(e.hash()));
    }
  }

  /**
   * @param nextBefore the {@code before} of the next, older page; {@code null} on the last page
   */
  record PageView(List<EventView> events, @Nullable Long nextBefore) {}

  /**
   * @param valid whether every row is as it was written
   * @param rowsChecked rows found intact, in order, before the first break (all rows if valid)
   * @param firstBrokenSeq the first row that is changed or missing
   * @param problem what is wrong there, for a person
   * @param breakKind the same for a program: modified, reordered, relinked, relinked-first,
   *     missing, truncated, unaccounted, head-mismatch, head-missing
   * @param headSeq the last row the chain head records
   * @param headHash that row's hash: keep it somewhere else to detect a rewritten trail later
   */
  record VerificationView(
      boolean valid,
      long rowsChecked,
      @Nullable Long firstBrokenSeq,
      @Nullable String problem,
      @Nullable String breakKind,
      @Nullable Long headSeq,
      @Nullable String headHash) {}

  private final AuditTrail trail;
  private final Audit audit;
  private final MessageSource messages;

  AuditController(AuditTrail trail, Audit audit, MessageSource messages) {
    this.trail = trail;
    this.audit = audit;
    this.messages = messages;
  }

  @GetMapping
  @Operation(
      summary = "The audit trail, newest first",
      description =
          "Filters combine: actor (a reference such as api-key:<id> or user:<id>), action,"
              + " entityType, entityId, outcome (success, denied, failed), from (inclusive) and to"
              + " (exclusive) date-times. Pages hold up to limit rows (1 to 500, default 100);"
              + " pass nextBefore as before for the next, older page.")
  PageView list(
      @RequestParam(required = false) @Nullable String actor,
      @RequestParam(required = false) @Size(max = 200) @Nullable String action,
      @RequestParam(required = false) @Size(max = 200) @Nullable String entityType,
      @RequestParam(required = false) @Size(max = 500) @Nullable String entityId,
      @RequestParam(required = false) @Nullable OffsetDateTime from,
      @RequestParam(required = false) @Nullable OffsetDateTime to,
      @RequestParam(required = false) @Nullable String outcome,
      @RequestParam(required = false) @Min(1) @Nullable Long before,
      @RequestParam(defaultValue = "100") @Min(1) @Max(AuditSearch.MAX_LIMIT) int limit) {
    String[] actorRef = actor == null ? null : actorReference(actor);
    if (from != null && to != null && from.isAfter(to)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "audit-period-reversed")
          .detail("The period ends before it starts: from {0} is after to {1}.", from, to)
          .with("field", "from")
          .build();
    }
    var page =
        trail.search(
            new AuditSearch(
                actorRef == null ? null : actorRef[0],
                actorRef == null ? null : actorRef[1],
                action,
                entityType,
                entityId,
                from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(),
                outcome == null ? null : outcome(outcome),
                before,
                limit));
    audit.success("audit.search", "audit-trail", null);
    return new PageView(page.events().stream().map(EventView::of).toList(), page.nextBefore());
  }

  @GetMapping("/verify")
  @Operation(
      summary = "Check that the audit trail is intact",
      description =
          "Reads every row in order, recomputes its hash, checks that it links to the row before"
              + " and that the last row is the one the chain head records. valid is false at the"
              + " first changed, missing or reordered row, which firstBrokenSeq and problem name.")
  VerificationView verify() {
    Verification result = trail.verify();
    Verification.Break broken = result.firstBroken();
    audit.success(
        "audit.verify",
        "audit-trail",
        null,
        broken == null || broken.seq() == null ? Map.of() : Map.of("brokenAt", broken.seq()));
    return new VerificationView(
        result.valid(),
        result.rowsChecked(),
        result.firstBrokenSeq(),
        broken == null
            ? null
            : messages.getMessage(
                broken.messageCode(),
                broken.messageArguments(),
                broken.english(),
                LocaleContextHolder.getLocale()),
        broken == null ? null : broken.kind().code(),
        result.headSeq(),
        result.headHashHex());
  }

  /** {@code api-key:0193...} as kind and id; the id may itself hold colons. */
  private static String[] actorReference(String reference) {
    int colon = reference.indexOf(':');
    String kind = colon < 0 ? "" : reference.substring(0, colon);
    if (!ACTOR_KINDS.contains(kind) || colon == reference.length() - 1) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
          .detail(
              "\"{1}\" is not a valid value for {0} (expected {2}).",
              "actor",
              reference,
              ACTOR_KINDS.stream().map(k -> k + ":<id>").collect(Collectors.joining(", ")))
          .with("field", "actor")
          .build();
    }
    return new String[] {kind, reference.substring(colon + 1)};
  }

  private static String outcome(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (!OUTCOMES.contains(lower)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
          .detail(
              "\"{1}\" is not a valid value for {0} (expected {2}).",
              "outcome", value, String.join(", ", OUTCOMES))
          .with("field", "outcome")
          .build();
    }
    return lower;
  }
}
