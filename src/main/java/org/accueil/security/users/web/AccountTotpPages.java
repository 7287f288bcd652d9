package org.accueil.security.users.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import org.accueil.security.users.Base32;
import org.accueil.security.users.Totp;
import org.accueil.security.users.TotpEnrolment;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /account/totp}: a signed-in user turns two-step sign-in on (new secret, shown once as an
 * otpauth link and a base 32 key, confirmed by a code) or off (with a current code). The secret
 * waits in the session until it is confirmed; nothing is stored before.
 */
@Controller
@RequestMapping("/account/totp")
class AccountTotpPages {

  static final String NEW_SECRET = AccountTotpPages.class.getName() + ".NEW_SECRET";

  private final TotpEnrolment enrolment;

  AccountTotpPages(TotpEnrolment enrolment) {
    this.enrolment = enrolment;
  }

  @GetMapping
  String page(
      @RequestParam(required = false) @Nullable String error,
      @RequestParam(required = false) @Nullable String done,
      Authentication authentication,
      HttpServletRequest request,
      Model model) {
    UUID user = ((StaffAuthentication) authentication).userId();
    boolean enabled = enrolment.enabled(user);
    model.addAttribute("enabled", enabled);
    model.addAttribute("failed", error != null);
    model.addAttribute("done", done);
    HttpSession session = request.getSession(false);
    if (!enabled && session != null && session.getAttribute(NEW_SECRET) instanceof byte[] secret) {
      model.addAttribute("uri", enrolment.uri(user, secret));
      model.addAttribute("secret", grouped(Base32.encode(secret)));
    }
    return "security/account-totp";
  }

  @PostMapping("/setup")
  String setUp(HttpServletRequest request) {
    request.getSession().setAttribute(NEW_SECRET, Totp.newSecret());
    return "redirect:/account/totp";
  }

  @PostMapping("/confirm")
  String confirm(
      @RequestParam(defaultValue = "") String code,
      Authentication authentication,
      HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(NEW_SECRET) instanceof byte[] secret)) {
      return "redirect:/account/totp";
    }
    if (!enrolment.confirm(((StaffAuthentication) authentication).userId(), secret, code)) {
      return "redirect:/account/totp?error";
    }
    session.removeAttribute(NEW_SECRET);
    return "redirect:/account/totp?done=enabled";
  }

  @PostMapping("/disable")
  String disable(
      @RequestParam(defaultValue = "") String code,
      Authentication authentication,
      HttpServletRequest request) {
    return switch (enrolment.disable(((StaffAuthentication) authentication).userId(), code)) {
      case DONE -> "redirect:/account/totp?done=disabled";
      case WRONG_CODE -> "redirect:/account/totp?error";
      case LOCKED -> {
        // Too many wrong codes from this session: it may not be the user's hand on it.
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        yield "redirect:/login?error";
      }
    };
  }

  /** "JBSW Y3DP EHPK 3PXP": easier to type into an app by hand. */
  private static String grouped(String key) {
    return key.replaceAll("(.{4})(?!$)", "$1 ");
  }
}
