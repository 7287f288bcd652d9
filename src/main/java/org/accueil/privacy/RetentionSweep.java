package org.accueil.privacy;

import java.time.Instant;

/**
 * A module keeping conversations implements this as a bean; once a day the retention task asks
 * every sweep to delete what is older than {@code accueil.privacy.conversation-retention}.
 */
public interface RetentionSweep {

  /** What it deletes, for the log: {@code conversation messages}. */
  String name();

  /**
   * Deletes what was last written before {@code cutoff}, in batches if it is much.
   *
   * @return how many items were deleted
   */
  long deleteOlderThan(Instant cutoff);
}
