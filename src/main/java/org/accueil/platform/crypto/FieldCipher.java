package org.accueil.platform.crypto;

/**
 * Authenticated encryption of one field. The {@code context} (e.g. {@code "patient.phone"}) is
 * bound to the ciphertext as associated data, so a value copied into another column does not
 * decrypt. Ciphertexts name the key that sealed them: after a key rotation, old values still
 * decrypt.
 *
 * <p>A column that holds ciphertexts is declared as an {@link EncryptedColumn} bean, so that key
 * rotation re-seals it.
 */
public interface FieldCipher {

  byte[] encrypt(String plaintext, String context);

  /**
   * @throws IllegalStateException when the value does not open: sealed with a key the keyset no
   *     longer holds, altered, or sealed for another context
   */
  String decrypt(byte[] ciphertext, String context);
}
