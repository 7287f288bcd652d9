package org.accueil.security.users;

import java.util.Locale;
import org.accueil.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id hashes (Spring Security's 5.8 defaults: 16 MiB, 2 iterations, 16-byte salt, 32-byte
 * hash) and the password rules. Passwords are never logged, stored or echoed back.
 */
@Component
public class Passwords {

  public static final int MINIMUM_LENGTH = 12;

  /** Argon2 takes any length; the bound keeps one request from hashing megabytes. */
  public static final int MAXIMUM_LENGTH = 256;

  private final Argon2PasswordEncoder encoder =
      Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

  /** Compared against when the account does not exist, so both cases take as long. */
  private final String decoy = encoder.encode("no account has this password " + Math.random());

  /** Refuses a password that breaks the rules, with a 422 naming the field. */
  public void check(String password, String email) {
    int length = password.codePointCount(0, password.length());
    if (length < MINIMUM_LENGTH) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "password-too-short")
          .detail("The password must be at least {0} characters long.", MINIMUM_LENGTH)
          .with("field", "password")
          .build();
    }
    if (length > MAXIMUM_LENGTH) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "password-too-long")
          .detail("The password may be at most {0} characters long.", MAXIMUM_LENGTH)
          .with("field", "password")
          .build();
    }
    if (password.strip().toLowerCase(Locale.ROOT).equals(email.strip().toLowerCase(Locale.ROOT))) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "password-is-email")
          .detail("The password must not be the e-mail address.")
          .with("field", "password")
          .build();
    }
  }

  public String hash(String password) {
    return encoder.encode(password);
  }

  public boolean matches(String password, String hash) {
    return encoder.matches(password, hash);
  }

  /** Whether {@code hash} was made with weaker parameters than today's. */
  public boolean outdated(String hash) {
    return encoder.upgradeEncoding(hash);
  }

  /** Spends the time of a real comparison and fails. */
  public void matchNothing(String password) {
    encoder.matches(password, decoy);
  }
}
