package org.accueil.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hash of an audit row: {@code SHA-256(prev_hash || canonical(row))}, where {@code canonical}
 * is an unambiguous, length-prefixed encoding of the row's fields (version 1, described for
 * auditors in docs/security/audit.md, with a worked example that {@code AuditHashTests} checks).
 *
 * <p>Every value is written as a 4-byte big-endian length followed by that many bytes of UTF-8;
 * {@code null} is the length {@code 0xFFFFFFFF} with no bytes, so "absent" and "empty" differ and
 * no value can run into the next. The fields, in this order:
 *
 * <ol>
 *   <li>the format tag {@code accueil-audit-v1}
 *   <li>seq, in decimal
 *   <li>occurred_at, UTC, always six fraction digits: {@code 2026-03-30T07:30:00.000000Z}
 *   <li>actor kind, actor id, actor name
 *   <li>actor roles: their count (4 bytes), then each role, sorted by their UTF-8 bytes
 *   <li>action, entity type, entity id (nullable), outcome, ip (nullable), channel, source system
 *       (nullable)
 *   <li>refs: their count (4 bytes), then name and value of each, sorted by the names' UTF-8 bytes
 * </ol>
 */
public final class AuditHash {

  /** SHA-256's length, and the length of every hash in the chain. */
  public static final int LENGTH = 32;

  static final String FORMAT = "accueil-audit-v1";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final Comparator<byte[]> UTF8_ORDER = Arrays::compareUnsigned;

  private AuditHash() {}

  /** What row 1's {@code prev_hash} holds: 32 zero bytes. */
  public static byte[] genesis() {
    return new byte[LENGTH];
  }

  /** The hash {@code event} should carry: over its {@code prevHash} and its fields. */
  public static byte[] of(AuditEvent event) {
    MessageDigest sha256 = sha256();
    sha256.update(event.prevHash());
    sha256.update(canonical(event));
    return sha256.digest();
  }

  /** The canonical encoding of the row's fields (everything but its two hashes). */
  public static byte[] canonical(AuditEvent event) {
    Encoding out = new Encoding();
    out.text(FORMAT);
    out.text(Long.toString(event.seq()));
    out.text(TIME.format(event.occurredAt()));
    out.text(event.actorKind());
    out.text(event.actorId());
    out.text(event.actorName());
    out.sortedList(event.actorRoles());
    out.text(event.action());
    out.text(event.entityType());
    out.text(event.entityId());
    out.text(event.outcome());
    out.text(event.ip());
    out.text(event.channel());
    out.text(event.sourceSystem());
    out.sortedMap(event.refs());
    return out.bytes();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  private static final class Encoding {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    void text(@Nullable String value) {
      if (value == null) {
        length(-1);
        return;
      }
      bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    void sortedList(Collection<String> values) {
      List<byte[]> encoded = values.stream().map(Encoding::utf8).sorted(UTF8_ORDER).toList();
      length(encoded.size());
      encoded.forEach(this::bytes);
    }

    void sortedMap(Map<String, String> entries) {
      List<byte[][]> pairs =
          entries.entrySet().stream()
              .map(e -> new byte[][] {utf8(e.getKey()), utf8(e.getValue())})
              .sorted((a, b) -> UTF8_ORDER.compare(a[0], b[0]))
              .toList();
      length(pairs.size());
      for (byte[][] pair : pairs) {
        bytes(pair[0]);
        bytes(pair[1]);
      }
    }

    private void bytes(byte[] value) {
      length(value.length);
      out.writeBytes(value);
    }

    private void length(int n) {
      out.write(n >>> 24);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
    }

    private static byte[] utf8(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
