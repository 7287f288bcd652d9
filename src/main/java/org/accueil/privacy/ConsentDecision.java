package org.accueil.privacy;

import org.jspecify.annotations.Nullable;

/**
 * Whether messages for {@code purpose} may go to the patient on {@code channel} now.
 *
 * @param channel a concrete channel, never {@link ConsentChannel#ANY}
 * @param decidedBy the record that decides, which may be an {@code any}-channel one; {@code null}
 *     when nothing was recorded and the purpose's default holds
 */
public record ConsentDecision(
    ConsentChannel channel,
    ConsentPurpose purpose,
    boolean permitted,
    @Nullable ConsentRecord decidedBy) {

  public boolean byDefault() {
    return decidedBy == null;
  }
}
