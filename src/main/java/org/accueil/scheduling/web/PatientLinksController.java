package org.accueil.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.accueil.platform.ProblemException;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.security.PatientLinks;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/appointments/{id}/links")
@Tag(name = "Appointments")
class PatientLinksController {

  /** Long enough for a visit booked three months ahead; a stolen old link dies on its own. */
  static final Duration LONGEST_VALIDITY = Duration.ofDays(90);

  /** After the visit the patient may still look it up for a day. */
  private static final Duration AFTER_THE_VISIT = Duration.ofDays(1);

  record LinkRequest(@Nullable OffsetDateTime expiresAt) {}

  /**
   * @param token the bearer credential: {@code Authorization: Bearer <token>} on the API
   * @param url the page a patient opens; the token is its last path segment
   */
  record LinkView(UUID id, UUID appointmentId, String token, String url, Instant expiresAt) {}

  private final Appointments appointments;
  private final PatientLinks links;
  private final Clock clock;

  PatientLinksController(Appointments appointments, PatientLinks links, Clock clock) {
    this.appointments = appointments;
    this.links = links;
    this.clock = clock;
  }

  @PostMapping
  @Operation(
      summary = "Issue a patient access link for this appointment",
      description =
          "The link lets its holder see, move or cancel this one appointment and nothing else."
              + " It expires a day after the visit unless expiresAt says earlier (at most 90"
              + " days from now). Send it to the patient; it is not shown again.")
  ResponseEntity<LinkView> issue(
      @PathVariable UUID id, @RequestBody(required = false) @Nullable LinkRequest request) {
    Appointment appointment = Access.visibleAppointment(appointments, id);
    Instant now = clock.instant();
    Instant latest = now.plus(LONGEST_VALIDITY);
    Instant expires;
    if (request != null && request.expiresAt() != null) {
      expires = request.expiresAt().toInstant();
      if (!expires.isAfter(now) || expires.isAfter(latest)) {
        throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-link-expiry")
            .detail(
                "A link must expire in the future and within {0} days.", LONGEST_VALIDITY.toDays())
            .with("field", "expiresAt")
            .build();
      }
    } else {
      Instant afterVisit = appointment.end().plus(AFTER_THE_VISIT);
      expires = afterVisit.isBefore(latest) ? afterVisit : latest;
      if (!expires.isAfter(now)) {
        throw ProblemException.of(HttpStatus.CONFLICT, "appointment-past")
            .detail("This appointment is over; a link to manage it would be of no use.")
            .build();
      }
    }
    var link = links.issue(id, expires);
    String url =
        ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/p/{token}")
            .buildAndExpand(Map.of("token", link.token()))
            .toUriString();
    return ResponseEntity.created(URI.create("/api/v1/appointments/" + id + "/links/" + link.id()))
        .body(new LinkView(link.id(), id, link.token(), url, link.expiresAt()));
  }

  @DeleteMapping
  @Operation(summary = "Revoke every access link to this appointment, at once")
  Map<String, Integer> revoke(@PathVariable UUID id) {
    Access.visibleAppointment(appointments, id);
    return Map.of("revoked", links.revokeAll(id));
  }
}
