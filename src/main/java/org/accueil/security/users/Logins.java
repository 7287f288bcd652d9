package org.accueil.security.users;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord.Outcome;
import org.accueil.platform.Ids;
import org.accueil.security.users.LoginResult.Reason;
import org.accueil.security.users.LoginResult.Refused;
import org.accueil.security.users.LoginResult.SecondFactorNeeded;
import org.accueil.security.users.LoginResult.SignedIn;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides each sign-in: password, then the TOTP code if the account has one, or an OpenID Connect
 * identity. Every decision is audited; a failure names the account only by id, never by the address
 * that was typed.
 *
 * <p>Lockout: {@link LoginProperties#maxFailedAttempts()} wrong passwords or codes in a row lock
 * the account for {@link LoginProperties#lockDuration()}. While it is locked, even the right
 * password is refused, and those refusals neither count nor extend the lock, so someone guessing
 * cannot keep a colleague out for longer than one lock period at a time.
 */
@Component
public class Logins {

  static final String ENTITY = "staff-user";

  private final StaffUserRepository users;
  private final Passwords passwords;
  private final TotpSecrets secrets;
  private final LoginProperties properties;
  private final Audit audit;
  private final Clock clock;
  private final TransactionTemplate transactions;

  Logins(
      StaffUserRepository users,
      Passwords passwords,
      TotpSecrets secrets,
      LoginProperties properties,
      Audit audit,
      Clock clock,
      TransactionTemplate transactions) {
    this.transactions = transactions;
    this.users = users;
    this.passwords = passwords;
    this.secrets = secrets;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  public LoginResult password(String email, String password) {
    Instant now = clock.instant();
    StaffUserRow user = users.findByEmail(email).orElse(null);
    if (user == null) {
      passwords.matchNothing(password);
      return refuse(null, Reason.BAD_CREDENTIALS, "login.failure");
    }
    if (user.disabled() || user.lockedAt(now) || user.passwordHash() == null) {
      passwords.matchNothing(password);
      Reason reason =
          user.disabled()
              ? Reason.DISABLED
              : user.lockedAt(now) ? Reason.LOCKED : Reason.BAD_CREDENTIALS;
      return refuse(user.id(), reason, "login.failure");
    }
    if (!passwords.matches(password, user.passwordHash())) {
      return failed(user.id(), Reason.BAD_CREDENTIALS, "login.failure", now);
    }
    if (passwords.outdated(user.passwordHash())) {
      users.rehash(user.id(), user.passwordHash(), passwords.hash(password));
    }
    if (user.totpEnabled()) {
      return new SecondFactorNeeded(user.id());
    }
    return signedIn(user, "password", now);
  }

  /** The TOTP step, for the user whose password was accepted moments ago. */
  public LoginResult secondFactor(UUID userId, String code) {
    Instant now = clock.instant();
    StaffUserRow user = users.find(userId).orElse(null);
    if (user == null || user.disabled() || user.lockedAt(now) || user.totpSecret() == null) {
      Reason reason =
          user == null || user.disabled()
              ? Reason.DISABLED
              : user.lockedAt(now) ? Reason.LOCKED : Reason.BAD_CREDENTIALS;
      return refuse(user == null ? null : userId, reason, "login.totp-failure");
    }
    OptionalLong step = Totp.matchingStep(secrets.open(user.totpSecret()), code, now);
    if (step.isEmpty()) {
      return failed(userId, Reason.WRONG_CODE, "login.totp-failure", now);
    }
    if (!users.useTotpStep(userId, step.getAsLong())) {
      return failed(userId, Reason.REPLAYED_CODE, "login.totp-failure", now);
    }
    return signedIn(user, "totp", now);
  }

  /** Records that the TOTP step was abandoned too long after the password. */
  public LoginResult secondFactorExpired(UUID userId) {
    return refuse(userId, Reason.EXPIRED, "login.totp-failure");
  }

  /**
   * An identity the OpenID Connect provider vouched for: the account linked to it, else the account
   * with its verified e-mail address (which is then linked), else a new account when {@code
   * autoCreate}. Its roles come from the provider's claims at every sign-in.
   */
  public LoginResult oidc(OidcIdentity identity, boolean autoCreate) {
    Instant now = clock.instant();
    StaffUserRow user = users.findByOidc(identity.issuer(), identity.subject()).orElse(null);
    boolean link = false;
    if (user == null && identity.email() != null) {
      StaffUserRow sameAddress = users.findByEmail(identity.email()).orElse(null);
      if (sameAddress != null) {
        if (!identity.emailVerified() || sameAddress.oidcSubject() != null) {
          // An unverified address, or one already linked to another identity: taking over the
          // account on the strength of it would let whoever controls the provider's
          // self-registration become any staff member.
          return refuse(sameAddress.id(), Reason.NOT_LINKED, "login.failure", "oidc");
        }
        user = sameAddress;
        link = true;
      }
    }
    if (identity.roles().isEmpty()) {
      return refuse(user == null ? null : user.id(), Reason.NO_ROLE, "login.failure", "oidc");
    }
    if (user == null) {
      if (!autoCreate || identity.email() == null) {
        return refuse(null, Reason.NO_ACCOUNT, "login.failure", "oidc");
      }
      user = create(identity, now);
    }
    if (user.disabled()) {
      return refuse(user.id(), Reason.DISABLED, "login.failure", "oidc");
    }
    if (link) {
      users.linkOidc(user.id(), identity.issuer(), identity.subject(), now);
    }
    users.updateRoles(user.id(), identity.roles(), now);
    return signedIn(users.find(user.id()).orElseThrow(), "oidc", now);
  }

  private StaffUserRow create(OidcIdentity identity, Instant now) {
    UUID id = Ids.newId();
    String email = java.util.Objects.requireNonNull(identity.email());
    String name = displayName(identity.name() == null ? "" : identity.name().strip(), email);
    try {
      transactions.executeWithoutResult(
          status -> {
            users.insert(
                id,
                email,
                name,
                null,
                identity.roles(),
                null,
                "en",
                identity.issuer(),
                identity.subject(),
                now);
            audit.publish(
                "user.create",
                ENTITY,
                id,
                Outcome.SUCCESS,
                Actor.system("oidc-login"),
                null,
                null,
                Map.of("source", "oidc"));
          });
    } catch (DuplicateKeyException e) {
      // The same person's first sign-in, finishing on another node a moment earlier.
      return users.findByOidc(identity.issuer(), identity.subject()).orElseThrow(() -> e);
    }
    return users.find(id).orElseThrow();
  }

  /** The provider's name claim, else the address; at most the 100 characters an account takes. */
  private static String displayName(String claimed, String email) {
    String name = claimed.isEmpty() ? email : claimed;
    return name.substring(
        0, name.offsetByCodePoints(0, Math.min(100, name.codePointCount(0, name.length()))));
  }

  /** The audit row is written in the same transaction: no session opens without it. */
  private LoginResult signedIn(StaffUserRow user, String method, Instant now) {
    transactions.executeWithoutResult(
        status -> {
          users.recordSuccess(user.id(), now);
          audit.publish(
              "login.success",
              ENTITY,
              user.id(),
              Outcome.SUCCESS,
              user.actor(),
              null,
              null,
              Map.of("method", method));
        });
    return new SignedIn(user);
  }

  private LoginResult failed(UUID userId, Reason reason, String action, Instant now) {
    Instant until = now.plus(properties.lockDuration());
    Boolean locked =
        transactions.execute(
            status -> {
              boolean lockedNow =
                  users.recordFailure(userId, properties.maxFailedAttempts(), until, now);
              refuse(userId, reason, action);
              if (lockedNow) {
                audit.record(
                    "login.locked", ENTITY, userId, Outcome.FAILED, Map.of("until", until));
              }
              return lockedNow;
            });
    return new Refused(Boolean.TRUE.equals(locked) ? Reason.LOCKED : reason);
  }

  private Refused refuse(@Nullable UUID userId, Reason reason, String action) {
    return refuse(
        userId, reason, action, action.equals("login.totp-failure") ? "totp" : "password");
  }

  private Refused refuse(@Nullable UUID userId, Reason reason, String action, String method) {
    audit.record(
        action, ENTITY, userId, Outcome.FAILED, Map.of("reason", reason.slug(), "method", method));
    return new Refused(reason);
  }
}
