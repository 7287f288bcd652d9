package org.accueil.channels;

import java.time.Instant;
import java.util.Locale;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * How a phone call went, for the caller's timeline.
 *
 * @param callSid Twilio's id of the call
 * @param from the caller's number
 * @param turns how many times the caller spoke
 * @param outcome {@code transferred}, {@code transfer-unanswered}, {@code hung-up}
 */
public record CallSummary(
    String callSid,
    String from,
    Instant startedAt,
    Instant endedAt,
    int turns,
    String outcome,
    @Nullable Locale language)
    implements Inbound {

  @Override
  public Channel channel() {
    return Channel.PHONE;
  }

  @Override
  public String deduplicationKey() {
    return callSid + "/summary";
  }
}
