package org.accueil.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Publishes {@link AuditRecord}s for the current actor and request. Modules call it after they
 * acted; the audit module turns each record into a row of the hash-chained trail.
 */
@Component
public class Audit {

  private final ApplicationEventPublisher events;

  public Audit(ApplicationEventPublisher events) {
    this.events = events;
  }

  public void success(String action, String entityType, @Nullable Object entityId) {
    record(action, entityType, entityId, AuditRecord.Outcome.SUCCESS, Map.of());
  }

  public void success(
      String action, String entityType, @Nullable Object entityId, Map<String, ?> refs) {
    record(action, entityType, entityId, AuditRecord.Outcome.SUCCESS, refs);
  }

  public void record(
      String action,
      String entityType,
      @Nullable Object entityId,
      AuditRecord.Outcome outcome,
      Map<String, ?> refs) {
    publish(action, entityType, entityId, outcome, Actor.current(), null, null, refs);
  }

  /** For callers that know better than the request: a channel adapter, the EHR connector. */
  public void publish(
      String action,
      String entityType,
      @Nullable Object entityId,
      AuditRecord.Outcome outcome,
      Actor actor,
      @Nullable String channel,
      @Nullable String sourceSystem,
      Map<String, ?> refs) {
    HttpServletRequest request = currentRequest();
    String ip = request == null ? null : request.getRemoteAddr();
    String via = channel != null ? channel : request == null ? "system" : channelOf(request);
    var stringRefs = new java.util.TreeMap<String, String>();
    refs.forEach((k, v) -> stringRefs.put(k, String.valueOf(v)));
    events.publishEvent(
        new AuditRecord(
            action,
            entityType,
            entityId == null ? null : String.valueOf(entityId),
            outcome,
            actor,
            ip,
            via,
            sourceSystem,
            stringRefs));
  }

  private static String channelOf(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith("/api/") || path.startsWith("/fhir/") ? "api" : "web";
  }

  private static @Nullable HttpServletRequest currentRequest() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
        ? attrs.getRequest()
        : null;
  }
}
