package org.accueil.security.users;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.accueil.security.NewStaffUser;
import org.accueil.security.Role;
import org.accueil.security.StaffAccounts;
import org.accueil.security.StaffUser;
import org.accueil.testing.Browser;
import org.jspecify.annotations.Nullable;

/** Staff members of their own, with a known password, and how a browser signs them in. */
final class StaffFixture {

  static final String PASSWORD = "correct horse battery staple";

  private StaffFixture() {}

  static StaffUser create(StaffAccounts accounts, String name, Role... roles) {
    return create(accounts, name, null, roles);
  }

  static StaffUser create(
      StaffAccounts accounts, String name, @Nullable UUID provider, Role... roles) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    return accounts.create(
        new NewStaffUser(
            name.toLowerCase().replace(' ', '.') + "-" + tag + "@clinic.example",
            name + " " + tag,
            Set.of(roles),
            provider,
            null,
            PASSWORD));
  }

  /** Opens the sign-in page, then posts the form with its CSRF token; the answer, unfollowed. */
  static Browser.Page signIn(Browser browser, String email, String password) {
    browser.get("/login");
    return browser.submit("/login", Map.of("email", email, "password", password));
  }
}
