package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.util.idgenerator.IDGenerator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.accueil.platform.Ids;

/**
 * MSH-10 values. v2.5.1 gives MSH-10 20 characters, so an outbox row's idempotency key (a UUID, 36)
 * is hashed and the first 100 bits written in base 32: the same key always gives the same control
 * id, which is what lets the peer drop a delivery repeated after a crash.
 */
final class ControlIds {

  private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  static final int LENGTH = 20;

  private ControlIds() {}

  /** The control id of every attempt to deliver the outbox row with this idempotency key. */
  static String of(UUID idempotencyKey) {
    return encode(idempotencyKey.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** A control id of its own (our ACKs). */
  static String random() {
    UUID id = Ids.newId();
    return encode(
        ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .array());
  }

  private static String encode(byte[] input) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    // Crockford's base 32, 5 bits a character: 20 characters are the first 100 bits.
    StringBuilder out = new StringBuilder(LENGTH);
    long buffer = 0;
    int bits = 0;
    int i = 0;
    while (out.length() < LENGTH) {
      if (bits < 5) {
        buffer = (buffer << 8) | (hash[i++] & 0xFF);
        bits += 8;
      }
      out.append(BASE32[(int) ((buffer >> (bits - 5)) & 31)]);
      bits -= 5;
    }
    return out.toString();
  }

  /** HAPI's default generator keeps a counter in a file of the working directory: not here. */
  static final class Generator implements IDGenerator {
    @Override
    public String getID() {
      return random();
    }
  }
}
