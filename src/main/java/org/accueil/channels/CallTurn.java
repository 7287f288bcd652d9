package org.accueil.channels;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a caller just said, with what the call knows so far: what a {@link CallResponder} decides
 * the next words on.
 *
 * @param callSid Twilio's id of the call
 * @param from the caller's number, E.164 as Twilio gives it
 * @param turn 1 for the answer to the greeting, then 2, 3…
 * @param speech the transcription of what the caller said, null when nothing was heard
 * @param language the call's language (fr, en or it)
 * @param misunderstood how many turns of this call, this one included, heard nothing
 * @param startedAt when the call reached Accueil
 */
public record CallTurn(
    String callSid,
    String from,
    int turn,
    @Nullable String speech,
    Locale language,
    int misunderstood,
    Instant startedAt) {

  /** Whether the caller said something this turn. */
  public boolean heard() {
    return speech != null && !speech.isBlank();
  }
}
