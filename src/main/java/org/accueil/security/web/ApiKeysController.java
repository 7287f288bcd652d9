package org.accueil.security.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.accueil.platform.ProblemException;
import org.accueil.security.ApiKeys;
import org.accueil.security.ApiKeys.KeyView;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys")
class ApiKeysController {

  record KeyRequest(
      @NotNull String name,
      @Nullable List<Role> roles,
      @Nullable List<String> scopes,
      @Nullable OffsetDateTime expiresAt) {}

  /** The created key with its secret: the only response that ever contains it. */
  record IssuedKeyView(
      UUID id,
      String name,
      String prefix,
      List<Role> roles,
      List<String> scopes,
      @Nullable OffsetDateTime expiresAt,
      String secret) {}

  private final ApiKeys keys;

  ApiKeysController(ApiKeys keys) {
    this.keys = keys;
  }

  @PostMapping
  @Operation(
      summary = "Create an API key",
      description =
          "An INTEGRATION key holds only the scopes given (e.g. appointments:read); an ADMIN key"
              + " holds all. The response is the only time the secret is shown: store it in the"
              + " integration's secret store. A retried call creates a second key: revoke the"
              + " one you did not keep.")
  ResponseEntity<IssuedKeyView> create(@RequestBody KeyRequest request) {
    // Not through IdempotentRequests: a replayable response would keep the secret in the database.
    var issued =
        keys.issue(
            new ApiKeys.NewKey(
                request.name(),
                request.roles() == null ? List.of(Role.INTEGRATION) : request.roles(),
                request.scopes() == null ? List.of() : request.scopes(),
                request.expiresAt() == null ? null : request.expiresAt().toInstant()));
    KeyView view = issued.key();
    return ResponseEntity.created(URI.create("/api/v1/api-keys/" + view.id()))
        .body(
            new IssuedKeyView(
                view.id(),
                view.name(),
                view.prefix(),
                view.roles(),
                view.scopes(),
                request.expiresAt(),
                issued.secret()));
  }

  @GetMapping
  @Operation(summary = "The keys, without their secrets; revoked ones too with ?revoked=true")
  List<KeyView> list(@RequestParam(defaultValue = "false") boolean revoked) {
    return keys.list(revoked);
  }

  @GetMapping("/{id}")
  KeyView key(@PathVariable UUID id) {
    return keys.find(id).orElseThrow(() -> ProblemException.notFound("api-key", id));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke a key; calls made with it are refused at once, on every node")
  KeyView revoke(@PathVariable UUID id) {
    return keys.revoke(id);
  }
}
