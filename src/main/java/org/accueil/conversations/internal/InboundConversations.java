package org.accueil.conversations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.accueil.channels.CallSummary;
import org.accueil.channels.InboundHandler;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.OutboundContent;
import org.accueil.conversations.Author;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.ConversationChanged;
import org.accueil.conversations.ConversationState;
import org.accueil.conversations.PatientMessageReceived;
import org.accueil.conversations.Priority;
import org.accueil.conversations.TimelineEntry;
import org.accueil.conversations.TimelineEntry.Direction;
import org.accueil.conversations.TimelineEntry.Kind;
import org.accueil.patients.Channel;
import org.accueil.patients.ChannelIdentities;
import org.accueil.patients.ChannelIdentities.Identification;
import org.accueil.patients.PatientId;
import org.accueil.patients.PhoneNumbers;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Puts what patients wrote and said on their one timeline: finds who wrote (the conversation a
 * reply token names, else the patient the registry finds from the address, a provisional one for a
 * stranger, or the address's own conversation while a shared number's sender is unknown), adds the
 * message once, reopens the conversation for staff and announces it.
 */
@Component
class InboundConversations implements InboundHandler {

  private static final Logger log = LoggerFactory.getLogger(InboundConversations.class);

  /** A provider's clock ahead of ours by more than this is not believed. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final ConversationRepository conversations;
  private final EntryRepository entries;
  private final ChannelIdentities identities;
  private final Sending sending;
  private final LiveInbox live;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  InboundConversations(
      ConversationRepository conversations,
      EntryRepository entries,
      ChannelIdentities identities,
      Sending sending,
      LiveInbox live,
      ApplicationEventPublisher events,
      Clock clock) {
    this.conversations = conversations;
    this.entries = entries;
    this.identities = identities;
    this.sending = sending;
    this.live = live;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void handle(InboundMessage message) {
    Instant now = clock.instant();
    String address = address(message);
    Sender sender = sender(message, address, now);
    Conversation c = conversations.lock(sender.conversation().id()).orElseThrow();
    Instant at = believable(message.sentAt(), now);
    Map<String, Object> data = new LinkedHashMap<>();
    if (message.choice() != null) {
      data.put("choice", message.choice());
    } else {
      numberedChoice(c, message.text())
          .ifPresent(
              choice -> {
                data.put("choice", choice);
                data.put("choiceBy", "number");
              });
    }
    if (message.senderName() != null) {
      data.put("senderName", message.senderName());
    }
    if (message.verifiedPatient() != null) {
      data.put("verifiedIdentity", true);
    }
    Optional<TimelineEntry> added =
        entries.append(
            new TimelineEntry(
                Ids.newId(),
                c.id(),
                0,
                at,
                Kind.MESSAGE,
                message.channel(),
                Direction.INBOUND,
                Author.PATIENT,
                null,
                message.text(),
                null,
                data,
                message.attachments(),
                List.of(),
                null,
                null),
            message.providerId());
    if (added.isEmpty()) {
      // 0 rows: the provider delivered this message before and it is on the timeline already.
      return;
    }
    TimelineEntry entry = added.get();
    conversations.patientWrote(c.id(), message.channel(), at, entry.seq());
    boolean urgent = UrgentWords.in(message.text());
    reopenForStaff(c, urgent, now);
    if (message.channel() == Channel.WHATSAPP) {
      sending.releaseWaiting(conversations.find(c.id()).orElseThrow(), address);
    }
    live.entryAdded(c.id(), entry.seq());
    events.publishEvent(
        new PatientMessageReceived(c.id(), c.patient(), entry.id(), message.channel(), at, urgent));
    if (sender.ask()) {
      askWhoTheyAre(c, message);
    }
  }

  /** "2", "2.", "2)" or " 2 " alone: an answer by its number to the choices last offered. */
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("\\s*([1-9][0-9]?)\\s*[.)]?\\s*");

  /**
   * On channels without buttons (SMS, e-mail, a typed answer in any chat) the choices we offered
   * were numbered lines: a reply that is only a number picks that choice, provided our latest
   * message offered it.
   */
  private Optional<String> numberedChoice(Conversation c, @Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    var number = NUMBER.matcher(text);
    if (!number.matches()) {
      return Optional.empty();
    }
    int n = Integer.parseInt(number.group(1));
    return entries
        .lastOutbound(c.id())
        .map(TimelineEntry::choices)
        .filter(choices -> n <= choices.size())
        .map(choices -> choices.get(n - 1).id());
  }

  @Override
  public void handle(CallSummary call) {
    Instant now = clock.instant();
    Sender sender =
        sender(
            InboundMessage.text(Channel.PHONE, call.callSid(), call.from(), "", call.endedAt()),
            address(Channel.PHONE, call.from()),
            now);
    Conversation c = conversations.lock(sender.conversation().id()).orElseThrow();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("callSid", call.callSid());
    data.put("startedAt", call.startedAt().toString());
    data.put("durationSeconds", Duration.between(call.startedAt(), call.endedAt()).toSeconds());
    data.put("turns", call.turns());
    data.put("outcome", call.outcome());
    if (call.language() != null) {
      data.put("language", call.language().toLanguageTag());
    }
    Instant at = believable(call.endedAt(), now);
    entries
        .append(
            new TimelineEntry(
                Ids.newId(),
                c.id(),
                0,
                at,
                Kind.EVENT,
                Channel.PHONE,
                null,
                Author.SYSTEM,
                null,
                null,
                "call.summary",
                data,
                List.of(),
                List.of(),
                null,
                null),
            call.deduplicationKey())
        .ifPresent(
            entry -> {
              conversations.entryAdded(c.id(), at, entry.seq());
              live.entryAdded(c.id(), entry.seq());
            });
  }

  /** Who wrote, and whether to ask them who they are. */
  private record Sender(Conversation conversation, boolean ask) {}

  private Sender sender(InboundMessage message, String address, Instant now) {
    if (message.thread() != null) {
      Optional<Conversation> threaded = conversations.byReplyToken(message.thread());
      if (threaded.isPresent()) {
        return new Sender(threaded.get(), false);
      }
    }
    Channel channel = message.channel();
    if (channel.isPhone() && PhoneNumbers.toE164(address, "FR").isEmpty()) {
      // Not a phone number we can reach: a WhatsApp user known only by their business-scoped id
      // (BSUID), or a number from a plan the registry does not take. The address keeps its own
      // conversation until staff say who it is.
      return new Sender(conversations.ofAddress(channel, address, now), false);
    }
    String identityAddress =
        message.verifiedPatient() != null && channel == Channel.WEBCHAT
            // A patient signed in on the practice's site is the same person on every device.
            ? "site:" + message.verifiedPatient()
            : address;
    Identification who = identities.identify(channel, identityAddress, null);
    if (!identityAddress.equals(address) && who instanceof Identification.Known known) {
      // The signed-in patient's browser: its token reads back their conversation from now on.
      identities.link(known.patient().id(), channel, address, false);
    } else if (!identityAddress.equals(address)
        && who instanceof Identification.NewPatient created) {
      identities.link(created.patient().id(), channel, address, false);
    }
    return switch (who) {
      case Identification.Known known ->
          new Sender(patientConversation(known.patient().id(), now), false);
      case Identification.NewPatient created ->
          new Sender(patientConversation(created.patient().id(), now), false);
      case Identification.AskWhoTheyAre ask -> {
        Conversation pending = conversations.ofAddress(channel, address, now);
        yield new Sender(pending, pending.lastSeq() == 0);
      }
    };
  }

  private Conversation patientConversation(PatientId patient, Instant now) {
    return conversations.ofPatient(patient, ConversationState.WAITING_FOR_STAFF, now);
  }

  /**
   * A patient's message puts the conversation in the staff's queue, unless a staff member has it in
   * hand. Once the assistant answers (a later module), it keeps the conversations it is handling;
   * until then, nobody else would answer.
   */
  private void reopenForStaff(Conversation c, boolean urgent, Instant now) {
    boolean changed = false;
    if (c.state() != ConversationState.WITH_STAFF
        && c.state() != ConversationState.WAITING_FOR_STAFF) {
      conversations.setState(c.id(), ConversationState.WAITING_FOR_STAFF, null, now);
      changed = true;
    }
    if (urgent && c.priority() != Priority.URGENT) {
      conversations.setPriority(c.id(), Priority.URGENT, now);
      changed = true;
    }
    if (changed) {
      Conversation after = conversations.find(c.id()).orElseThrow();
      live.conversationChanged(c.id());
      events.publishEvent(new ConversationChanged(c.id(), after.state(), after.priority()));
    }
  }

  /** A family's shared number: the registry's question, in the sender's language. */
  private void askWhoTheyAre(Conversation c, InboundMessage message) {
    Locale language = message.language() != null ? message.language() : sending.languageOf(c);
    try {
      sending.send(
          c,
          Author.ASSISTANT,
          null,
          new OutboundContent.Text(identities.question(language)),
          message.channel() == Channel.PHONE ? null : message.channel());
    } catch (ProblemException cannotReach) {
      // The channel cannot answer (not configured for sending): staff see the conversation and
      // ask themselves.
      log.info("Could not ask a sender on {} who they are", message.channel().code());
    }
  }

  private static Instant believable(Instant sentAt, Instant now) {
    return sentAt.isAfter(now.plus(CLOCK_SKEW)) ? now : sentAt;
  }

  private static String address(InboundMessage message) {
    return address(message.channel(), message.from());
  }

  /** The canonical form of the address: E.164 for phones (WhatsApp sends digits without '+'). */
  static String address(Channel channel, String from) {
    if (channel.isPhone()) {
      String raw = from.startsWith("whatsapp:") ? from.substring("whatsapp:".length()) : from;
      if (raw.chars().allMatch(Character::isDigit)) {
        raw = "+" + raw;
      }
      return PhoneNumbers.toE164(raw, "FR").orElse(raw);
    }
    if (channel == Channel.EMAIL) {
      return from.strip().toLowerCase(Locale.ROOT);
    }
    return from;
  }
}
