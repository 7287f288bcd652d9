package org.accueil.security.users;

import java.util.UUID;

/** How a sign-in attempt ended. A refusal is an outcome, not an error. */
public sealed interface LoginResult {

  /** The user is who they said; open their session. */
  record SignedIn(StaffUserRow user) implements LoginResult {}

  /** The password was right and the account asks for a TOTP code before a session opens. */
  record SecondFactorNeeded(UUID userId) implements LoginResult {}

  record Refused(Reason reason) implements LoginResult {}

  /**
   * Why, for the audit trail and the pages that explain OpenID Connect refusals. A password sign-in
   * shows the same generic message whatever the reason.
   */
  enum Reason {
    BAD_CREDENTIALS("bad-credentials"),
    LOCKED("locked"),
    DISABLED("disabled"),
    WRONG_CODE("wrong-code"),
    REPLAYED_CODE("replayed-code"),
    EXPIRED("expired"),
    NO_ROLE("no-role"),
    NOT_LINKED("not-linked"),
    NO_ACCOUNT("no-account");

    private final String slug;

    Reason(String slug) {
      this.slug = slug;
    }

    public String slug() {
      return slug;
    }
  }
}
