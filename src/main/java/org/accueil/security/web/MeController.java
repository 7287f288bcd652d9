package org.accueil.security.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Session")
class MeController {

  /**
   * @param csrfHeader for callers signed in with a session cookie (the web UI): the header to send
   *     with the token on every POST, PUT and DELETE; absent for API keys, which need none
   */
  record MeView(
      String kind,
      String id,
      String name,
      List<String> roles,
      List<String> scopes,
      @Nullable UUID providerId,
      @Nullable UUID appointmentId,
      @Nullable String csrfHeader,
      @Nullable String csrfToken) {}

  @GetMapping("/api/v1/me")
  @Operation(summary = "Who the caller is: kind, roles, scopes, and the CSRF token of a session")
  MeView me(HttpServletRequest request) {
    Actor actor = Actor.current();
    boolean session = request.getHeader("Authorization") == null;
    CsrfToken csrf = session ? (CsrfToken) request.getAttribute(CsrfToken.class.getName()) : null;
    return new MeView(
        actor.kind().label(),
        actor.id(),
        actor.name(),
        actor.roles().stream().sorted().toList(),
        actor.scopes().stream().sorted().toList(),
        actor.providerId(),
        actor.appointmentId(),
        csrf == null ? null : csrf.getHeaderName(),
        csrf == null ? null : csrf.getToken());
  }
}
