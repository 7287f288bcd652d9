package org.accueil.integration.fhir.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.accueil.integration.fhir.FhirNotifications;
import org.accueil.integration.fhir.FhirNotifications.Received;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The EHR's rest-hook notifications. HAPI FHIR and servers like it deliver a full-resource
 * notification as an update of the resource under our endpoint ({@code PUT
 * /integration/fhir/notify/Appointment/123}); a notification without payload is an empty {@code
 * POST} to the endpoint; an R5-backport notification is a {@code history} Bundle. Every call must
 * carry the shared secret in the configured header; what it names is stored, then answered {@code
 * 200}, then applied.
 */
@RestController
class FhirNotificationsController {

  private final FhirNotifications notifications;

  FhirNotificationsController(FhirNotifications notifications) {
    this.notifications = notifications;
  }

  @RequestMapping(
      path = {"/integration/fhir/notify", "/integration/fhir/notify/"},
      method = {RequestMethod.POST, RequestMethod.PUT})
  ResponseEntity<Void> notified(
      HttpServletRequest request,
      @RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
      @RequestBody(required = false) byte @Nullable [] body) {
    return answer(notifications.receive(secret(request), null, null, contentType, text(body)));
  }

  @RequestMapping(
      path = {"/integration/fhir/notify/{type}/{id}", "/integration/fhir/notify/{type}/{id}/**"},
      method = {RequestMethod.POST, RequestMethod.PUT})
  ResponseEntity<Void> notifiedOf(
      HttpServletRequest request,
      @PathVariable String type,
      @PathVariable String id,
      @RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
      @RequestBody(required = false) byte @Nullable [] body) {
    return answer(notifications.receive(secret(request), type, id, contentType, text(body)));
  }

  private @Nullable String secret(HttpServletRequest request) {
    return request.getHeader(notifications.secretHeader());
  }

  private static @Nullable String text(byte @Nullable [] body) {
    return body == null || body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
  }

  private static ResponseEntity<Void> answer(Received received) {
    return switch (received) {
      case STORED, DUPLICATE, IGNORED -> ResponseEntity.ok().build();
      case DISABLED ->
          throw ProblemException.of(HttpStatus.NOT_FOUND, "fhir-connector-disabled")
              .detail("The FHIR connector is not enabled on this server.")
              .build();
      case NOT_CONFIGURED ->
          throw ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "fhir-notify-not-configured")
              .detail(
                  "No subscription secret is configured"
                      + " (accueil.integration.fhir.subscription.secret): notifications are"
                      + " refused.")
              .build();
      case WRONG_SECRET ->
          throw ProblemException.of(HttpStatus.UNAUTHORIZED, "fhir-notify-unauthorized")
              .detail(
                  "This notification does not carry the subscription's shared secret in the"
                      + " configured header.")
              .build();
      case UNREADABLE ->
          throw ProblemException.of(HttpStatus.BAD_REQUEST, "fhir-notify-unreadable")
              .detail(
                  "This notification is not a FHIR R4 Appointment, Slot or notification"
                      + " Bundle.")
              .build();
    };
  }
}
