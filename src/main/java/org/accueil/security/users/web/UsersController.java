package org.accueil.security.users.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.security.NewStaffUser;
import org.accueil.security.StaffAccounts;
import org.accueil.security.StaffUser;
import org.accueil.security.StaffUserChanges;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts, for administrators (the API's ADMIN rule covers {@code /api/v1/users}). */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Staff users")
class UsersController {

  private final StaffAccounts accounts;
  private final IdempotentRequests idempotency;

  UsersController(StaffAccounts accounts, IdempotentRequests idempotency) {
    this.accounts = accounts;
    this.idempotency = idempotency;
  }

  /** The new password, as an administrator sets it. */
  record NewPassword(@NotNull String password) {
    @Override
    public String toString() {
      return "NewPassword[]";
    }
  }

  @PostMapping
  @Operation(
      summary = "Create a staff account",
      description =
          "Without a password the account can sign in only through OpenID Connect. The password"
              + " is at least 12 characters and not the e-mail address.")
  ResponseEntity<?> create(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody NewStaffUser user) {
    // The idempotency fingerprint is stored for a day: it must not be a fast hash of a password.
    return idempotency.create(
        key, "/api/v1/users", user.withoutPassword(), () -> accounts.create(user), StaffUser::id);
  }

  @GetMapping
  List<StaffUser> all() {
    return accounts.all();
  }

  @GetMapping("/{id}")
  StaffUser one(@PathVariable UUID id) {
    return accounts.find(id).orElseThrow(() -> ProblemException.notFound("staff-user", id));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Change roles, provider link, display name and language")
  StaffUser update(@PathVariable UUID id, @Valid @RequestBody StaffUserChanges changes) {
    return accounts.update(id, changes);
  }

  @PostMapping("/{id}/disable")
  @Operation(summary = "Refuse every sign-in of the user and end their sessions")
  StaffUser disable(@PathVariable UUID id) {
    return accounts.disable(id);
  }

  @PostMapping("/{id}/enable")
  StaffUser enable(@PathVariable UUID id) {
    return accounts.enable(id);
  }

  @PostMapping("/{id}/password")
  @Operation(summary = "Set a new password; lifts a lockout and ends the user's sessions")
  StaffUser resetPassword(@PathVariable UUID id, @Valid @RequestBody NewPassword body) {
    return accounts.resetPassword(id, body.password());
  }

  @DeleteMapping("/{id}/totp")
  @Operation(summary = "Turn the user's two-step sign-in off (a lost authenticator)")
  StaffUser resetSecondFactor(@PathVariable UUID id) {
    return accounts.resetSecondFactor(id);
  }

  @PostMapping("/{id}/unlock")
  @Operation(summary = "Lift a lockout after too many failed sign-ins")
  StaffUser unlock(@PathVariable UUID id) {
    return accounts.unlock(id);
  }
}
