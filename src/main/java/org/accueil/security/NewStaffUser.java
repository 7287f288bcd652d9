package org.accueil.security;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A staff account to create.
 *
 * @param roles ADMIN, FRONT_DESK and/or CLINICIAN
 * @param providerId the provider whose calendar is the user's own (a clinician's)
 * @param locale en, fr or it; English when absent
 * @param password the initial password (at least 12 characters, not the e-mail address); absent for
 *     a user who signs in only through OpenID Connect
 */
public record NewStaffUser(
    @NotBlank @Email @Size(max = 254) String email,
    @NotBlank @Size(max = 100) String displayName,
    @NotNull @Size(min = 1, message = "{validation.at-least-one-role}") Set<@NotNull Role> roles,
    @Nullable UUID providerId,
    @Nullable @Pattern(regexp = "en|fr|it", message = "{validation.staff-locale}") String locale,
    @Nullable String password) {

  /** Never prints the password: records end up in logs and debuggers. */
  @Override
  public String toString() {
    return "NewStaffUser[email=" + email + ", roles=" + roles + "]";
  }

  /** The same request with the password reduced to whether there is one. */
  public NewStaffUser withoutPassword() {
    return new NewStaffUser(
        email, displayName, roles, providerId, locale, password == null ? null : "set");
  }
}
