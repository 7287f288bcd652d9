package org.accueil.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeMap;
import org.accueil.audit.AuditEvent;
import org.accueil.platform.AuditRecord;
import org.jspecify.annotations.Nullable;

/** An {@link AuditRecord} as the row it becomes, before it takes its place in the chain. */
final class AuditRows {

  /**
   * Longest text kept per field. Ids are far shorter; the cap keeps a hostile value (a 1 MB
   * "username" on a failed login) from failing the write, and so the call, on an index's row size
   * limit.
   */
  static final int MAX_LENGTH = 500;

  private AuditRows() {}

  static AuditEvent unchained(AuditRecord record, Instant occurredAt) {
    var refs = new TreeMap<String, String>();
    record.refs().forEach((name, value) -> refs.put(clean(name), clean(value)));
    return new AuditEvent(
        0,
        occurredAt,
        record.actor().kind().label(),
        clean(record.actor().id()),
        clean(record.actor().name()),
        record.actor().roles().stream().map(AuditRows::clean).toList(),
        clean(record.action()),
        clean(record.entityType()),
        cleanOrNull(record.entityId()),
        record.outcome().name().toLowerCase(Locale.ROOT),
        cleanOrNull(record.ip()),
        clean(record.channel()),
        cleanOrNull(record.sourceSystem()),
        refs,
        new byte[0],
        new byte[0]);
  }

  private static @Nullable String cleanOrNull(@Nullable String value) {
    return value == null ? null : clean(value);
  }

  /**
   * The text as PostgreSQL will store it, so that the row read back hashes as it was written: NUL
   * (which PostgreSQL's text refuses) becomes U+FFFD, an unpaired surrogate becomes '?' as the
   * UTF-8 encoder writes it, and the text is cut to {@value #MAX_LENGTH} characters.
   */
  static String clean(String value) {
    String text =
        new String(
            value.replace('\u0000', '\uFFFD').getBytes(StandardCharsets.UTF_8),
            StandardCharsets.UTF_8);
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    int end = MAX_LENGTH - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
