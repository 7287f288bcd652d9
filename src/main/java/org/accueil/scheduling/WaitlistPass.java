package org.accueil.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.accueil.scheduling.jdbc.WaitlistRepository;
import org.accueil.scheduling.jdbc.WaitlistRows.FreedTimeRow;
import org.accueil.scheduling.jdbc.WaitlistRows.OfferRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through the freed times that are due: new ones get their first offer, those whose offer
 * lapsed pass to the next patient. One transaction per freed time, claimed with FOR UPDATE SKIP
 * LOCKED, so any number of nodes may run passes at once and each time is handled by one of them.
 */
@Component
class WaitlistPass {

  private static final Logger log = LoggerFactory.getLogger(WaitlistPass.class);

  /**
   * After a failure, 30 s doubling up to an hour: a stuck time is retried all day, not hammered.
   */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

  private static final Duration LAST_RETRY = Duration.ofHours(1);

  private final WaitlistRepository waitlist;
  private final WaitlistMatching matching;
  private final WaitlistOffers offers;
  private final CalendarWrites writes;
  private final TransactionTemplate transaction;

  WaitlistPass(
      WaitlistRepository waitlist,
      WaitlistMatching matching,
      WaitlistOffers offers,
      CalendarWrites writes,
      PlatformTransactionManager transactions) {
    this.waitlist = waitlist;
    this.matching = matching;
    this.offers = offers;
    this.writes = writes;
    this.transaction = new TransactionTemplate(transactions);
  }

  int run() {
    Instant now = writes.now();
    // Entries whose last day has passed everywhere (a day of slack for zones behind UTC).
    transaction.executeWithoutResult(
        s ->
            waitlist.expireEntriesEndedBefore(
                now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1), now));
    List<UUID> seen = new ArrayList<>();
    while (true) {
      AtomicReference<FreedTimeRow> claimed = new AtomicReference<>();
      try {
        Boolean found =
            transaction.execute(
                s -> {
                  Optional<FreedTimeRow> due = waitlist.claimDue(now, seen);
                  if (due.isEmpty()) {
                    return false;
                  }
                  claimed.set(due.get());
                  handle(due.get(), now);
                  return true;
                });
        if (!Boolean.TRUE.equals(found)) {
          return seen.size();
        }
        seen.add(claimed.get().id());
      } catch (RuntimeException e) {
        FreedTimeRow failed = claimed.get();
        if (failed == null) {
          throw e;
        }
        seen.add(failed.id());
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(failed.attempts(), 7));
        Instant due = now.plus(backoff.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : backoff);
        log.warn(
            "Waitlist: freed time {} could not be offered (attempt {}); again at {}",
            failed.id(),
            failed.attempts() + 1,
            due,
            e);
        transaction.executeWithoutResult(s -> waitlist.freedTimeFailed(failed.id(), due));
      }
    }
  }

  /** A freed time is due: its first offer, or its open offer lapsed and it passes on. */
  private void handle(FreedTimeRow freed, Instant now) {
    Optional<OfferRow> open = waitlist.openOfferOfFreedTime(freed.id());
    if (open.isEmpty()) {
      matching.offerNext(freed, null, now);
    } else if (open.get().expiresAt().isAfter(now)) {
      waitlist.freedTimeDueAt(freed.id(), open.get().expiresAt()); // not yet: come back then
    } else {
      offers.lapse(open.get(), WaitlistOffer.Status.EXPIRED, now, WaitlistMatching.BY);
    }
  }
}
