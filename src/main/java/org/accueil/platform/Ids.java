package org.accueil.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * New identifiers: UUID version 7 (RFC 9562), time-ordered so new rows land at the end of indexes
 * instead of scattering across them, with 74 random bits so they are not guessable.
 */
public final class Ids {

  private static final SecureRandom random = new SecureRandom();
  private static final Clock clock = Clock.systemUTC();

  private Ids() {}

  public static UUID newId() {
    long millis = clock.millis();
    long randomA = random.nextLong();
    long randomB = random.nextLong();
    long msb = (millis << 16) | 0x7000L | (randomA & 0x0FFFL);
    long lsb = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
