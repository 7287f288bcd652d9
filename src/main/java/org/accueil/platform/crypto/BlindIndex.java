package org.accueil.platform.crypto;

import java.util.List;

/**
 * A keyed hash (HMAC) of a normalised value, stored beside its ciphertext so that exact lookups
 * ("which patient has +33612345678?") work without decrypting every row. Equal inputs under the
 * same purpose give equal outputs; without the key, the output says nothing about the input (beyond
 * equality: two rows with the same index hold the same value).
 *
 * <p>Store {@link #of}; look up with {@link #candidates}: while a new index key is being rolled
 * out, rows still carry indexes made with the older keys until the resealing pass rewrites them.
 */
public interface BlindIndex {

  /**
   * The index to store, made with the primary index key.
   *
   * @param purpose separates indexes of different fields ({@code "patient.phone"})
   * @param normalizedValue the value in its canonical form (E.164 phone, lower-cased e-mail)
   */
  byte[] of(String purpose, String normalizedValue);

  /**
   * Every index the value may be stored under: with the primary key first, then with each older key
   * of the keyset. Query with {@code column = ANY(:candidates)}.
   */
  List<byte[]> candidates(String purpose, String normalizedValue);
}
