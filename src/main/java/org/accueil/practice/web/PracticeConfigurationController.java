package org.accueil.practice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.practice.BookingRuleId;
import org.accueil.practice.Commands.BookingRuleDetails;
import org.accueil.practice.Commands.ClosureDetails;
import org.accueil.practice.Commands.LocationDetails;
import org.accueil.practice.Commands.ProfileDetails;
import org.accueil.practice.Commands.RoomDetails;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.RoomId;
import org.accueil.practice.web.Views.BookingRuleView;
import org.accueil.practice.web.Views.ClosureView;
import org.accueil.practice.web.Views.LocationView;
import org.accueil.practice.web.Views.PracticeView;
import org.accueil.practice.web.Views.RoomView;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The practice itself, its locations, closures, rooms and booking rules. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Practice configuration")
class PracticeConfigurationController {

  private final PracticeDirectory directory;
  private final PracticeAdministration administration;
  private final IdempotentRequests idempotency;

  PracticeConfigurationController(
      PracticeDirectory directory,
      PracticeAdministration administration,
      IdempotentRequests idempotency) {
    this.directory = directory;
    this.administration = administration;
    this.idempotency = idempotency;
  }

  @GetMapping("/practice")
  @Operation(summary = "The practice's name and the languages it speaks with patients")
  PracticeView practice() {
    return PracticeView.of(directory.snapshot().profile());
  }

  @PutMapping("/practice")
  PracticeView updatePractice(@Valid @RequestBody ProfileDetails details) {
    return PracticeView.of(administration.updateProfile(details));
  }

  @GetMapping("/locations")
  List<LocationView> locations() {
    return directory.snapshot().locations().stream()
        .sorted(Comparator.comparing(l -> l.name()))
        .map(LocationView::of)
        .toList();
  }

  @GetMapping("/locations/{id}")
  LocationView location(@PathVariable UUID id) {
    return directory
        .snapshot()
        .location(LocationId.of(id))
        .map(LocationView::of)
        .orElseThrow(() -> ProblemException.notFound("location", id));
  }

  @PostMapping("/locations")
  ResponseEntity<?> createLocation(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody LocationDetails details) {
    return idempotency.create(
        key,
        "/api/v1/locations",
        details,
        () -> LocationView.of(administration.createLocation(details)),
        LocationView::id);
  }

  @PutMapping("/locations/{id}")
  LocationView updateLocation(@PathVariable UUID id, @Valid @RequestBody LocationDetails details) {
    return LocationView.of(administration.updateLocation(LocationId.of(id), details));
  }

  @GetMapping("/closures")
  @Operation(summary = "Closures overlapping [from, to], or all of them")
  List<ClosureView> closures(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          java.time.@Nullable LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          java.time.@Nullable LocalDate to) {
    return directory.snapshot().closures().stream()
        .filter(c -> from == null || !c.lastDay().isBefore(from))
        .filter(c -> to == null || !c.firstDay().isAfter(to))
        .map(ClosureView::of)
        .toList();
  }

  @PostMapping("/closures")
  ResponseEntity<?> addClosure(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody ClosureDetails details) {
    return idempotency.create(
        key,
        "/api/v1/closures",
        details,
        () -> ClosureView.of(administration.addClosure(details)),
        ClosureView::id);
  }

  @GetMapping("/closures/{id}")
  ClosureView closure(@PathVariable UUID id) {
    return directory.snapshot().closures().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .map(ClosureView::of)
        .orElseThrow(() -> ProblemException.notFound("closure", id));
  }

  @DeleteMapping("/closures/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeClosure(@PathVariable UUID id) {
    administration.removeClosure(id);
  }

  @GetMapping("/rooms")
  List<RoomView> rooms(@RequestParam(required = false) @Nullable UUID location) {
    return directory.snapshot().rooms().stream()
        .filter(r -> location == null || r.location().value().equals(location))
        .sorted(Comparator.comparing(r -> r.name()))
        .map(RoomView::of)
        .toList();
  }

  @GetMapping("/rooms/{id}")
  RoomView room(@PathVariable UUID id) {
    return directory
        .snapshot()
        .room(RoomId.of(id))
        .map(RoomView::of)
        .orElseThrow(() -> ProblemException.notFound("room", id));
  }

  @PostMapping("/rooms")
  ResponseEntity<?> createRoom(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody RoomDetails details) {
    return idempotency.create(
        key,
        "/api/v1/rooms",
        details,
        () -> RoomView.of(administration.createRoom(details)),
        RoomView::id);
  }

  @PutMapping("/rooms/{id}")
  RoomView updateRoom(@PathVariable UUID id, @Valid @RequestBody RoomDetails details) {
    return RoomView.of(administration.updateRoom(RoomId.of(id), details));
  }

  @GetMapping("/booking-rules")
  List<BookingRuleView> rules() {
    return directory.snapshot().rules().stream().map(BookingRuleView::of).toList();
  }

  @PostMapping("/booking-rules")
  @Operation(
      summary = "Restrict when some bookings may happen",
      description =
          "Bookings matching the rule's provider, appointment type and patient category (each"
              + " optional, at least a type or a category) must fall within one of its windows.")
  ResponseEntity<?> createRule(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody BookingRuleDetails details) {
    return idempotency.create(
        key,
        "/api/v1/booking-rules",
        details,
        () -> BookingRuleView.of(administration.createRule(details)),
        BookingRuleView::id);
  }

  @GetMapping("/booking-rules/{id}")
  BookingRuleView rule(@PathVariable UUID id) {
    return directory.snapshot().rules().stream()
        .filter(r -> r.id().value().equals(id))
        .findFirst()
        .map(BookingRuleView::of)
        .orElseThrow(() -> ProblemException.notFound("booking-rule", id));
  }

  @PutMapping("/booking-rules/{id}")
  BookingRuleView updateRule(
      @PathVariable UUID id, @Valid @RequestBody BookingRuleDetails details) {
    return BookingRuleView.of(administration.updateRule(BookingRuleId.of(id), details));
  }

  @DeleteMapping("/booking-rules/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeRule(@PathVariable UUID id) {
    administration.removeRule(BookingRuleId.of(id));
  }
}
