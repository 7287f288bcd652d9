/**
 * Shared building blocks every module may use: identifiers, RFC 9457 problem details, idempotent
 * creating calls and the database (embedded PostgreSQL or a server). It depends on no other module.
 */
@ApplicationModule(
    displayName = "Platform",
    allowedDependencies = {})
@NullMarked
package org.accueil.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
