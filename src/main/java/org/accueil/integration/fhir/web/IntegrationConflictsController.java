package org.accueil.integration.fhir.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.accueil.integration.fhir.Conflict;
import org.accueil.integration.fhir.Conflicts;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integration/conflicts")
@Tag(name = "Integration")
@Validated
class IntegrationConflictsController {

  /**
   * @param resolution for {@code double-booked}: {@code keep-both}, {@code cancel-ours} or {@code
   *     cancel-theirs-noted}; for {@code unmapped} and {@code not-applied}: {@code retried} or
   *     {@code dismissed}; for {@code time-differs}: {@code dismissed}
   * @param note what was decided, in words, for colleagues
   */
  record Resolution(
      @NotBlank
          @Pattern(
              regexp = "keep-both|cancel-ours|cancel-theirs-noted|retried|dismissed",
              message = "{validation.conflict-resolution}")
          String resolution,
      @Nullable @Size(max = 1000) String note) {}

  private final Conflicts conflicts;

  IntegrationConflictsController(Conflicts conflicts) {
    this.conflicts = conflicts;
  }

  @GetMapping
  @Operation(
      summary = "Conflicts between Accueil and the EHR",
      description =
          "Newest first. status: open (default) or resolved; all for both. A double-booked"
              + " conflict means the EHR booked a time Accueil had given: both appointments are"
              + " kept until someone resolves it.")
  List<Conflict> list(
      @RequestParam(defaultValue = "open") @Pattern(regexp = "open|resolved|all") String status,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    return conflicts.list(status.equals("all") ? null : status, limit);
  }

  @GetMapping("/{id}")
  @Operation(summary = "One conflict")
  Conflict get(@PathVariable UUID id) {
    return conflicts
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("integration-conflict", id));
  }

  @PostMapping("/{id}/resolve")
  @Operation(
      summary = "Resolve a conflict",
      description =
          "cancel-ours cancels Accueil's appointment (the EHR is told, and the EHR's appointment"
              + " then blocks the time); keep-both and cancel-theirs-noted record the decision"
              + " (the EHR's appointment is cancelled there by staff); retried applies the EHR's"
              + " resource again, after a mapping was added. 409 when already resolved; 422 when"
              + " the resolution does not fit the conflict's kind.")
  Conflict resolve(@PathVariable UUID id, @Valid @RequestBody Resolution request) {
    return conflicts.resolve(id, request.resolution(), request.note());
  }
}
