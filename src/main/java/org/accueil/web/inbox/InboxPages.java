package org.accueil.web.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.ConversationState;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.Conversations.InboxFilter;
import org.accueil.conversations.Conversations.InboxItem;
import org.accueil.conversations.Priority;
import org.accueil.conversations.TimelineEntry;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.platform.Actor;
import org.accueil.platform.Scope;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.web.staff.StaffAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The inbox: the queue of conversations (urgent first, then whoever has waited longest) and one
 * conversation's page, with its timeline and the forms {@link ConversationActions} answers.
 */
@Controller
@RequestMapping("/app/inbox")
class InboxPages {

  /** The open states, as the API's inbox shows by default. */
  static final List<ConversationState> OPEN =
      List.of(
          ConversationState.WAITING_FOR_STAFF,
          ConversationState.WITH_STAFF,
          ConversationState.WITH_ASSISTANT);

  /**
   * The inbox query orders by last activity; this page orders by who has waited longest, so it
   * reads this many and sorts them. A practice with more open conversations than this sees the most
   * recently active of them.
   */
  static final int READ = 500;

  static final int SHOWN = 200;
  static final int TIMELINE_PAGE = 100;
  static final int EXCERPT = 140;

  /**
   * One line of the inbox.
   *
   * @param name the patient's name; null for a sender not yet identified or not yet named
   * @param senderName what the sender's WhatsApp profile or e-mail says, when there is no name
   * @param waiting how long since the patient last wrote
   */
  record Line(
      UUID id,
      @Nullable UUID patientId,
      @Nullable String name,
      @Nullable String senderName,
      @Nullable String channel,
      String state,
      boolean urgent,
      @Nullable String assignee,
      @Nullable String waiting,
      @Nullable String lastWrote,
      @Nullable String excerpt,
      boolean unread) {}

  /** The filters, as the form sends them and links keep them. */
  record Filters(String who, String channel, String state) {
    public boolean any() {
      return !who.isEmpty() || !channel.isEmpty() || !state.isEmpty();
    }
  }

  /** A channel of the reply form: whether it can take the reply now, and why not. */
  record ReplyOption(String channel, boolean usable, @Nullable String refusal, boolean waits) {}

  private final Conversations conversations;
  private final Timelines timelines;
  private final StaffNames staff;
  private final PatientViews patientViews;
  private final MessageSource messages;

  /** A form staff can send from the conversation. */
  record FormChoice(String code, String title) {}

  private final Questionnaires questionnaires;

  InboxPages(
      Conversations conversations,
      Timelines timelines,
      StaffNames staff,
      PatientViews patientViews,
      MessageSource messages,
      Questionnaires questionnaires) {
    this.questionnaires = questionnaires;
    this.conversations = conversations;
    this.timelines = timelines;
    this.staff = staff;
    this.patientViews = patientViews;
    this.messages = messages;
  }

  // ------------------------------------------------------------------------------- the queue

  @GetMapping
  String inbox(
      @RequestParam(defaultValue = "") String who,
      @RequestParam(defaultValue = "") String channel,
      @RequestParam(defaultValue = "") String state,
      Model model,
      Locale locale) {
    list(who, channel, state, model, locale);
    return "web/inbox/inbox";
  }

  /** The list alone, which the page fetches again when the live stream says something changed. */
  @GetMapping("/list")
  String listFragment(
      @RequestParam(defaultValue = "") String who,
      @RequestParam(defaultValue = "") String channel,
      @RequestParam(defaultValue = "") String state,
      Model model,
      Locale locale) {
    list(who, channel, state, model, locale);
    return "web/inbox/inbox :: list";
  }

  private void list(String who, String channel, String state, Model model, Locale locale) {
    StaffAccess.require(Scope.CONVERSATIONS_READ);
    Channel lastChannel = Channel.ofCode(channel).orElse(null);
    ConversationState only = ConversationState.ofCode(state).orElse(null);
    Filters filters =
        new Filters(
            who.equals("mine") || who.equals("unassigned") ? who : "",
            lastChannel == null ? "" : lastChannel.code(),
            only == null ? "" : only.code());
    List<InboxItem> items =
        conversations.inbox(
            new InboxFilter(
                only == null ? OPEN : List.of(only),
                who.equals("mine"),
                who.equals("unassigned"),
                false,
                lastChannel),
            READ,
            0);
    items = new ArrayList<>(items);
    items.sort(QUEUE);
    if (items.size() > SHOWN) {
      items = items.subList(0, SHOWN);
    }
    Map<UUID, TimelineEntry> last = conversations.lastMessages(items);
    Map<String, String> names = staff.byReference();
    Instant now = timelines.now();
    List<Line> lines = items.stream().map(i -> line(i, last, names, now, locale)).toList();
    model.addAttribute("lines", lines);
    model.addAttribute("filters", filters);
    model.addAttribute("channels", Channel.values());
    model.addAttribute("states", ConversationState.values());
  }

  /** Urgent first; then who waits for a person; then whoever wrote longest ago. */
  static final Comparator<InboxItem> QUEUE =
      Comparator.<InboxItem, Boolean>comparing(i -> i.conversation().priority() != Priority.URGENT)
          .thenComparing(i -> i.conversation().state() != ConversationState.WAITING_FOR_STAFF)
          .thenComparing(
              i -> i.conversation().lastInboundAt(),
              Comparator.nullsLast(Comparator.naturalOrder()));

  private Line line(
      InboxItem item,
      Map<UUID, TimelineEntry> last,
      Map<String, String> names,
      Instant now,
      Locale locale) {
    Conversation c = item.conversation();
    TimelineEntry message = last.get(c.id());
    String excerpt = message == null ? null : excerpt(message.text());
    return new Line(
        c.id(),
        c.patient() == null ? null : c.patient().value(),
        PatientViews.name(item.patient()),
        senderName(message),
        c.lastChannel() == null ? null : c.lastChannel().code(),
        c.state().code(),
        c.priority() == Priority.URGENT,
        StaffNames.name(names, c.assignee()),
        c.lastInboundAt() == null
            ? null
            : timelines.duration(Duration.between(c.lastInboundAt(), now), locale),
        c.lastInboundAt() == null ? null : timelines.dateTime(locale).format(c.lastInboundAt()),
        excerpt,
        item.unread());
  }

  private static @Nullable String senderName(@Nullable TimelineEntry message) {
    return message != null && message.data().get("senderName") instanceof String s ? s : null;
  }

  private static @Nullable String excerpt(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT - 1) + "…";
  }

  // ------------------------------------------------------------------------ a conversation

  @GetMapping("/{id}")
  String conversation(
      @PathVariable UUID id,
      @RequestParam(required = false) @Nullable Long before,
      Model model,
      Locale locale) {
    Actor me = StaffAccess.require(Scope.CONVERSATIONS_READ);
    Conversation c = conversations.find(id);
    timeline(c, before, model, locale);
    Patient patient = patientViews.patient(c.patient());
    Map<String, String> names = staff.byReference();
    Instant now = timelines.now();
    model.addAttribute("conversation", c);
    model.addAttribute("state", c.state().code());
    model.addAttribute("urgent", c.priority() == Priority.URGENT);
    model.addAttribute("patient", patient);
    model.addAttribute("name", PatientViews.name(patient));
    model.addAttribute("assignee", StaffNames.name(names, c.assignee()));
    model.addAttribute("mine", me.reference().equals(c.assignee()));
    model.addAttribute("canWrite", me.can(Scope.CONVERSATIONS_WRITE));
    // The forms staff may send from here: the active version of each (its title, by code).
    model.addAttribute(
        "forms",
        c.patient() == null
            ? List.of()
            : questionnaires.definitions("active", null).stream()
                .map(d -> new FormChoice(d.code(), d.title()))
                .toList());
    model.addAttribute("staff", staff.assignable());
    model.addAttribute("replyKey", UUID.randomUUID().toString());
    model.addAttribute("options", options(c, locale));
    model.addAttribute("windowOpen", c.whatsappWindowOpen(now));
    model.addAttribute(
        "windowUntil",
        c.whatsappWindowUntil() == null
            ? null
            : timelines.dateTime(locale).format(c.whatsappWindowUntil()));
    model.addAttribute(
        "windowLeft",
        c.whatsappWindowOpen(now)
            ? timelines.duration(Duration.between(now, c.whatsappWindowUntil()), locale)
            : null);
    model.addAttribute(
        "appointments",
        c.patient() == null ? null : patientViews.appointments(c.patient(), locale, 3));
    if (c.lastSeq() > 0) {
      conversations.markRead(c.id(), c.lastSeq());
    }
    return "web/inbox/conversation";
  }

  /** The timeline alone, which the page fetches again when the live stream says it changed. */
  @GetMapping("/{id}/timeline")
  String timelineFragment(@PathVariable UUID id, Model model, Locale locale) {
    StaffAccess.require(Scope.CONVERSATIONS_READ);
    Conversation c = conversations.find(id);
    timeline(c, null, model, locale);
    model.addAttribute("conversation", c);
    return "web/inbox/timeline :: timeline";
  }

  private void timeline(Conversation c, @Nullable Long before, Model model, Locale locale) {
    List<TimelineEntry> entries = conversations.timeline(c.id(), before, null, TIMELINE_PAGE);
    model.addAttribute("rows", timelines.rows(entries, staff.byReference(), locale));
    model.addAttribute(
        "olderThan",
        entries.size() == TIMELINE_PAGE && !entries.isEmpty() ? entries.getFirst().seq() : null);
    model.addAttribute("paged", before != null);
  }

  private List<ReplyOption> options(Conversation c, Locale locale) {
    return conversations.replyChannels(c.id()).stream()
        .filter(o -> o.channel() != Channel.PHONE)
        .map(
            o ->
                new ReplyOption(
                    o.channel().code(),
                    o.usable(),
                    o.refusal() == null
                        ? null
                        : messages.getMessage(
                            "inbox.refusal." + o.refusal(), null, o.refusal(), locale),
                    o.waitsForWindow()))
        .toList();
  }
}
