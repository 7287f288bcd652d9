package org.accueil.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.ProviderId;
import org.accueil.security.users.Passwords;
import org.accueil.security.users.StaffUserRepository;
import org.accueil.security.users.StaffUserRow;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts: who may sign in to the web UI, with which roles, linked to which provider. Every
 * change is audited as {@code user.<verb>} on the entity {@code staff-user}, in the change's own
 * transaction: a change whose audit row cannot be written does not happen.
 */
@Service
public class StaffAccounts {

  private static final String ENTITY = "staff-user";

  private final StaffUserRepository users;
  private final Passwords passwords;
  private final PracticeDirectory practice;
  private final Audit audit;
  private final Clock clock;

  StaffAccounts(
      StaffUserRepository users,
      Passwords passwords,
      PracticeDirectory practice,
      Audit audit,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.practice = practice;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public StaffUser create(NewStaffUser user) {
    String email = user.email().strip();
    checkRoles(user.roles());
    checkProvider(user.providerId());
    String hash = null;
    if (user.password() != null) {
      passwords.check(user.password(), email);
      hash = passwords.hash(user.password());
    }
    if (users.findByEmail(email).isPresent()) {
      throw emailTaken(email);
    }
    UUID id = Ids.newId();
    Instant now = clock.instant();
    try {
      users.insert(
          id,
          email,
          user.displayName().strip(),
          hash,
          user.roles(),
          user.providerId(),
          user.locale() == null ? "en" : user.locale(),
          null,
          null,
          now);
    } catch (DuplicateKeyException e) {
      // Another request created the same address between our check and our write.
      throw emailTaken(email);
    }
    audit.success("user.create", ENTITY, id, refs(user.roles(), user.providerId()));
    return view(id);
  }

  public List<StaffUser> all() {
    Instant now = clock.instant();
    return users.all().stream().map(row -> row.view(now)).toList();
  }

  public Optional<StaffUser> find(UUID id) {
    return users.find(id).map(row -> row.view(clock.instant()));
  }

  public boolean exists(String email) {
    return users.findByEmail(email).isPresent();
  }

  @Transactional
  public StaffUser update(UUID id, StaffUserChanges changes) {
    StaffUserRow current = row(id);
    checkRoles(changes.roles());
    checkProvider(changes.providerId());
    users.update(
        id,
        changes.displayName().strip(),
        changes.roles(),
        changes.providerId(),
        changes.locale() == null ? current.locale() : changes.locale(),
        clock.instant());
    audit.success("user.update", ENTITY, id, refs(changes.roles(), changes.providerId()));
    return view(id);
  }

  /** Refuses every sign-in of the user and ends their open sessions. */
  @Transactional
  public StaffUser disable(UUID id) {
    row(id);
    users.disable(id, clock.instant());
    audit.success("user.disable", ENTITY, id);
    return view(id);
  }

  @Transactional
  public StaffUser enable(UUID id) {
    row(id);
    users.enable(id, clock.instant());
    audit.success("user.enable", ENTITY, id);
    return view(id);
  }

  /** Sets a new password chosen by an administrator; lifts a lockout and ends open sessions. */
  @Transactional
  public StaffUser resetPassword(UUID id, String password) {
    StaffUserRow current = row(id);
    passwords.check(password, current.email());
    users.setPassword(id, passwords.hash(password), clock.instant());
    audit.success("user.password-reset", ENTITY, id);
    return view(id);
  }

  /** Lifts a lockout before it runs out. */
  @Transactional
  public StaffUser unlock(UUID id) {
    row(id);
    users.unlock(id, clock.instant());
    audit.success("user.unlock", ENTITY, id);
    return view(id);
  }

  /**
   * Turns the user's two-step sign-in off, for someone who lost their authenticator: their next
   * sign-in needs only the password, and they can set it up again.
   */
  @Transactional
  public StaffUser resetSecondFactor(UUID id) {
    row(id);
    users.disableTotp(id, clock.instant());
    audit.success("user.totp-disable", ENTITY, id, Map.of("by", "administrator"));
    return view(id);
  }

  private StaffUserRow row(UUID id) {
    return users.find(id).orElseThrow(() -> ProblemException.notFound("staff-user", id));
  }

  private StaffUser view(UUID id) {
    return row(id).view(clock.instant());
  }

  private static void checkRoles(java.util.Set<Role> roles) {
    for (Role role : roles) {
      if (!Role.STAFF.contains(role)) {
        throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "role-not-for-staff")
            .detail(
                "The role {0} is for API keys, not people; give staff ADMIN, FRONT_DESK or"
                    + " CLINICIAN.",
                role.name())
            .with("field", "roles")
            .build();
      }
    }
  }

  private void checkProvider(@Nullable UUID providerId) {
    if (providerId != null && practice.snapshot().provider(ProviderId.of(providerId)).isEmpty()) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-provider")
          .detail("There is no provider with id {0}.", providerId)
          .with("field", "providerId")
          .build();
    }
  }

  private static ProblemException emailTaken(String email) {
    return ProblemException.of(HttpStatus.CONFLICT, "email-taken")
        .detail("A staff account with the e-mail address {0} already exists.", email)
        .with("field", "email")
        .build();
  }

  private static Map<String, Object> refs(java.util.Set<Role> roles, @Nullable UUID providerId) {
    Map<String, Object> refs = new java.util.TreeMap<>();
    refs.put("roles", String.join(",", roles.stream().sorted().map(Role::name).toList()));
    if (providerId != null) {
      refs.put("provider", providerId);
    }
    return refs;
  }
}
