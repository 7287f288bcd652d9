package org.accueil.security.users.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.accueil.platform.Actor;
import org.accueil.security.Role;
import org.accueil.security.users.LoginProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in pages and the small signed-in page. POSTs are handled by the security filters. */
@Controller
class LoginPages {

  private final LoginProperties login;
  private final OidcProperties oidc;
  private final Clock clock;

  LoginPages(LoginProperties login, OidcProperties oidc, Clock clock) {
    this.login = login;
    this.oidc = oidc;
    this.clock = clock;
  }

  @GetMapping("/login")
  String login(
      @RequestParam(required = false) @Nullable String error,
      @RequestParam(required = false) @Nullable String logout,
      @RequestParam(required = false) @Nullable String expired,
      @Nullable Authentication authentication,
      Model model) {
    if (authentication instanceof StaffAuthentication) {
      return "redirect:/app";
    }
    model.addAttribute("failed", error != null);
    model.addAttribute("loggedOut", logout != null);
    model.addAttribute("expired", expired != null);
    model.addAttribute("lockMinutes", login.lockDuration().toMinutes());
    model.addAttribute("oidc", oidc.enabled());
    model.addAttribute("oidcName", oidc.displayName());
    model.addAttribute("oidcUrl", "/oauth2/authorization/" + OidcClient.REGISTRATION_ID);
    return "security/login";
  }

  @GetMapping("/login/totp")
  String secondFactor(
      @RequestParam(required = false) @Nullable String error,
      HttpServletRequest request,
      Model model) {
    if (SecondFactorStep.pending(request, clock.instant(), login) == null) {
      return "redirect:/login";
    }
    model.addAttribute("failed", error != null);
    return "security/login-totp";
  }

  @GetMapping("/login/refused")
  String refused(@RequestParam(required = false) @Nullable String reason, Model model) {
    model.addAttribute(
        "reason",
        reason != null && OidcLoginOutcome.REASONS.contains(reason) ? reason : "provider-error");
    model.addAttribute("provider", oidc.displayName());
    return "security/login-refused";
  }

  @GetMapping("/app")
  String app(Authentication authentication, Model model) {
    Actor actor = ((StaffAuthentication) authentication).actor();
    model.addAttribute("name", actor.name());
    model.addAttribute("roles", roles(actor));
    return "security/app";
  }

  /** Role names in the order of {@link Role}, for the page to translate. */
  static List<String> roles(Actor actor) {
    return actor.roles().stream()
        .map(Role::valueOf)
        .sorted(Comparator.naturalOrder())
        .map(Role::name)
        .toList();
  }
}
