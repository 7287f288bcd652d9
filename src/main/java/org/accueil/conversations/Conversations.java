package org.accueil.conversations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.channels.OutboundContent;
import org.accueil.conversations.internal.ConversationRepository;
import org.accueil.conversations.internal.ConversationRepository.InboxQuery;
import org.accueil.conversations.internal.EntryRepository;
import org.accueil.conversations.internal.LiveInbox;
import org.accueil.conversations.internal.Sending;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.security.StaffAccounts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff's and the assistant's front door to conversations: the patient's timeline, the inbox,
 * replies on the channel of the patient's choosing, assignment, hand-overs, notes, snoozing,
 * resolving. Every change is announced live to every node's open inboxes.
 */
@Service
public class Conversations {

  /**
   * The {@link org.accueil.platform.LiveNotifications} topic of timeline news, on every node: a new
   * or changed entry, payload {@code {"conversation":"<id>","seq":<n>}}.
   */
  public static final String LIVE_ENTRIES = LiveInbox.TIMELINE;

  /**
   * The {@link org.accueil.platform.LiveNotifications} topic of inbox news, on every node: a
   * conversation's state, priority or assignment changed, payload {@code {"conversation":"<id>"}}.
   */
  public static final String LIVE_CONVERSATIONS = LiveInbox.INBOX;

  private final ConversationRepository conversations;
  private final EntryRepository entries;
  private final Patients patients;
  private final Sending sending;
  private final StaffAccounts staff;
  private final LiveInbox live;
  private final ApplicationEventPublisher events;
  private final Audit audit;
  private final Clock clock;

  Conversations(
      ConversationRepository conversations,
      EntryRepository entries,
      Patients patients,
      Sending sending,
      StaffAccounts staff,
      LiveInbox live,
      ApplicationEventPublisher events,
      Audit audit,
      Clock clock) {
    this.conversations = conversations;
    this.entries = entries;
    this.patients = patients;
    this.sending = sending;
    this.staff = staff;
    this.live = live;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  // ---------------------------------------------------------------------------------- reads

  /** The conversation, if the caller may see its patient; else 404. */
  public Conversation find(UUID id) {
    Conversation conversation =
        conversations.find(id).orElseThrow(() -> ProblemException.notFound("conversation", id));
    if (conversation.patient() != null) {
      try {
        patients.visibleToCaller(conversation.patient());
      } catch (ProblemException hidden) {
        throw ProblemException.notFound("conversation", id);
      }
    } else if (Actor.current().ownCalendarOnly() != null) {
      // A sender nobody has identified is no clinician's patient yet.
      throw ProblemException.notFound("conversation", id);
    }
    return conversation;
  }

  /** The patient's conversation (the current record's, after a merge), if they have one. */
  public Optional<Conversation> ofPatient(PatientId id) {
    Patient patient = patients.visibleToCaller(id);
    return conversations.byPatient(patient.id());
  }

  /**
   * A page of the patient's timeline, oldest first: the {@code limit} newest entries, or those just
   * before or after the entry with sequence number {@code before} / {@code after}.
   */
  public List<TimelineEntry> timeline(
      PatientId id, @Nullable Long before, @Nullable Long after, int limit) {
    Patient patient = patients.visibleToCaller(id);
    // A merged record's timeline is the survivor's.
    PatientId current = patients.current(patient.id()).map(Patient::id).orElse(patient.id());
    audit.success("conversation.timeline.view", "patient", current.value());
    return conversations
        .byPatient(current)
        .map(c -> entries.page(c.id(), before, after, limit))
        .orElse(List.of());
  }

  /** A page of a conversation's timeline (also for a sender not yet identified). */
  public List<TimelineEntry> timeline(
      UUID conversation, @Nullable Long before, @Nullable Long after, int limit) {
    Conversation c = find(conversation);
    audit.success(
        "conversation.timeline.view",
        "conversation",
        c.id(),
        c.patient() == null ? Map.of() : Map.of("patient", c.patient().value()));
    return entries.page(c.id(), before, after, limit);
  }

  /**
   * One timeline entry, for the modules that act on what patients write (the assistant): no
   * caller's rights are checked, so never answer a person with it.
   */
  public Optional<TimelineEntry> entry(UUID id) {
    return entries.find(id);
  }

  /**
   * The facts of the newest message sent in the conversation since {@code since}, if it was a
   * notice of {@code kind} ({@code reminder}, {@code waitlist-offer}): which appointment or offer a
   * bare "yes" answers.
   */
  public Optional<Map<String, Object>> lastNotice(UUID conversation, String kind, Instant since) {
    return entries.lastNotice(conversation, kind, since);
  }

  /** What an inbox view shows. */
  public record InboxFilter(
      List<ConversationState> states,
      boolean mine,
      boolean unassigned,
      boolean urgent,
      @Nullable Channel channel) {}

  /** One line of the inbox. */
  public record InboxItem(Conversation conversation, @Nullable Patient patient, boolean unread) {}

  /** The inbox: urgent first, then the most recently active; a clinician sees their patients'. */
  public List<InboxItem> inbox(InboxFilter filter, int limit, int offset) {
    Actor me = Actor.current();
    List<Conversation> page =
        conversations.inbox(
            new InboxQuery(
                filter.states(),
                filter.mine() ? me.reference() : null,
                filter.unassigned(),
                filter.urgent(),
                filter.channel()),
            limit,
            offset);
    if (me.ownCalendarOnly() != null) {
      // A clinician sees the conversations of the patients booked with them, and no sender the
      // registry has not identified.
      List<PatientId> visible =
          patients.visibleAmong(
              page.stream().map(Conversation::patient).filter(p -> p != null).toList());
      page =
          page.stream().filter(c -> c.patient() != null && visible.contains(c.patient())).toList();
    }
    return page.stream()
        .map(
            c ->
                new InboxItem(
                    c,
                    c.patient() == null ? null : patients.find(c.patient()).orElse(null),
                    c.lastSeq() > conversations.readUpTo(c.id(), me.reference())))
        .toList();
  }

  /**
   * The newest message of each of the inbox's conversations (the caller got them from {@link
   * #inbox}, which checked what they may see), for the excerpt each line shows: one query, and one
   * audit record for the texts read.
   */
  public Map<UUID, TimelineEntry> lastMessages(List<InboxItem> items) {
    if (items.isEmpty()) {
      return Map.of();
    }
    List<UUID> ids = items.stream().map(i -> i.conversation().id()).toList();
    Map<UUID, TimelineEntry> newest = entries.lastMessages(ids);
    audit.success(
        "conversation.inbox.view",
        "conversation",
        null,
        Map.of("conversations", String.join(",", ids.stream().map(UUID::toString).toList())));
    return newest;
  }

  /**
   * A channel a staff reply could take now, best first, as {@link #reply} would judge it.
   *
   * @param refusal why not ({@code patient-opted-out}, {@code no-address-on-channel}…); null when
   *     it can
   * @param waitsForWindow on WhatsApp outside its 24-hour window: the approved template goes first
   *     and the reply waits for the patient's answer
   */
  public record ReplyChannel(Channel channel, @Nullable String refusal, boolean waitsForWindow) {
    public boolean usable() {
      return refusal == null;
    }
  }

  /** Where a staff reply to the conversation could go now, and why not elsewhere. */
  public List<ReplyChannel> replyChannels(UUID conversation) {
    return sending.options(find(conversation));
  }

  // -------------------------------------------------------------------------------- writing

  /**
   * A staff member's reply to the patient.
   *
   * @param channel where to send it; null for the channel the patient last wrote on (falling back,
   *     when that channel cannot carry it now, to another the patient accepts)
   */
  @Transactional
  public TimelineEntry reply(
      UUID conversation, OutboundContent content, @Nullable Channel channel) {
    Conversation c = lockVisible(conversation);
    Actor me = Actor.current();
    TimelineEntry entry = sending.send(c, Author.STAFF, me.reference(), content, channel);
    if (c.state() != ConversationState.WITH_STAFF || c.assignee() == null) {
      conversations.setState(c.id(), ConversationState.WITH_STAFF, null, now());
      if (c.assignee() == null) {
        conversations.setAssignee(c.id(), me.reference(), now());
      }
      changed(c.id());
    }
    audit.success(
        "conversation.reply",
        "conversation",
        c.id(),
        Map.of(
            "entry", entry.id(), "channel", entry.channel() == null ? "" : entry.channel().code()));
    return entry;
  }

  /**
   * The assistant's answer to the patient, on the channel they last wrote on: the conversation
   * stays with the assistant.
   */
  @Transactional
  public TimelineEntry answer(UUID conversation, OutboundContent content) {
    Conversation c = conversations.lock(conversation).orElseThrow();
    return sending.send(c, Author.ASSISTANT, null, content, null);
  }

  /**
   * The assistant's answer on a channel it chose (a confirmation by WhatsApp template after a call,
   * say).
   */
  @Transactional
  public TimelineEntry answer(UUID conversation, OutboundContent content, Channel channel) {
    Conversation c = conversations.lock(conversation).orElseThrow();
    return sending.send(c, Author.ASSISTANT, null, content, channel);
  }

  /**
   * The assistant answered the patient and keeps the conversation: out of the staff's queue, unless
   * a staff member has it in hand or it is urgent.
   */
  @Transactional
  public Conversation keepWithAssistant(UUID conversation) {
    Conversation c = conversations.lock(conversation).orElseThrow();
    if (c.state() == ConversationState.WAITING_FOR_STAFF
        && c.assignee() == null
        && c.priority() != Priority.URGENT) {
      conversations.setState(c.id(), ConversationState.WITH_ASSISTANT, null, now());
      return changed(c.id());
    }
    return c;
  }

  /** The patient's conversation, started (with the assistant) if they have none yet. */
  @Transactional
  public Conversation ofPatientOrNew(PatientId patient) {
    PatientId current = patients.current(patient).map(Patient::id).orElse(patient);
    return conversations.ofPatient(current, ConversationState.WITH_ASSISTANT, now());
  }

  /** An internal note: staff only, never sent. */
  @Transactional
  public TimelineEntry note(UUID conversation, String text) {
    Conversation c = lockVisible(conversation);
    Actor me = Actor.current();
    TimelineEntry entry =
        append(
            c.id(),
            TimelineEntry.Kind.NOTE,
            null,
            null,
            Author.STAFF,
            me.reference(),
            text,
            null,
            Map.of());
    audit.success("conversation.note", "conversation", c.id(), Map.of("entry", entry.id()));
    return entry;
  }

  /**
   * Puts a staff member in charge, or nobody.
   *
   * @param assignee a staff user's id, or null to unassign
   */
  @Transactional
  public Conversation assign(UUID conversation, @Nullable UUID assignee) {
    Conversation c = lockVisible(conversation);
    String reference = null;
    if (assignee != null) {
      var user =
          staff
              .find(assignee)
              .orElseThrow(
                  () ->
                      ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-staff-user")
                          .detail("No staff member has the id {0}.", assignee)
                          .with("field", "assignee")
                          .build());
      reference = "user:" + user.id();
    }
    conversations.setAssignee(c.id(), reference, now());
    if (reference != null
        && (c.state() == ConversationState.WAITING_FOR_STAFF
            || c.state() == ConversationState.WITH_ASSISTANT)) {
      conversations.setState(c.id(), ConversationState.WITH_STAFF, null, now());
    }
    systemEvent(
        c.id(),
        reference == null ? "conversation.unassigned" : "conversation.assigned",
        reference == null ? Map.of() : Map.of("assignee", reference));
    audit.success(
        "conversation.assign",
        "conversation",
        c.id(),
        Map.of("assignee", reference == null ? "" : reference));
    return changed(c.id());
  }

  /** The assistant takes the conversation back; nobody is in charge. */
  @Transactional
  public Conversation handBackToAssistant(UUID conversation) {
    Conversation c = lockVisible(conversation);
    conversations.setAssignee(c.id(), null, now());
    conversations.setState(c.id(), ConversationState.WITH_ASSISTANT, null, now());
    systemEvent(c.id(), "conversation.handed-back", Map.of());
    audit.success("conversation.hand-back", "conversation", c.id());
    return changed(c.id());
  }

  /**
   * The assistant hands over to a person, at once: for an emergency, distress, or because the
   * patient asked. The conversation waits for staff; urgent ones first.
   */
  @Transactional
  public Conversation handOverToStaff(UUID conversation, String reason, boolean urgent) {
    Conversation c = conversations.lock(conversation).orElseThrow();
    conversations.setState(c.id(), ConversationState.WAITING_FOR_STAFF, null, now());
    if (urgent) {
      conversations.setPriority(c.id(), Priority.URGENT, now());
    }
    systemEvent(c.id(), "conversation.handed-over", Map.of("reason", reason, "urgent", urgent));
    events.publishEvent(new ConversationHandedOver(c.id(), c.patient(), urgent));
    return changed(c.id());
  }

  @Transactional
  public Conversation resolve(UUID conversation) {
    Conversation c = lockVisible(conversation);
    conversations.setState(c.id(), ConversationState.RESOLVED, null, now());
    conversations.setPriority(c.id(), Priority.NORMAL, now());
    systemEvent(c.id(), "conversation.resolved", Map.of());
    audit.success("conversation.resolve", "conversation", c.id());
    events.publishEvent(
        new ConversationResolved(c.id(), c.patient(), now(), c.priority() == Priority.URGENT));
    return changed(c.id());
  }

  /** Out of the queue until {@code until}, or until the patient writes again. */
  @Transactional
  public Conversation snooze(UUID conversation, Instant until) {
    Conversation c = lockVisible(conversation);
    if (!until.isAfter(now())) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-request")
          .detail("A conversation is snoozed until a time in the future.")
          .with("field", "until")
          .build();
    }
    conversations.setState(c.id(), ConversationState.SNOOZED, until, now());
    systemEvent(c.id(), "conversation.snoozed", Map.of("until", until.toString()));
    audit.success("conversation.snooze", "conversation", c.id());
    return changed(c.id());
  }

  @Transactional
  public Conversation prioritise(UUID conversation, Priority priority) {
    Conversation c = lockVisible(conversation);
    conversations.setPriority(c.id(), priority, now());
    audit.success(
        "conversation.priority", "conversation", c.id(), Map.of("priority", priority.code()));
    return changed(c.id());
  }

  /** The caller read the conversation up to the entry {@code seq}. */
  @Transactional
  public void markRead(UUID conversation, long seq) {
    Conversation c = find(conversation);
    conversations.markRead(c.id(), Actor.current().reference(), Math.min(seq, c.lastSeq()), now());
  }

  /**
   * Staff say who a sender on a shared address is: the conversation becomes that patient's (joining
   * their existing one, if they have one), and the address is linked to them.
   */
  @Transactional
  public Conversation identify(UUID conversation, PatientId patient) {
    Conversation c = lockVisible(conversation);
    if (c.patient() != null) {
      throw ProblemException.of(HttpStatus.CONFLICT, "conversation-identified")
          .detail("The conversation {0} already belongs to a patient.", c.id())
          .build();
    }
    Patient who = patients.visibleToCaller(patient);
    UUID target = sending.adopt(c, who);
    audit.success(
        "conversation.identify", "conversation", target, Map.of("patient", who.id().value()));
    return changed(target);
  }

  /**
   * A message the practice sends on its own: on the patient's preferred channel, else WhatsApp,
   * SMS, e-mail, wherever they have an address and have not said no; outside WhatsApp's 24-hour
   * window as the practice's approved template for the notice's purpose. The conversation stays
   * where it is (a reminder puts nothing in the staff's queue).
   *
   * @return the timeline entry sent, or empty when no channel can reach the patient
   */
  @Transactional
  public Optional<TimelineEntry> notify(PatientId patient, Notice notice) {
    PatientId current = patients.current(patient).map(Patient::id).orElse(patient);
    Conversation c =
        conversations
            .lock(conversations.ofPatient(current, ConversationState.RESOLVED, now()).id())
            .orElseThrow();
    return sending.sendNotice(c, notice);
  }

  /**
   * Puts what happened on the patient's timeline (an appointment booked, a reminder sent): for the
   * other modules, which pass ids and facts, never clinical text.
   */
  @Transactional
  public TimelineEntry record(PatientId patient, String event, Map<String, Object> data) {
    PatientId current = patients.current(patient).map(Patient::id).orElse(patient);
    Conversation c = conversations.ofPatient(current, ConversationState.RESOLVED, now());
    return systemEvent(c.id(), event, data);
  }

  /**
   * A note for staff that Accueil writes itself (a low satisfaction score to call back about): on
   * the patient's timeline, never sent, its text sealed like every message's.
   */
  @Transactional
  public TimelineEntry noteForStaff(PatientId patient, String text, Map<String, Object> data) {
    PatientId current = patients.current(patient).map(Patient::id).orElse(patient);
    Conversation c = conversations.ofPatient(current, ConversationState.RESOLVED, now());
    return append(
        c.id(), TimelineEntry.Kind.NOTE, null, null, Author.SYSTEM, null, text, null, data);
  }

  // ------------------------------------------------------------------------------- internals

  private Conversation lockVisible(UUID id) {
    find(id);
    return conversations.lock(id).orElseThrow();
  }

  private TimelineEntry systemEvent(UUID conversation, String event, Map<String, Object> data) {
    return append(
        conversation, TimelineEntry.Kind.EVENT, null, null, Author.SYSTEM, null, null, event, data);
  }

  private TimelineEntry append(
      UUID conversation,
      TimelineEntry.Kind kind,
      @Nullable Channel channel,
      TimelineEntry.@Nullable Direction direction,
      Author author,
      @Nullable String authorRef,
      @Nullable String text,
      @Nullable String event,
      Map<String, Object> data) {
    Instant now = now();
    TimelineEntry entry =
        entries
            .append(
                new TimelineEntry(
                    Ids.newId(),
                    conversation,
                    0,
                    now,
                    kind,
                    channel,
                    direction,
                    author,
                    authorRef,
                    text,
                    event,
                    data,
                    List.of(),
                    List.of(),
                    null,
                    null),
                null)
            .orElseThrow();
    conversations.entryAdded(conversation, now, entry.seq());
    live.entryAdded(conversation, entry.seq());
    return entry;
  }

  private Conversation changed(UUID id) {
    Conversation c = conversations.find(id).orElseThrow();
    live.conversationChanged(id);
    events.publishEvent(new ConversationChanged(c.id(), c.state(), c.priority()));
    return c;
  }

  private Instant now() {
    return clock.instant();
  }
}
