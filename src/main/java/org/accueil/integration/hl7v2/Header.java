package org.accueil.integration.hl7v2;

import org.jspecify.annotations.Nullable;

/**
 * The MSH fields the inbox keys and orders on, read from the text as received, so that a message
 * the parser refuses is still stored under its control id (and its retries deduplicated).
 *
 * @param sendingApplication MSH-3 as sent, '' when absent
 * @param sendingFacility MSH-4 as sent, '' when absent
 * @param sentAt MSH-7
 * @param messageType MSH-9 as sent (SIU^S12^SIU_S12)
 * @param event MSH-9.2 (S12)
 * @param controlId MSH-10
 */
record Header(
    String sendingApplication,
    String sendingFacility,
    @Nullable String sentAt,
    @Nullable String messageType,
    @Nullable String event,
    @Nullable String controlId) {

  static final Header NONE = new Header("", "", null, null, null, null);

  /** The header of {@code message}, or {@link #NONE} when it has no readable MSH segment. */
  static Header of(String message) {
    // Segments end with CR (v2.5.1 section 2.5.4); some senders use LF or CR LF.
    String text = message.replace('\n', '\r');
    int msh = text.startsWith("MSH") ? 0 : text.indexOf("\rMSH");
    if (msh < 0) {
      return NONE;
    }
    if (msh > 0) {
      msh++; // past the CR
    }
    if (text.length() < msh + 8) {
      return NONE;
    }
    int end = text.indexOf('\r', msh);
    String segment = end < 0 ? text.substring(msh) : text.substring(msh, end);
    char field = segment.charAt(3);
    char component = segment.charAt(4);
    // MSH-1 is the field separator itself: after splitting, MSH-n is at index n - 1.
    String[] fields = segment.split(java.util.regex.Pattern.quote(String.valueOf(field)), -1);
    String type = field(fields, 9);
    String event = null;
    if (type != null) {
      String[] parts = type.split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
      event = parts.length > 1 && !parts[1].isBlank() ? parts[1].strip() : null;
    }
    return new Header(
        nonNull(field(fields, 3)),
        nonNull(field(fields, 4)),
        field(fields, 7),
        type,
        event,
        field(fields, 10));
  }

  private static @Nullable String field(String[] fields, int n) {
    if (fields.length < n) {
      return null;
    }
    String value = fields[n - 1].strip();
    return value.isEmpty() ? null : value;
  }

  private static String nonNull(@Nullable String value) {
    return value == null ? "" : value;
  }

  /** MSH-9.1. */
  @Nullable String messageCode() {
    if (messageType == null) {
      return null;
    }
    int i = 0;
    while (i < messageType.length() && Character.isLetterOrDigit(messageType.charAt(i))) {
      i++;
    }
    return messageType.substring(0, i);
  }
}
