package org.accueil.privacy;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.privacy.*}
 *
 * @param conversationRetention how long conversations are kept after their last message, an
 *     ISO-8601 period such as {@code P3Y}; the daily retention task deletes what is older
 * @param appointmentRetention how long the anonymous record of an erased patient's past
 *     appointments is kept for the practice's accounting; older ones are deleted at the erasure and
 *     by a daily task. {@code P0D} keeps none.
 */
@ConfigurationProperties("accueil.privacy")
public record PrivacyProperties(
    @DefaultValue("P3Y") Period conversationRetention,
    @DefaultValue("P10Y") Period appointmentRetention) {

  public PrivacyProperties {
    if (conversationRetention.isZero() || conversationRetention.isNegative()) {
      // Zero would delete every conversation at the next run.
      throw new IllegalArgumentException(
          "accueil.privacy.conversation-retention must be a positive period such as P3Y or P18M,"
              + " not "
              + conversationRetention);
    }
    if (appointmentRetention.isNegative()) {
      throw new IllegalArgumentException(
          "accueil.privacy.appointment-retention must be a period such as P10Y, or P0D to keep"
              + " none, not "
              + appointmentRetention);
    }
  }

  /** Before this, conversations are deleted. */
  public Instant conversationCutoff(Instant now) {
    return before(now, conversationRetention);
  }

  /** Before this, an erased patient's past appointments are deleted. */
  public Instant appointmentCutoff(Instant now) {
    return before(now, appointmentRetention);
  }

  /** Years and months counted as the calendar counts them (UTC), as a person reads "3 years". */
  private static Instant before(Instant now, Period period) {
    return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
  }
}
