package org.accueil.conversations.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.UUID;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.web.ConversationViews.EntryView;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A patient's one timeline, whatever channel each entry came by. */
@RestController
@Tag(name = "Conversations")
class PatientTimelineController {

  private final Conversations conversations;

  PatientTimelineController(Conversations conversations) {
    this.conversations = conversations;
  }

  @GetMapping("/api/v1/patients/{id}/timeline")
  @Operation(
      summary = "The patient's messages on every channel and what happened, newest last",
      description =
          "Each entry has its channel, direction (inbound from the patient, outbound to them), the"
              + " text (also as body) and at. The newest `limit` entries (default 200), or those"
              + " just before the entry whose seq is `before`, or just after `after`. A merged"
              + " record answers with the surviving record's timeline. Every read is audited.")
  List<EntryView> timeline(
      @PathVariable UUID id,
      @RequestParam(required = false) @Nullable @PositiveOrZero Long before,
      @RequestParam(required = false) @Nullable @PositiveOrZero Long after,
      @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
    return conversations.timeline(PatientId.of(id), before, after, limit).stream()
        .map(EntryView::of)
        .toList();
  }
}
