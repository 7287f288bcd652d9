package org.accueil.web.inbox;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accueil.security.StaffAccounts;
import org.accueil.security.StaffUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Staff members as the inbox names them: an assignee or a note's author is stored as {@code
 * user:<id>}, and a person reads a name.
 */
@Component
class StaffNames {

  private final StaffAccounts accounts;

  StaffNames(StaffAccounts accounts) {
    this.accounts = accounts;
  }

  /** Everyone who can sign in now, by name: who a conversation can be given to. */
  List<StaffUser> assignable() {
    return accounts.all().stream()
        .filter(u -> u.disabledAt() == null && !u.roles().isEmpty())
        .sorted(Comparator.comparing(StaffUser::displayName, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  /** {@code user:<id>} → display name, for every account (disabled ones still wrote notes). */
  Map<String, String> byReference() {
    Map<String, String> names = new LinkedHashMap<>();
    accounts.all().forEach(u -> names.put("user:" + u.id(), u.displayName()));
    return names;
  }

  static @Nullable String name(Map<String, String> names, @Nullable String reference) {
    return reference == null ? null : names.getOrDefault(reference, reference);
  }
}
