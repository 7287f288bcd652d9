package org.accueil.assistant.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.accueil.assistant.understanding.Understander;
import org.accueil.assistant.understanding.Understanding;
import org.accueil.assistant.understanding.When;
import org.accueil.platform.ProblemException;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the assistant understands of a message, for staff to try it and for integrations: the
 * language, the intent, the time asked for, the provider and the appointment type named. Nothing is
 * stored.
 */
@RestController
@RequestMapping("/api/v1/assistant")
class UnderstandingController {

  /** Always with seconds: "2026-03-13T14:00:00+01:00". */
  private static final DateTimeFormatter OFFSET_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private final Understander understander;
  private final PracticeDirectory practice;
  private final Clock clock;

  UnderstandingController(Understander understander, PracticeDirectory practice, Clock clock) {
    this.understander = understander;
    this.practice = practice;
    this.clock = clock;
  }

  /**
   * @param text the patient's message
   * @param now when it was written: an ISO-8601 date-time, with or without offset, read in {@code
   *     zone}; the server's now when absent
   * @param zone an IANA zone; the practice's first location's when absent
   */
  record UnderstandRequest(
      @NotBlank @Size(max = 2000) String text,
      @Nullable @Size(max = 64) String now,
      @Nullable @Size(max = 64) String zone) {}

  record Named(UUID id, String name) {}

  record WhenView(String start, String end, String grain) {}

  record UnderstandingView(
      String language,
      String intent,
      @Nullable WhenView when,
      @Nullable Named provider,
      @Nullable Named appointmentType,
      boolean emergency,
      @Nullable Boolean newPatient,
      @Nullable String dependent,
      List<String> reasons) {}

  @PostMapping("/understand")
  UnderstandingView understand(@Valid @RequestBody UnderstandRequest request) {
    ZoneId zone = zone(request.zone());
    ZonedDateTime now = now(request.now(), zone);
    Understanding understood = understander.understand(request.text(), now, null);
    return new UnderstandingView(
        understood.language().getLanguage(),
        understood.intent().code(),
        view(understood.when(), zone),
        understood.provider() == null
            ? null
            : new Named(understood.provider().id().value(), understood.provider().name()),
        understood.appointmentType() == null
            ? null
            : new Named(
                understood.appointmentType().id().value(), understood.appointmentType().name()),
        understood.emergency(),
        understood.newPatient(),
        understood.dependent(),
        understood.reasons());
  }

  private ZoneId zone(@Nullable String zone) {
    if (zone == null || zone.isBlank()) {
      return practice.snapshot().locations().stream()
          .filter(Location::active)
          .min(Comparator.comparing(Location::name).thenComparing(l -> l.id().value()))
          .map(Location::zone)
          .orElse(clock.getZone());
    }
    try {
      return ZoneId.of(zone.strip());
    } catch (DateTimeException e) {
      throw invalid("zone", zone, "an IANA time zone such as Europe/Paris");
    }
  }

  private ZonedDateTime now(@Nullable String now, ZoneId zone) {
    if (now == null || now.isBlank()) {
      return ZonedDateTime.now(clock).withZoneSameInstant(zone);
    }
    String value = now.strip();
    try {
      return OffsetDateTime.parse(value).atZoneSameInstant(zone);
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(value).atZone(zone);
      } catch (DateTimeParseException e) {
        throw invalid("now", now, "an ISO-8601 date-time such as 2026-03-10T09:00:00+01:00");
      }
    }
  }

  private static @Nullable WhenView view(@Nullable When when, ZoneId zone) {
    if (when == null) {
      return null;
    }
    return new WhenView(
        OFFSET_SECONDS.format(when.start().atZoneSameInstant(zone)),
        OFFSET_SECONDS.format(when.end().atZoneSameInstant(zone)),
        when.grain().code());
  }

  private static ProblemException invalid(String field, String value, String expected) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
        .detail("\"{1}\" is not a valid value for {0} (expected {2}).", field, value, expected)
        .with("field", field)
        .build();
  }
}
