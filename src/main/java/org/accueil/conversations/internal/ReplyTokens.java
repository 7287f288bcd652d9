package org.accueil.conversations.internal;

import java.security.SecureRandom;

/**
 * The token in a conversation's reply addresses and web chat threads: 128 random bits, never an id,
 * so a reply address says nothing about the patient and cannot be guessed.
 */
final class ReplyTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ReplyTokens() {}

  static String next() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    // Lower-case hex: e-mail local parts are case-insensitive in practice.
    StringBuilder hex = new StringBuilder(32);
    for (byte b : bytes) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }
}
