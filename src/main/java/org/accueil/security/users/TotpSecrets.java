package org.accueil.security.users;

import org.accueil.platform.crypto.EncryptedColumn;
import org.accueil.platform.crypto.FieldCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * How a TOTP secret is kept in {@code staff_user.totp_secret}: sealed by the field cipher, so a
 * stolen backup cannot mint codes. The cipher seals text, so the secret goes in as its base 32.
 */
@Component
public class TotpSecrets {

  static final String CONTEXT = "user.totp-secret";

  private final FieldCipher cipher;

  TotpSecrets(FieldCipher cipher) {
    this.cipher = cipher;
  }

  /** The bytes to store for {@code secret}. */
  public byte[] seal(byte[] secret) {
    return cipher.encrypt(Base32.encode(secret), CONTEXT);
  }

  /** The secret stored as {@code stored}. */
  public byte[] open(byte[] stored) {
    return Base32.decode(cipher.decrypt(stored, CONTEXT));
  }

  @Configuration(proxyBeanMethods = false)
  static class Column {

    /** Declared so that a key rotation reseals the secrets too. */
    @Bean
    EncryptedColumn staffTotpSecretColumn() {
      return EncryptedColumn.of("staff_user", "id", "totp_secret", CONTEXT);
    }
  }
}
