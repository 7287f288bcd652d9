/**
 * Who may call Accueil and what they may do: roles and scopes, API keys (stored as hashes,
 * prefix-identifiable, scoped, revocable), patients' access links, and the table of which call
 * needs which scope.
 */
@ApplicationModule(
    displayName = "Security",
    allowedDependencies = {"platform", "platform :: crypto"})
@NullMarked
package org.accueil.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
