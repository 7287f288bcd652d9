package org.accueil.channels;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a phone call says next, once per turn of the caller. The voice adapter has a default
 * that hands callers who ask for a person, or sound urgent, to the practice's line and otherwise
 * passes their message on; a bean of this type in another module (the assistant) replaces it.
 * Called on the request thread while Twilio waits (it gives up after 15 s): answer fast.
 */
public interface CallResponder {

  Reply respond(CallTurn turn);

  /**
   * The words that answer the call, before the caller says anything; null for the practice's usual
   * greeting. The assistant greets a caller it knows by name, with what they asked last.
   */
  default @Nullable String greeting(String callSid, String from, Locale language) {
    return null;
  }

  /** The next words, in the call's language. */
  sealed interface Reply {

    String text();

    /** Say {@code text} and listen again. */
    record Ask(String text) implements Reply {}

    /** Say {@code text}, then ring the practice's line for a person to take the call. */
    record Transfer(String text) implements Reply {}

    /** Say {@code text} and hang up. */
    record Goodbye(String text) implements Reply {}
  }
}
