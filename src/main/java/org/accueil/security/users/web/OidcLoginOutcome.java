package org.accueil.security.users.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The end of an OpenID Connect sign-in. On success the session's authentication becomes the staff
 * member's ({@link StaffAuthentication}, an {@code Actor} as principal) rather than the provider's
 * token; on refusal the browser lands on a page that says why.
 */
final class OidcLoginOutcome implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  /** The reasons the refusal page explains; anything else is the provider's own error. */
  static final Set<String> REASONS = Set.of("no-role", "not-linked", "no-account", "disabled");

  private final SecurityContextRepository contexts;
  private final Audit audit;
  private final SavedRequestAwareAuthenticationSuccessHandler then =
      new SavedRequestAwareAuthenticationSuccessHandler();

  OidcLoginOutcome(SecurityContextRepository contexts, Audit audit) {
    this.contexts = contexts;
    this.audit = audit;
    then.setDefaultTargetUrl("/app");
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    if (!(authentication.getPrincipal() instanceof StaffOidcUsers.Staff staff)) {
      throw new IllegalStateException("OpenID Connect users are loaded by StaffOidcUsers");
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(staff.authentication());
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    then.onAuthenticationSuccess(request, response, staff.authentication());
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String reason = "provider-error";
    if (exception instanceof OAuth2AuthenticationException oauth
        && oauth.getError().getErrorCode().startsWith(StaffOidcUsers.REFUSAL_PREFIX)) {
      String code =
          oauth.getError().getErrorCode().substring(StaffOidcUsers.REFUSAL_PREFIX.length());
      reason = REASONS.contains(code) ? code : reason;
    } else {
      // The provider's error, a forged or replayed callback (state, nonce, PKCE), a bad token:
      // Logins never saw an identity, so it is audited here.
      audit.record(
          "login.failure",
          "staff-user",
          null,
          AuditRecord.Outcome.FAILED,
          java.util.Map.of("reason", reason, "method", "oidc"));
    }
    response.sendRedirect(request.getContextPath() + "/login/refused?reason=" + reason);
  }
}
