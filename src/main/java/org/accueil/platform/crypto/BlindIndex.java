package org.accueil.platform.crypto;

/**
 * A keyed hash (HMAC) of a normalised value, stored beside its ciphertext so that exact lookups
 * ("which patient has +33612345678?") work without decrypting every row. Equal inputs under the
 * same purpose give equal outputs; without the key, the output says nothing about the input.
 */
public interface BlindIndex {

  /**
   * @param purpose separates indexes of different fields ({@code "patient.phone"})
   * @param normalizedValue the value in its canonical form (E.164 phone, lower-cased e-mail)
   */
  byte[] of(String purpose, String normalizedValue);
}
