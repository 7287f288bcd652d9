package org.accueil.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an administrator changes on an account. The e-mail address, password and second factor are
 * not changed here.
 *
 * @param providerId the linked provider; {@code null} removes the link
 * @param locale en, fr or it; {@code null} keeps the current language
 */
public record StaffUserChanges(
    @NotBlank @Size(max = 100) String displayName,
    @NotNull @Size(min = 1, message = "{validation.at-least-one-role}") Set<@NotNull Role> roles,
    @Nullable UUID providerId,
    @Nullable @Pattern(regexp = "en|fr|it", message = "{validation.staff-locale}") String locale) {}
