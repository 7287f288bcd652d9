package org.accueil.demo;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.Provider;
import org.accueil.security.NewStaffUser;
import org.accueil.security.Role;
import org.accueil.security.StaffAccounts;
import org.jspecify.annotations.Nullable;

/**
 * The demo's staff, one per role, who sign in at {@code /login} with {@link #PASSWORD}. Created
 * only in demo mode, and only those missing: a restart or an account an administrator changed is
 * left as it is.
 */
public final class DemoStaff {

  /** Printed at start-up and in the README: it protects nothing but a demo on one's own machine. */
  public static final String PASSWORD = "welcome-to-accueil";

  public static final String ADMIN = "admin@demo.accueil.local";
  public static final String FRONT_DESK = "frontdesk@demo.accueil.local";
  public static final String DR_JOHNSON = "dr.johnson@demo.accueil.local";

  private DemoStaff() {}

  /** Creates the demo users who do not exist yet; how many it created. */
  static int ensure(StaffAccounts accounts, PracticeDirectory directory) {
    UUID johnson =
        directory.snapshot().providers().stream()
            .filter(p -> p.familyName().equals("Johnson"))
            .map(Provider::id)
            .map(id -> id.value())
            .findFirst()
            .orElse(null);
    record Member(String email, String name, Role role, @Nullable UUID provider, String locale) {}
    int created = 0;
    for (Member member :
        List.of(
            new Member(ADMIN, "Alex Admin", Role.ADMIN, null, "en"),
            new Member(FRONT_DESK, "Fanny Accueil", Role.FRONT_DESK, null, "fr"),
            new Member(DR_JOHNSON, "Dr Marc Johnson", Role.CLINICIAN, johnson, "fr"))) {
      if (!accounts.exists(member.email())) {
        accounts.create(
            new NewStaffUser(
                member.email(),
                member.name(),
                Set.of(member.role()),
                member.provider(),
                member.locale(),
                PASSWORD));
        created++;
      }
    }
    return created;
  }
}
