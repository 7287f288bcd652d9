package org.accueil.privacy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.accueil.privacy.PrivacyProperties;
import org.accueil.privacy.RetentionSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes conversations older than {@code accueil.privacy.conversation-retention}, by asking every
 * {@link RetentionSweep}. Run once a day on one node by db-scheduler ({@link PrivacyHousekeeping}).
 */
public class ConversationRetention {

  private static final Logger log = LoggerFactory.getLogger(ConversationRetention.class);

  private final List<RetentionSweep> sweeps;
  private final PrivacyProperties properties;
  private final Clock clock;

  public ConversationRetention(
      List<RetentionSweep> sweeps, PrivacyProperties properties, Clock clock) {
    this.sweeps = List.copyOf(sweeps);
    this.properties = properties;
    this.clock = clock;
  }

  public Instant cutoff() {
    return properties.conversationCutoff(clock.instant());
  }

  /**
   * @return how many items the sweeps deleted
   */
  public long sweep() {
    Instant cutoff = cutoff();
    if (sweeps.isEmpty()) {
      log.debug(
          "Conversation retention {}: no retention sweep is registered, nothing to delete",
          properties.conversationRetention());
      return 0;
    }
    long total = 0;
    for (RetentionSweep sweep : sweeps) {
      long deleted = sweep.deleteOlderThan(cutoff);
      log.info(
          "Conversation retention {}: deleted {} {} older than {}",
          properties.conversationRetention(),
          deleted,
          sweep.name(),
          cutoff);
      total += deleted;
    }
    return total;
  }
}
