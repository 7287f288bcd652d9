package org.accueil.conversations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who has the conversation in hand. */
public enum ConversationState {
  /** The assistant answers; staff may look in. */
  WITH_ASSISTANT,
  /** The patient waits for a person: the inbox's queue. */
  WAITING_FOR_STAFF,
  /** A staff member answers. */
  WITH_STAFF,
  /** Nothing left to do, until the patient writes again. */
  RESOLVED,
  /** Out of the queue until a time, or until the patient writes again. */
  SNOOZED;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<ConversationState> ofCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
  }

  String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ConversationState ofColumn(String column) {
    return valueOf(column.toUpperCase(Locale.ROOT));
  }
}
