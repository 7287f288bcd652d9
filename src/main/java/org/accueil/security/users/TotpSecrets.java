package org.accueil.security.users;

import org.springframework.stereotype.Component;

/** How a TOTP secret is kept in {@code staff_user.totp_secret}. */
@Component
public class TotpSecrets {

  /** The bytes to store for {@code secret}. */
  public byte[] seal(byte[] secret) {
    return secret.clone();
  }

  /** The secret stored as {@code stored}. */
  public byte[] open(byte[] stored) {
    return stored.clone();
  }
}
