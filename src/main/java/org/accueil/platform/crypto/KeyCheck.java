package org.accueil.platform.crypto;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refuses to start with keys other than those the database's data was sealed with. The first start
 * on a database seals a known value into {@code crypto_key_check}; every later start, on any node,
 * must open it. Without this, a second node that generated keys of its own (no keys configured, an
 * empty data directory) would write values no other node can read.
 */
final class KeyCheck {

  static final String CONTEXT = "crypto.key-check";
  private static final String PROBE = "Accueil key check";

  static EncryptedColumn column() {
    return EncryptedColumn.of("crypto_key_check", "id", "sealed", CONTEXT)
        .indexedBy("index_value", CONTEXT);
  }

  private record Stored(byte[] sealed, byte[] indexValue) {}

  KeyCheck(JdbcClient jdbc, FieldCipher cipher, BlindIndex index, Keyring keyring) {
    Optional<Stored> stored = read(jdbc);
    if (stored.isEmpty()) {
      // Two nodes starting on a new database both try; the first insert wins and both check it.
      jdbc.sql(
              """
              INSERT INTO crypto_key_check (id, sealed, index_value) VALUES (1, :sealed, :index)
              ON CONFLICT (id) DO NOTHING
              """)
          .param("sealed", cipher.encrypt(PROBE, CONTEXT))
          .param("index", index.of(CONTEXT, PROBE))
          .update();
      stored = read(jdbc);
    }
    Stored check = stored.orElseThrow();
    boolean opens;
    try {
      opens = PROBE.equals(cipher.decrypt(check.sealed(), CONTEXT));
    } catch (IllegalStateException e) {
      opens = false;
    }
    if (!opens) {
      throw new IllegalStateException(
          "The AEAD keyset in "
              + keyring.keysets().locate(CryptoProperties.KeysetKind.AEAD).describe()
              + " is not the one this database's encrypted data was sealed with. Every node must"
              + " use the same keysets: copy them from the node that first started on this"
              + " database, or restore them from their backup (docs/security/encryption.md)."
              + " Starting anyway would write data the other nodes cannot read.");
    }
    if (index.candidates(CONTEXT, PROBE).stream()
        .noneMatch(candidate -> Arrays.equals(candidate, check.indexValue()))) {
      throw new IllegalStateException(
          "The index keyset in "
              + keyring.keysets().locate(CryptoProperties.KeysetKind.INDEX).describe()
              + " is not the one this database's blind indexes were made with: lookups by phone"
              + " or e-mail would find nobody. Every node must use the same keysets: copy them"
              + " from the node that first started on this database, or restore them from their"
              + " backup (docs/security/encryption.md).");
    }
  }

  private static Optional<Stored> read(JdbcClient jdbc) {
    return jdbc.sql("SELECT sealed, index_value FROM crypto_key_check WHERE id = 1")
        .query((rs, n) -> new Stored(rs.getBytes("sealed"), rs.getBytes("index_value")))
        .optional();
  }
}
