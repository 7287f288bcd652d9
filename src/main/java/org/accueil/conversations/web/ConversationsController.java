package org.accueil.conversations.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.accueil.channels.OutboundContent;
import org.accueil.conversations.ConversationState;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.Conversations.InboxFilter;
import org.accueil.conversations.Priority;
import org.accueil.conversations.web.ConversationViews.ConversationView;
import org.accueil.conversations.web.ConversationViews.EntryView;
import org.accueil.patients.Channel;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The staff's inbox: conversations, their timelines, replies, notes and hand-overs. */
@RestController
@RequestMapping("/api/v1/conversations")
@Tag(name = "Conversations")
class ConversationsController {

  static final List<ConversationState> OPEN =
      List.of(
          ConversationState.WAITING_FOR_STAFF,
          ConversationState.WITH_STAFF,
          ConversationState.WITH_ASSISTANT);

  record ChoiceRequest(
      @NotBlank @Size(max = 200) String id,
      @NotBlank @Size(max = 20) String title,
      @Nullable @Size(max = 72) String description) {}

  /**
   * @param channel where to send it; without it, where the patient last wrote
   * @param choices up to 3 become reply buttons, up to 10 a list (WhatsApp); numbered lines
   *     elsewhere
   */
  record ReplyRequest(
      @NotBlank @Size(max = 4000) String text,
      @Nullable Channel channel,
      @Nullable @Size(max = 10) List<@Valid @NotNull ChoiceRequest> choices,
      @Nullable @Size(max = 20) String choicesButton) {}

  record NoteRequest(@NotBlank @Size(max = 4000) String text) {}

  /**
   * @param assignee a staff user's id, {@code me}, or null to unassign
   */
  record AssignRequest(
      @Nullable @Pattern(regexp = "me|[0-9a-fA-F-]{36}", message = "{validation.assignee}")
          String assignee) {}

  record SnoozeRequest(@NotNull Instant until) {}

  record PriorityRequest(@NotNull Priority priority) {}

  record ReadRequest(@NotNull @PositiveOrZero Long seq) {}

  record IdentifyRequest(@NotNull UUID patientId) {}

  private final Conversations conversations;
  private final Patients patients;
  private final IdempotentRequests idempotency;

  ConversationsController(
      Conversations conversations, Patients patients, IdempotentRequests idempotency) {
    this.conversations = conversations;
    this.patients = patients;
    this.idempotency = idempotency;
  }

  @GetMapping
  @Operation(
      summary = "The inbox: urgent first, then the most recently active",
      description =
          "Filters combine: mine (assigned to the caller), unassigned, urgent, channel (where the"
              + " patient last wrote), state (repeatable; default the open ones: waiting-for-staff,"
              + " with-staff, with-assistant).")
  List<ConversationView> inbox(
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(defaultValue = "false") boolean unassigned,
      @RequestParam(defaultValue = "false") boolean urgent,
      @RequestParam(required = false) @Nullable String channel,
      @RequestParam(required = false) @Nullable List<String> state,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int offset) {
    List<ConversationState> states =
        state == null || state.isEmpty()
            ? OPEN
            : state.stream()
                .map(
                    s ->
                        ConversationState.ofCode(s)
                            .orElseThrow(
                                () ->
                                    ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
                                        .detail(
                                            "Unknown state ''{0}'': use waiting-for-staff,"
                                                + " with-staff, with-assistant, resolved or"
                                                + " snoozed.",
                                            s)
                                        .with("field", "state")
                                        .build()))
                .toList();
    Channel lastChannel =
        channel == null
            ? null
            : Channel.ofCode(channel)
                .orElseThrow(
                    () ->
                        ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
                            .detail(
                                "Unknown channel ''{0}'': use whatsapp, sms, phone, email or"
                                    + " webchat.",
                                channel)
                            .with("field", "channel")
                            .build());
    return conversations
        .inbox(new InboxFilter(states, mine, unassigned, urgent, lastChannel), limit, offset)
        .stream()
        .map(ConversationView::of)
        .toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "One conversation")
  ConversationView conversation(@PathVariable UUID id) {
    return view(conversations.find(id));
  }

  @GetMapping("/{id}/timeline")
  @Operation(
      summary = "The conversation's timeline, oldest first",
      description =
          "The newest `limit` entries, or those just before the entry whose seq is `before`, or"
              + " just after the one whose seq is `after`. Every read is audited.")
  List<EntryView> timeline(
      @PathVariable UUID id,
      @RequestParam(required = false) @Nullable @PositiveOrZero Long before,
      @RequestParam(required = false) @Nullable @PositiveOrZero Long after,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return conversations.timeline(id, before, after, limit).stream().map(EntryView::of).toList();
  }

  @PostMapping("/{id}/replies")
  @Operation(
      summary = "Reply to the patient",
      description =
          "On `channel`, or where the patient last wrote, provided they accept messages there and"
              + " the channel is configured. On WhatsApp after its 24-hour window, the practice's"
              + " approved 'reopen' template goes out first and the reply follows once the patient"
              + " answers. Send `Idempotency-Key` to make a retried click send once.")
  ResponseEntity<?> reply(
      @PathVariable UUID id,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody ReplyRequest request) {
    return idempotency.create(
        key,
        "/api/v1/conversations/" + id + "/replies",
        request,
        () -> EntryView.of(conversations.reply(id, content(request), request.channel())),
        EntryView::id);
  }

  @PostMapping("/{id}/notes")
  @Operation(summary = "An internal note: staff only, never sent to the patient")
  ResponseEntity<?> note(
      @PathVariable UUID id,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody NoteRequest request) {
    return idempotency.create(
        key,
        "/api/v1/conversations/" + id + "/notes",
        request,
        () -> EntryView.of(conversations.note(id, request.text())),
        EntryView::id);
  }

  @PostMapping("/{id}/assign")
  @Operation(summary = "Put a staff member (`me`, or a user id) in charge, or nobody (null)")
  ConversationView assign(@PathVariable UUID id, @Valid @RequestBody AssignRequest request) {
    UUID assignee = null;
    if ("me".equals(request.assignee())) {
      Actor me = Actor.current();
      if (me.kind() != Actor.Kind.USER) {
        throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "not-a-staff-member")
            .detail("Only a signed-in staff member can take a conversation as 'me'.")
            .with("field", "assignee")
            .build();
      }
      assignee = UUID.fromString(me.id());
    } else if (request.assignee() != null) {
      assignee = UUID.fromString(request.assignee());
    }
    return view(conversations.assign(id, assignee));
  }

  @PostMapping("/{id}/hand-back")
  @Operation(summary = "Hand the conversation back to the assistant")
  ConversationView handBack(@PathVariable UUID id) {
    return view(conversations.handBackToAssistant(id));
  }

  @PostMapping("/{id}/resolve")
  @Operation(summary = "Nothing left to do until the patient writes again")
  ConversationView resolve(@PathVariable UUID id) {
    return view(conversations.resolve(id));
  }

  @PostMapping("/{id}/snooze")
  @Operation(summary = "Out of the queue until `until`, or until the patient writes again")
  ConversationView snooze(@PathVariable UUID id, @Valid @RequestBody SnoozeRequest request) {
    return view(conversations.snooze(id, request.until()));
  }

  @PostMapping("/{id}/priority")
  @Operation(summary = "Mark the conversation urgent, or not")
  ConversationView priority(@PathVariable UUID id, @Valid @RequestBody PriorityRequest request) {
    return view(conversations.prioritise(id, request.priority()));
  }

  @PostMapping("/{id}/read")
  @Operation(summary = "The caller read the conversation up to the entry `seq`")
  ResponseEntity<Void> read(@PathVariable UUID id, @Valid @RequestBody ReadRequest request) {
    conversations.markRead(id, request.seq());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/patient")
  @Operation(
      summary = "Say who a sender on a shared number is",
      description =
          "For a conversation whose sender the registry could not tell apart (a family's number):"
              + " it joins the patient's timeline.")
  ConversationView identify(@PathVariable UUID id, @Valid @RequestBody IdentifyRequest request) {
    return view(conversations.identify(id, PatientId.of(request.patientId())));
  }

  private ConversationView view(org.accueil.conversations.Conversation c) {
    return ConversationView.of(
        c, c.patient() == null ? null : patients.find(c.patient()).orElse(null), null);
  }

  private static OutboundContent content(ReplyRequest request) {
    List<ChoiceRequest> choices = request.choices() == null ? List.of() : request.choices();
    if (choices.isEmpty()) {
      return new OutboundContent.Text(request.text());
    }
    List<OutboundContent.Choice> list =
        choices.stream()
            .map(c -> new OutboundContent.Choice(c.id(), c.title(), c.description()))
            .toList();
    if (list.size() <= 3 && list.stream().allMatch(c -> c.description() == null)) {
      return new OutboundContent.Buttons(request.text(), list);
    }
    return new OutboundContent.Menu(
        request.text(),
        request.choicesButton() == null ? "Options" : request.choicesButton(),
        list);
  }
}
