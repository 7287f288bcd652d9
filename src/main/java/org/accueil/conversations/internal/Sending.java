package org.accueil.conversations.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundMessage;
import org.accueil.channels.TemplateRegistry;
import org.accueil.conversations.Author;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.Notice;
import org.accueil.conversations.TimelineEntry;
import org.accueil.conversations.TimelineEntry.Direction;
import org.accueil.conversations.TimelineEntry.Kind;
import org.accueil.patients.Channel;
import org.accueil.patients.ChannelIdentity;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientRecord;
import org.accueil.patients.Patients;
import org.accueil.patients.Verification;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.PracticeDirectory;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.Consents;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Puts an outbound message on the timeline and queues it on the right channel: the one asked for,
 * or the one the patient last wrote on, as long as the patient accepts messages there, the channel
 * is configured, and (on WhatsApp) the 24-hour window is open. Outside the window the practice's
 * approved "reopen" template goes out and the message waits until the patient answers.
 */
@Component
public class Sending {

  private final ConversationRepository conversations;
  private final EntryRepository entries;
  private final Patients patients;
  private final Consents consents;
  private final ChannelOutbox outbox;
  private final ObjectProvider<TemplateRegistry> templates;
  private final PracticeDirectory practice;
  private final LiveInbox live;
  private final Clock clock;

  Sending(
      ConversationRepository conversations,
      EntryRepository entries,
      Patients patients,
      Consents consents,
      ChannelOutbox outbox,
      ObjectProvider<TemplateRegistry> templates,
      PracticeDirectory practice,
      LiveInbox live,
      Clock clock) {
    this.conversations = conversations;
    this.entries = entries;
    this.patients = patients;
    this.consents = consents;
    this.outbox = outbox;
    this.templates = templates;
    this.practice = practice;
    this.live = live;
    this.clock = clock;
  }

  /** Where a message goes, and whether it waits for WhatsApp's window to open. */
  record Route(Channel channel, String address, boolean waitsForWindow) {}

  public TimelineEntry send(
      Conversation c,
      Author author,
      @Nullable String authorRef,
      OutboundContent content,
      @Nullable Channel requested) {
    return send(c, author, authorRef, content, requested, Map.of());
  }

  private TimelineEntry send(
      Conversation c,
      Author author,
      @Nullable String authorRef,
      OutboundContent content,
      @Nullable Channel requested,
      Map<String, Object> facts) {
    Instant now = clock.instant();
    // An approved template is what WhatsApp delivers outside its window: it goes now.
    Route route = route(c, requested, now, content instanceof OutboundContent.Template);
    Map<String, Object> data = new LinkedHashMap<>(facts);
    if (route.waitsForWindow()) {
      data.put("waitsForWindow", true);
    }
    TimelineEntry entry = appendOutbound(c, route.channel(), author, authorRef, content, data, now);
    if (route.waitsForWindow()) {
      sendReopenTemplate(c, route.address());
    } else {
      enqueue(c, entry.id(), route.channel(), route.address(), content);
    }
    return entry;
  }

  /**
   * A notice on the first channel that can carry it now: the patient's preferred one, then
   * WhatsApp, SMS, e-mail. WhatsApp with its window closed carries the purpose's approved template,
   * or is skipped.
   */
  public Optional<TimelineEntry> sendNotice(Conversation c, Notice notice) {
    Instant now = clock.instant();
    for (Channel channel : noticeChannels(c)) {
      OutboundContent content = notice.byChannel().getOrDefault(channel, notice.content());
      Map<String, Object> data = new LinkedHashMap<>(notice.data());
      if (channel == Channel.WHATSAPP && !c.whatsappWindowOpen(now)) {
        TemplateRegistry registry = templates.getIfAvailable();
        Optional<OutboundContent.Template> template =
            registry == null
                ? Optional.empty()
                : registry.render(notice.purpose(), languageOf(c), notice.templateParameters());
        if (template.isEmpty()) {
          continue;
        }
        content = template.get();
        data.put("template", template.get().name());
      }
      Optional<Route> route =
          usable(c, channel, now, false, content instanceof OutboundContent.Template);
      if (route.isEmpty() || route.get().waitsForWindow()) {
        continue;
      }
      TimelineEntry entry =
          appendOutbound(c, channel, Author.SYSTEM, null, content, Map.copyOf(data), now);
      enqueue(c, entry.id(), channel, route.get().address(), content);
      return Optional.of(entry);
    }
    return Optional.empty();
  }

  /** Where a notice may go, best first: the patient's preference, then WhatsApp, SMS, e-mail. */
  private List<Channel> noticeChannels(Conversation c) {
    Set<Channel> order = new LinkedHashSet<>();
    if (c.patient() != null) {
      patients
          .find(c.patient())
          .map(Patient::preferredChannel)
          .filter(p -> p != Channel.WEBCHAT)
          .ifPresent(p -> order.add(p == Channel.PHONE ? Channel.SMS : p));
    }
    order.addAll(List.of(Channel.WHATSAPP, Channel.SMS, Channel.EMAIL));
    return new ArrayList<>(order);
  }

  /** An outbound message on the timeline, queued, announced to open inboxes. */
  private TimelineEntry appendOutbound(
      Conversation c,
      Channel channel,
      Author author,
      @Nullable String authorRef,
      OutboundContent content,
      Map<String, Object> data,
      Instant now) {
    TimelineEntry entry =
        entries
            .append(
                new TimelineEntry(
                    Ids.newId(),
                    c.id(),
                    0,
                    now,
                    Kind.MESSAGE,
                    channel,
                    Direction.OUTBOUND,
                    author,
                    authorRef,
                    content.text(),
                    null,
                    data,
                    List.of(),
                    choices(content),
                    DeliveryStatus.QUEUED,
                    null),
                null)
            .orElseThrow();
    conversations.entryAdded(c.id(), now, entry.seq());
    live.entryAdded(c.id(), entry.seq());
    return entry;
  }

  /** Hands the entry's message to the channels under a new reference. */
  private void enqueue(
      Conversation c, UUID entry, Channel channel, String address, OutboundContent content) {
    UUID reference = Ids.newId();
    entries.sentAs(entry, reference);
    outbox.enqueue(
        new OutboundMessage(
            reference, channel, address, content, conversations.replyToken(c.id()), languageOf(c)));
  }

  /**
   * The practice's approved template inviting the patient back: it is on the timeline too, as the
   * system's message, since it is what the patient receives.
   */
  private boolean sendReopenTemplate(Conversation c, String address) {
    Optional<OutboundContent.Template> reopen = reopenTemplate(c, languageOf(c));
    if (reopen.isEmpty()) {
      return false;
    }
    TimelineEntry entry =
        appendOutbound(
            c,
            Channel.WHATSAPP,
            Author.SYSTEM,
            null,
            reopen.get(),
            Map.of("template", reopen.get().name()),
            clock.instant());
    enqueue(c, entry.id(), Channel.WHATSAPP, address, reopen.get());
    return true;
  }

  /**
   * The patient wrote on WhatsApp, so the window is open: what waited for it goes out now, in the
   * order it was written.
   */
  public void releaseWaiting(Conversation c, String address) {
    for (TimelineEntry waiting : entries.waitingForWindow(c.id())) {
      entries.stopWaiting(waiting.id());
      enqueue(c, waiting.id(), Channel.WHATSAPP, address, content(waiting));
    }
  }

  /**
   * Sends an entry again on another channel, after its own failed for good; the new entry keeps the
   * facts of the first (a notice's ids).
   */
  public Optional<TimelineEntry> resendElsewhere(Conversation c, TimelineEntry failed) {
    Set<Channel> tried = Set.of(failed.channel() == null ? Channel.WEBCHAT : failed.channel());
    Map<String, Object> kept = new LinkedHashMap<>(failed.data());
    kept.keySet().removeAll(Set.of("template", "waitsForWindow"));
    for (Channel channel : candidates(c, null)) {
      if (tried.contains(channel)) {
        continue;
      }
      Optional<Route> route = usable(c, channel, clock.instant(), false, false);
      if (route.isPresent()) {
        return Optional.of(
            send(
                c,
                failed.author(),
                failed.authorRef(),
                content(failed),
                route.get().channel(),
                kept));
      }
    }
    return Optional.empty();
  }

  /** Sends the reopen template for an entry WhatsApp refused outside the window (131047). */
  public boolean reopenFor(Conversation c, TimelineEntry failed) {
    Optional<String> address = addressOf(c, Channel.WHATSAPP);
    if (address.isEmpty() || !sendReopenTemplate(c, address.get())) {
      return false;
    }
    entries.waitForWindow(failed.id());
    return true;
  }

  /**
   * A conversation of a sender nobody had identified becomes the patient's: into their own
   * conversation when they have one, else it is simply given to them.
   *
   * @return the conversation that now holds the timeline
   */
  public UUID adopt(Conversation pending, Patient patient) {
    Instant now = clock.instant();
    Optional<Conversation> existing = conversations.byPatient(patient.id());
    if (existing.isEmpty()) {
      conversations.identify(pending.id(), patient.id(), now);
      return pending.id();
    }
    UUID target = existing.get().id();
    entries.moveAll(pending.id(), target);
    conversations.refreshFromEntries(target);
    conversations.delete(pending.id());
    return target;
  }

  /**
   * Every channel a staff reply could take, best first (where the patient last wrote leads), each
   * with the refusal {@link #send} would give on it.
   */
  public List<Conversations.ReplyChannel> options(Conversation c) {
    Instant now = clock.instant();
    List<Conversations.ReplyChannel> options = new ArrayList<>();
    for (Channel channel : candidates(c, null)) {
      try {
        Route route = usable(c, channel, now, true, false).orElseThrow();
        options.add(new Conversations.ReplyChannel(channel, null, route.waitsForWindow()));
      } catch (ProblemException refused) {
        options.add(new Conversations.ReplyChannel(channel, refused.slug(), false));
      }
    }
    return options;
  }

  Route route(Conversation c, @Nullable Channel requested, Instant now) {
    return route(c, requested, now, false);
  }

  /**
   * @param template the message is an approved WhatsApp template, which needs no open window
   */
  private Route route(Conversation c, @Nullable Channel requested, Instant now, boolean template) {
    if (requested != null) {
      return usable(c, requested, now, true, template).orElseThrow();
    }
    for (Channel channel : candidates(c, null)) {
      Optional<Route> route = usable(c, channel, now, false, template);
      if (route.isPresent()) {
        return route.get();
      }
    }
    throw ProblemException.of(HttpStatus.CONFLICT, "no-channel-to-reach-patient")
        .messageCode("problem.no-channel-to-reach-patient")
        .detail(
            "The patient cannot be reached now: no configured channel has their address and their"
                + " agreement. Call them, or add a phone number or an e-mail address to their"
                + " record.")
        .build();
  }

  /** Channels to try, best first: where the patient last wrote, then their preference. */
  private List<Channel> candidates(Conversation c, @Nullable Channel first) {
    Set<Channel> order = new LinkedHashSet<>();
    if (first != null) {
      order.add(first);
    }
    if (c.lastChannel() != null) {
      order.add(c.lastChannel() == Channel.PHONE ? Channel.SMS : c.lastChannel());
    }
    if (c.patient() != null) {
      patients
          .find(c.patient())
          .map(Patient::preferredChannel)
          .ifPresent(p -> order.add(p == Channel.PHONE ? Channel.SMS : p));
    }
    order.addAll(List.of(Channel.WHATSAPP, Channel.SMS, Channel.EMAIL, Channel.WEBCHAT));
    return new ArrayList<>(order);
  }

  /**
   * The route on {@code channel}, if it can carry a message now.
   *
   * @param asked the caller asked for this channel: say why not, rather than answer empty
   */
  private Optional<Route> usable(
      Conversation c, Channel channel, Instant now, boolean asked, boolean template) {
    if (channel == Channel.PHONE) {
      return refuse(
          asked,
          "channel-cannot-send",
          "A message cannot be sent on a phone call; send" + " it by SMS to the same number.");
    }
    if (!outbox.canSend(channel)) {
      return refuse(
          asked,
          "channel-not-configured",
          "The " + channel.code() + " channel is not configured for this practice.");
    }
    Optional<String> address = addressOf(c, channel);
    if (address.isEmpty()) {
      return refuse(
          asked,
          "no-address-on-channel",
          "The patient has no " + channel.code() + " address on their record.");
    }
    if (c.patient() != null
        && !consents.permits(
            c.patient(),
            ConsentChannel.valueOf(channel.name()),
            ConsentPurpose.APPOINTMENT_MESSAGES)) {
      return refuse(
          asked,
          "patient-opted-out",
          "The patient asked not to receive messages by " + channel.code() + ".");
    }
    if (channel == Channel.WHATSAPP && !template && !c.whatsappWindowOpen(now)) {
      if (reopenTemplate(c, languageOf(c)).isEmpty()) {
        return refuse(
            asked,
            "whatsapp-window-closed",
            "The patient last wrote on WhatsApp more than 24 hours ago, and the practice has no"
                + " approved template to write first. Add a 'reopen' template or use another"
                + " channel.");
      }
      return Optional.of(new Route(channel, address.get(), true));
    }
    return Optional.of(new Route(channel, address.get(), false));
  }

  private static Optional<Route> refuse(boolean asked, String type, String detail) {
    if (!asked) {
      return Optional.empty();
    }
    throw ProblemException.of(HttpStatus.CONFLICT, type)
        .messageCode("problem." + type)
        .detail(detail)
        .with("field", "channel")
        .build();
  }

  /** The patient's address on the channel: a verified link first, else their record's. */
  Optional<String> addressOf(Conversation c, Channel channel) {
    if (c.patient() == null) {
      return conversations.pendingChannel(c.id()).filter(channel::equals).isPresent()
              || (channel.isPhone()
                  && conversations.pendingChannel(c.id()).map(Channel::isPhone).orElse(false))
          ? conversations.pendingAddress(c.id())
          : Optional.empty();
    }
    Optional<Patient> patient = patients.find(c.patient());
    if (patient.isEmpty()) {
      return Optional.empty();
    }
    PatientRecord record = patients.record(patient.get());
    Optional<String> linked =
        record.channelIdentities().stream()
            .filter(i -> i.channel() == channel || (channel.isPhone() && i.channel().isPhone()))
            .sorted(
                (a, b) ->
                    Boolean.compare(
                        b.verification() != Verification.UNVERIFIED,
                        a.verification() != Verification.UNVERIFIED))
            .map(ChannelIdentity::address)
            .findFirst();
    if (linked.isPresent()) {
      return linked;
    }
    if (channel.isPhone()) {
      return Optional.ofNullable(patient.get().phone());
    }
    if (channel == Channel.EMAIL) {
      return Optional.ofNullable(patient.get().email());
    }
    return Optional.empty();
  }

  private Optional<OutboundContent.Template> reopenTemplate(Conversation c, Locale language) {
    TemplateRegistry registry = templates.getIfAvailable();
    if (registry == null) {
      return Optional.empty();
    }
    String name =
        c.patient() == null
            ? ""
            : patients.find(c.patient()).map(Patient::givenName).orElse(null) instanceof String n
                ? n
                : "";
    return registry.render(TemplateRegistry.REOPEN, language, List.of(name));
  }

  /** The patient's language, else the practice's first. */
  Locale languageOf(Conversation c) {
    if (c.patient() != null) {
      Optional<String> preferred = patients.find(c.patient()).map(Patient::preferredLanguage);
      if (preferred.isPresent()) {
        return Locale.forLanguageTag(preferred.get());
      }
    }
    List<String> languages = practice.snapshot().profile().languages();
    return Locale.forLanguageTag(languages.isEmpty() ? "fr" : languages.getFirst());
  }

  private static List<OutboundContent.Choice> choices(OutboundContent content) {
    return switch (content) {
      case OutboundContent.Buttons b -> b.choices();
      case OutboundContent.Menu m -> m.choices();
      default -> List.of();
    };
  }

  private static OutboundContent content(TimelineEntry entry) {
    String text = entry.text() == null ? "" : entry.text();
    if (!entry.choices().isEmpty() && entry.choices().size() <= 3) {
      return new OutboundContent.Buttons(text, entry.choices());
    }
    if (!entry.choices().isEmpty()) {
      return new OutboundContent.Menu(text, "Options", entry.choices());
    }
    return new OutboundContent.Text(text);
  }
}
