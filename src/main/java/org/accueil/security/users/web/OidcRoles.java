package org.accueil.security.users.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;

/** Reads the roles claim and maps its values to Accueil's staff roles. */
final class OidcRoles {

  private OidcRoles() {}

  static Set<Role> of(Map<String, Object> claims, OidcProperties properties) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String value : values(claims, properties.rolesClaim())) {
      Role role =
          properties.roleMapping().isEmpty() ? byName(value) : properties.roleMapping().get(value);
      if (role != null && Role.STAFF.contains(role)) {
        roles.add(role);
      }
    }
    return roles;
  }

  /**
   * The claim's values. A claim named with dots (Auth0's {@code https://example.org/roles}) is
   * looked up whole first; otherwise each dot steps into a nested object, as Keycloak's {@code
   * realm_access.roles}.
   */
  static List<String> values(Map<String, Object> claims, String path) {
    Object value = claims.get(path);
    if (value == null) {
      Object current = claims;
      for (String step : path.split("\\.")) {
        current = current instanceof Map<?, ?> map ? map.get(step) : null;
      }
      value = current;
    }
    List<String> values = new ArrayList<>();
    if (value instanceof Collection<?> many) {
      many.forEach(v -> values.add(String.valueOf(v)));
    } else if (value instanceof String one) {
      values.add(one);
    }
    return values;
  }

  private static @Nullable Role byName(String value) {
    try {
      return Role.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
