/**
 * Who may call Accueil: API keys (stored as hashes, prefix-identifiable, revocable) and the rules
 * of which calls are open. The security issue adds staff logins, roles and the audit trail.
 */
@ApplicationModule(
    displayName = "Security",
    allowedDependencies = {"platform", "practice"})
@NullMarked
package org.accueil.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
