package org.accueil.patients.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.DuplicateReview;
import org.accueil.patients.Merge;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.patients.PossibleDuplicate;
import org.accueil.patients.matching.Comparison;
import org.accueil.patients.web.PatientViews.MergeView;
import org.accueil.patients.web.PatientViews.PatientRecordView;
import org.accueil.patients.web.PatientViews.PatientView;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The review queue: provisional records, possible duplicates side by side, merges and unmerges. */
@RestController
@RequestMapping("/api/v1/patients")
@Tag(name = "Patient review")
class ReviewController {

  record MergeRequest(
      @NotNull UUID survivorId,
      @NotNull UUID duplicateId,
      @NotBlank @Size(max = 500) String reason) {}

  record UnmergeRequest(@NotBlank @Size(max = 500) String reason) {}

  /** A pair in the queue, the two records side by side and how they compared. */
  record DuplicateView(
      UUID id,
      String status,
      Instant foundAt,
      @Nullable Instant decidedAt,
      PatientRecordView patient,
      PatientRecordView candidate,
      Comparison comparison) {}

  record Queue(List<PatientView> provisional, List<DuplicateView> duplicates) {}

  private final Patients patients;
  private final DuplicateReview review;
  private final Audit audit;

  ReviewController(Patients patients, DuplicateReview review, Audit audit) {
    this.patients = patients;
    this.review = review;
    this.audit = audit;
  }

  @GetMapping("/review")
  @Operation(
      summary = "The review queue: provisional records and open possible duplicates, oldest first")
  Queue queue(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
    var provisional = review.provisional(limit).stream().map(PatientView::of).toList();
    var pairs = review.open(limit).stream().map(this::view).toList();
    audit.success(
        "patient.review.view",
        "patient",
        null,
        Map.of("provisional", provisional.size(), "duplicates", pairs.size()));
    return new Queue(provisional, pairs);
  }

  @GetMapping("/duplicates/{id}")
  @Operation(summary = "A possible duplicate: the two records side by side, field by field")
  DuplicateView duplicate(@PathVariable UUID id) {
    PossibleDuplicate pair = review.find(id);
    audit.success(
        "patient.view",
        "patient",
        pair.patient().value(),
        Map.of("patient", pair.patient().value(), "candidate", pair.candidate().value()));
    return view(pair);
  }

  @PostMapping("/duplicates/{id}/distinct")
  @Operation(summary = "The two records are two people: the pair is not proposed again")
  DuplicateView distinct(@PathVariable UUID id) {
    return view(review.distinct(id));
  }

  @PostMapping("/merges")
  @Operation(
      summary = "Merge a duplicate record into the record that survives",
      description =
          "Appointments, identifiers, other contact points, channel identities, guardian links"
              + " and earlier merges' tombstones move to the survivor; the survivor keeps its"
              + " details and takes the duplicate's where it has none; the duplicate becomes a"
              + " tombstone. Audited; undone with /merges/{id}/unmerge within the grace period."
              + " 409 when both have a visit at the same time, or one is the other's guardian.")
  ResponseEntity<MergeView> merge(@Valid @RequestBody MergeRequest request) {
    Merge merge =
        patients.merge(
            PatientId.of(request.survivorId()),
            PatientId.of(request.duplicateId()),
            request.reason());
    return ResponseEntity.created(URI.create("/api/v1/patients/merges/" + merge.id()))
        .body(MergeView.of(merge));
  }

  @GetMapping("/merges/{id}")
  MergeView mergeOf(@PathVariable UUID id) {
    return MergeView.of(
        patients.findMerge(id).orElseThrow(() -> ProblemException.notFound("merge", id)));
  }

  @PostMapping("/merges/{id}/unmerge")
  @Operation(
      summary = "Undo a merge within its grace period",
      description =
          "What the merge moved goes back to the duplicate, which is a record of its own again;"
              + " what was added to the survivor since stays with it.")
  MergeView unmerge(@PathVariable UUID id, @Valid @RequestBody UnmergeRequest request) {
    return MergeView.of(patients.unmerge(id, request.reason()));
  }

  private DuplicateView view(PossibleDuplicate pair) {
    return new DuplicateView(
        pair.id(),
        pair.status(),
        pair.foundAt(),
        pair.decidedAt(),
        PatientRecordView.of(patients.record(patients.find(pair.patient()).orElseThrow())),
        PatientRecordView.of(patients.record(patients.find(pair.candidate()).orElseThrow())),
        pair.comparison());
  }
}
