package org.accueil.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** AES256-GCM through Tink: each ciphertext starts with 0x01 and the 4-byte id of its key. */
final class TinkFieldCipher implements FieldCipher {

  private final Aead aead;
  private final int primaryKeyId;

  TinkFieldCipher(KeysetHandle keyset) {
    try {
      this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.primaryKeyId = keyset.getPrimary().getId();
  }

  @Override
  public byte[] encrypt(String plaintext, String context) {
    try {
      return aead.encrypt(
          plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt a " + context + " value", e);
    }
  }

  @Override
  public String decrypt(byte[] ciphertext, String context) {
    try {
      return new String(
          aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "A "
              + context
              + " value sealed with key "
              + Integer.toUnsignedString(keyIdOf(ciphertext))
              + " does not open: the key is not in the keyset, the value was altered, or it belongs"
              + " to another field",
          e);
    }
  }

  int primaryKeyId() {
    return primaryKeyId;
  }

  /** The id of the key that sealed {@code ciphertext}, from its Tink prefix. */
  static int keyIdOf(byte[] ciphertext) {
    return ciphertext.length < 5 ? 0 : ByteBuffer.wrap(ciphertext, 1, 4).getInt();
  }
}
