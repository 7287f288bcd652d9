package org.accueil.channels.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.ChannelSender;
import org.accueil.channels.ChannelSender.Outcome;
import org.accueil.channels.ChannelsProperties;
import org.accueil.channels.DeliveryChanged;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundMessage;
import org.accueil.patients.Channel;
import org.accueil.platform.Worker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is queued: claims due messages, calls each channel's sender outside any transaction,
 * records what the provider answered, and publishes {@link DeliveryChanged} in the same
 * transaction.
 */
@Component
public class OutboundDispatcher extends Worker {

  private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);

  /** Longer than any provider call with its timeouts (10 s connect, 30 s read). */
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final OutboundStore store;
  private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final ChannelsProperties properties;
  private final Clock clock;

  OutboundDispatcher(
      OutboundStore store,
      List<ChannelSender> senders,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events,
      ChannelsProperties properties,
      Clock clock) {
    super("channel-outbound", properties.workers(), properties.pollInterval());
    this.store = store;
    senders.forEach(s -> this.senders.put(s.channel(), s));
    this.transactions = new TransactionTemplate(transactions);
    this.events = events;
    this.properties = properties;
    this.clock = clock;
  }

  public boolean sends(Channel channel) {
    ChannelSender sender = senders.get(channel);
    return sender != null && sender.enabled();
  }

  /** Sends every message due now; returns how many were tried. */
  @Override
  public int drain() {
    int tried = 0;
    while (true) {
      List<OutboundStore.Claimed> batch = store.claimDue(10, LEASE);
      if (batch.isEmpty()) {
        return tried;
      }
      for (OutboundStore.Claimed claimed : batch) {
        send(claimed);
        tried++;
      }
    }
  }

  private void send(OutboundStore.Claimed claimed) {
    OutboundMessage message = claimed.message();
    ChannelSender sender = senders.get(message.channel());
    Outcome outcome;
    if (sender == null || !sender.enabled()) {
      outcome =
          new Outcome.Rejected(
              "channel-not-configured",
              "The " + message.channel().code() + " channel is not configured",
              DeliveryChanged.Fallback.OTHER_CHANNEL);
    } else {
      try {
        outcome = sender.send(message);
      } catch (RuntimeException e) {
        // A bug or an unexpected answer: treated as an outage, so the message is tried again.
        log.warn("Sending on {} failed: {}", message.channel().code(), e.toString());
        outcome = new Outcome.RetryLater(null, null, e.getClass().getSimpleName());
      }
    }
    Outcome result = outcome;
    transactions.executeWithoutResult(status -> record(claimed, result));
  }

  private void record(OutboundStore.Claimed claimed, Outcome outcome) {
    OutboundMessage message = claimed.message();
    Instant now = clock.instant();
    switch (outcome) {
      case Outcome.Accepted accepted -> {
        store.accepted(claimed.id(), accepted.providerId(), accepted.status());
        publish(message, accepted.status(), now, null, null, DeliveryChanged.Fallback.NONE);
      }
      case Outcome.RetryLater retry -> {
        if (claimed.attempts() >= properties.sendAttempts()) {
          fail(claimed, retry.errorCode(), retry.reason(), DeliveryChanged.Fallback.NONE, now);
          return;
        }
        Duration wait = properties.backoff(claimed.attempts());
        if (retry.after() != null && retry.after().compareTo(wait) > 0) {
          wait = retry.after();
        }
        store.retryAt(claimed.id(), now.plus(wait), retry.errorCode(), retry.reason());
      }
      case Outcome.Rejected rejected ->
          fail(claimed, rejected.errorCode(), rejected.reason(), rejected.fallback(), now);
    }
  }

  private void fail(
      OutboundStore.Claimed claimed,
      @Nullable String code,
      String reason,
      DeliveryChanged.Fallback fallback,
      Instant now) {
    store
        .failed(claimed.id(), code, reason)
        .ifPresent(
            reference ->
                publish(claimed.message(), DeliveryStatus.FAILED, now, code, reason, fallback));
  }

  private void publish(
      OutboundMessage message,
      DeliveryStatus status,
      Instant at,
      @Nullable String code,
      @Nullable String reason,
      DeliveryChanged.Fallback fallback) {
    UUID reference = message.reference();
    events.publishEvent(
        new DeliveryChanged(reference, message.channel(), status, at, code, reason, fallback));
  }
}
