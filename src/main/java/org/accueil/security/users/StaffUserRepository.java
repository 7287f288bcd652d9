package org.accueil.security.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@code staff_user}. Counters and the TOTP replay guard change in single statements, so
 * two nodes checking the same account at once cannot both pass a check meant for one.
 */
@Repository
public class StaffUserRepository {

  private static final String COLUMNS =
      """
      id, email, display_name, password_hash, roles, provider_id, locale, failed_attempts,
      locked_until, disabled_at, totp_secret, totp_last_step, oidc_issuer, oidc_subject,
      session_epoch, created_at, last_login_at
      """;

  private final JdbcClient jdbc;

  StaffUserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(
      UUID id,
      String email,
      String displayName,
      @Nullable String passwordHash,
      Collection<Role> roles,
      @Nullable UUID providerId,
      String locale,
      @Nullable String oidcIssuer,
      @Nullable String oidcSubject,
      Instant now) {
    jdbc.sql(
            """
            INSERT INTO staff_user (id, email, display_name, password_hash, roles, provider_id,
                                    locale, oidc_issuer, oidc_subject, created_at, updated_at)
            VALUES (:id, :email, :name, :hash, :roles, :provider, :locale, :issuer, :subject,
                    :now, :now)
            """)
        .param("id", id)
        .param("email", email)
        .param("name", displayName)
        .param("hash", passwordHash)
        .param("roles", names(roles))
        .param("provider", providerId)
        .param("locale", locale)
        .param("issuer", oidcIssuer)
        .param("subject", oidcSubject)
        .param("now", at(now))
        .update();
  }

  public Optional<StaffUserRow> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM staff_user WHERE id = :id")
        .param("id", id)
        .query(StaffUserRepository::row)
        .optional();
  }

  public Optional<StaffUserRow> findByEmail(String email) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM staff_user WHERE lower(email) = lower(:email)")
        .param("email", email.trim())
        .query(StaffUserRepository::row)
        .optional();
  }

  public Optional<StaffUserRow> findByOidc(String issuer, String subject) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM staff_user WHERE oidc_issuer = :issuer AND oidc_subject = :subject")
        .param("issuer", issuer)
        .param("subject", subject)
        .query(StaffUserRepository::row)
        .optional();
  }

  public List<StaffUserRow> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM staff_user ORDER BY lower(display_name), id")
        .query(StaffUserRepository::row)
        .list();
  }

  public boolean update(
      UUID id,
      String displayName,
      Collection<Role> roles,
      @Nullable UUID providerId,
      String locale,
      Instant now) {
    return jdbc.sql(
                """
                UPDATE staff_user SET display_name = :name, roles = :roles,
                       provider_id = :provider, locale = :locale, updated_at = :now
                 WHERE id = :id
                """)
            .param("id", id)
            .param("name", displayName)
            .param("roles", names(roles))
            .param("provider", providerId)
            .param("locale", locale)
            .param("now", at(now))
            .update()
        == 1;
  }

  /** Roles as the identity provider says they are now, at each OpenID Connect sign-in. */
  public void updateRoles(UUID id, Collection<Role> roles, Instant now) {
    jdbc.sql(
            """
            UPDATE staff_user SET roles = :roles, updated_at = :now
             WHERE id = :id AND roles IS DISTINCT FROM :roles::text[]
            """)
        .param("id", id)
        .param("roles", names(roles))
        .param("now", at(now))
        .update();
  }

  public void linkOidc(UUID id, String issuer, String subject, Instant now) {
    jdbc.sql(
            """
            UPDATE staff_user SET oidc_issuer = :issuer, oidc_subject = :subject, updated_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("issuer", issuer)
        .param("subject", subject)
        .param("now", at(now))
        .update();
  }

  /** A new password ends the user's sessions and lifts a lockout. */
  public boolean setPassword(UUID id, String hash, Instant now) {
    return jdbc.sql(
                """
                UPDATE staff_user SET password_hash = :hash, failed_attempts = 0,
                       locked_until = NULL, session_epoch = session_epoch + 1, updated_at = :now
                 WHERE id = :id
                """)
            .param("id", id)
            .param("hash", hash)
            .param("now", at(now))
            .update()
        == 1;
  }

  /** The same password, hashed with stronger parameters; sessions are not affected. */
  public void rehash(UUID id, String oldHash, String newHash) {
    jdbc.sql("UPDATE staff_user SET password_hash = :new WHERE id = :id AND password_hash = :old")
        .param("id", id)
        .param("old", oldHash)
        .param("new", newHash)
        .update();
  }

  /** Disabling ends every session of the user at its next request. */
  public boolean disable(UUID id, Instant now) {
    return jdbc.sql(
                """
                UPDATE staff_user SET disabled_at = coalesce(disabled_at, :now),
                       session_epoch = session_epoch + 1, updated_at = :now
                 WHERE id = :id
                """)
            .param("id", id)
            .param("now", at(now))
            .update()
        == 1;
  }

  public boolean enable(UUID id, Instant now) {
    return jdbc.sql("UPDATE staff_user SET disabled_at = NULL, updated_at = :now WHERE id = :id")
            .param("id", id)
            .param("now", at(now))
            .update()
        == 1;
  }

  public boolean unlock(UUID id, Instant now) {
    return jdbc.sql(
                """
                UPDATE staff_user SET failed_attempts = 0, locked_until = NULL, updated_at = :now
                 WHERE id = :id
                """)
            .param("id", id)
            .param("now", at(now))
            .update()
        == 1;
  }

  /**
   * Counts one failure; the {@code max}-th in a row locks the account until {@code lockedUntil} and
   * starts the count afresh. One statement: concurrent failures on several nodes all count.
   *
   * @return whether this failure locked the account
   */
  public boolean recordFailure(UUID id, int max, Instant lockedUntil, Instant now) {
    return jdbc.sql(
            """
            UPDATE staff_user
               SET failed_attempts = CASE WHEN failed_attempts + 1 >= :max THEN 0
                                          ELSE failed_attempts + 1 END,
                   locked_until = CASE WHEN failed_attempts + 1 >= :max THEN :until
                                       ELSE locked_until END,
                   updated_at = :now
             WHERE id = :id
            RETURNING failed_attempts = 0
            """)
        .param("id", id)
        .param("max", max)
        .param("until", at(lockedUntil))
        .param("now", at(now))
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  public void recordSuccess(UUID id, Instant now) {
    jdbc.sql(
            """
            UPDATE staff_user SET failed_attempts = 0, locked_until = NULL, last_login_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("now", at(now))
        .update();
  }

  /**
   * Records that the code of time step {@code step} was accepted, unless a code of this or a later
   * step already was: then the code is a replay (RFC 6238 section 5.2), even if it comes from
   * another node at the same moment.
   */
  public boolean useTotpStep(UUID id, long step) {
    return jdbc.sql(
                """
                UPDATE staff_user SET totp_last_step = :step
                 WHERE id = :id AND totp_secret IS NOT NULL
                   AND (totp_last_step IS NULL OR totp_last_step < :step)
                """)
            .param("id", id)
            .param("step", step)
            .update()
        == 1;
  }

  public void enableTotp(UUID id, byte[] storedSecret, long acceptedStep, Instant now) {
    jdbc.sql(
            """
            UPDATE staff_user SET totp_secret = :secret, totp_last_step = :step, updated_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("secret", storedSecret)
        .param("step", acceptedStep)
        .param("now", at(now))
        .update();
  }

  public void disableTotp(UUID id, Instant now) {
    jdbc.sql(
            """
            UPDATE staff_user SET totp_secret = NULL, totp_last_step = NULL, updated_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("now", at(now))
        .update();
  }

  private static String[] names(Collection<Role> roles) {
    return roles.stream().sorted().map(Role::name).toArray(String[]::new);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static StaffUserRow row(ResultSet rs, int n) throws SQLException {
    long lastStep = rs.getLong("totp_last_step");
    boolean noStep = rs.wasNull();
    return new StaffUserRow(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        rs.getString("display_name"),
        rs.getString("password_hash"),
        Arrays.stream((String[]) rs.getArray("roles").getArray()).map(Role::valueOf).toList(),
        rs.getObject("provider_id", UUID.class),
        rs.getString("locale"),
        rs.getInt("failed_attempts"),
        instant(rs, "locked_until"),
        instant(rs, "disabled_at"),
        rs.getBytes("totp_secret"),
        noStep ? null : lastStep,
        rs.getString("oidc_issuer"),
        rs.getString("oidc_subject"),
        rs.getInt("session_epoch"),
        java.util.Objects.requireNonNull(instant(rs, "created_at")),
        instant(rs, "last_login_at"));
  }
}
