package org.accueil.security.users;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord.Outcome;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A signed-in user turning their second factor on or off. Turning it on proves the authenticator
 * app holds the new secret (a code from it); turning it off proves the user still holds the old
 * one.
 */
@Component
public class TotpEnrolment {

  /** How turning the second factor off ended. */
  public enum Change {
    DONE,
    WRONG_CODE,
    /** Too many wrong codes: the account is locked and the session must end. */
    LOCKED
  }

  private final StaffUserRepository users;
  private final TotpSecrets secrets;
  private final LoginProperties properties;
  private final Audit audit;
  private final Clock clock;

  TotpEnrolment(
      StaffUserRepository users,
      TotpSecrets secrets,
      LoginProperties properties,
      Audit audit,
      Clock clock) {
    this.users = users;
    this.secrets = secrets;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  public boolean enabled(UUID userId) {
    return users.find(userId).map(StaffUserRow::totpEnabled).orElse(false);
  }

  public String uri(UUID userId, byte[] secret) {
    String account = users.find(userId).map(StaffUserRow::email).orElse(userId.toString());
    return Totp.uri(properties.totpIssuer(), account, secret);
  }

  /**
   * Turns the second factor on with {@code secret} if {@code code} comes from it. The code's time
   * step counts as used, so it cannot sign in a second time.
   */
  @Transactional
  public boolean confirm(UUID userId, byte[] secret, String code) {
    Instant now = clock.instant();
    OptionalLong step = Totp.matchingStep(secret, code, now);
    if (step.isEmpty()) {
      return false;
    }
    users.enableTotp(userId, secrets.seal(secret), step.getAsLong(), now);
    audit.success("user.totp-enable", Logins.ENTITY, userId);
    return true;
  }

  /**
   * Turns the second factor off if {@code code} is a fresh code of the current secret. Wrong codes
   * count towards the lockout, so a session left open cannot be used to guess one.
   */
  @Transactional
  public Change disable(UUID userId, String code) {
    Instant now = clock.instant();
    StaffUserRow user = users.find(userId).orElse(null);
    if (user == null || user.totpSecret() == null) {
      return Change.DONE;
    }
    OptionalLong step = Totp.matchingStep(secrets.open(user.totpSecret()), code, now);
    if (step.isEmpty() || !users.useTotpStep(userId, step.getAsLong())) {
      boolean locked =
          users.recordFailure(
              userId, properties.maxFailedAttempts(), now.plus(properties.lockDuration()), now);
      audit.record(
          "user.totp-disable",
          Logins.ENTITY,
          userId,
          Outcome.FAILED,
          Map.of("reason", step.isEmpty() ? "wrong-code" : "replayed-code"));
      if (locked) {
        audit.record(
            "login.locked",
            Logins.ENTITY,
            userId,
            Outcome.FAILED,
            Map.of("until", now.plus(properties.lockDuration())));
        return Change.LOCKED;
      }
      return Change.WRONG_CODE;
    }
    users.disableTotp(userId, now);
    audit.success("user.totp-disable", Logins.ENTITY, userId);
    return Change.DONE;
  }
}
