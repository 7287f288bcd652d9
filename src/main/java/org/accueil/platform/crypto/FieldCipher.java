package org.accueil.platform.crypto;

/**
 * Authenticated encryption of one field. The {@code context} (e.g. {@code "patient.phone"}) is
 * bound to the ciphertext as associated data, so a value copied into another column does not
 * decrypt. Ciphertexts name the key that sealed them: after a key rotation, old values still
 * decrypt.
 */
public interface FieldCipher {

  byte[] encrypt(String plaintext, String context);

  String decrypt(byte[] ciphertext, String context);
}
