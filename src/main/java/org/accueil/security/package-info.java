/**
 * Who may call Accueil and what they may do: roles and scopes, staff accounts and their sign-in to
 * the web UI (password, TOTP, OpenID Connect), API keys (stored as hashes, prefix-identifiable,
 * scoped, revocable), patients' access links, and the table of which call needs which scope.
 */
@ApplicationModule(
    displayName = "Security",
    allowedDependencies = {"platform", "platform :: crypto", "practice"})
@NullMarked
package org.accueil.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
