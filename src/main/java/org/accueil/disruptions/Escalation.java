package org.accueil.disruptions;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a patient is on the staff's call list (or why their row closed without them): a code the
 * staff's screens translate, and words for the inbox's hand-over note.
 */
public enum Escalation {
  /** No answer by the deadline. */
  NO_ANSWER("no answer in time"),
  /** No channel reaches the patient (no address, no consent, no channel configured). */
  NO_CHANNEL("no channel reaches the patient"),
  /** Nothing free to offer (or nothing else, once a time chosen was taken). */
  NOTHING_FREE("nothing free to offer"),
  /** The time the patient chose was taken meanwhile, and nothing else is free. */
  TAKEN("the time chosen was taken and nothing else is free"),
  /** The visit had begun when the patient was to be contacted. */
  BEGUN("the visit has begun"),
  /** None of the times offered suits the patient, who named no other. */
  NONE_SUITS("none of the times offered suits the patient"),
  /** Closed without contact: the block was lifted first. */
  BLOCK_LIFTED("the block was lifted"),
  /** Closed without contact: the appointment was no longer booked. */
  NO_LONGER_BOOKED("the appointment was no longer booked");

  private final String words;

  Escalation(String words) {
    this.words = words;
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** In English, for the hand-over note staff read in the inbox (as the assistant's are). */
  public String words() {
    return words;
  }
}
