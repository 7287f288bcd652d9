/**
 * The audit trail: every {@link org.accueil.platform.AuditRecord} the modules publish becomes a row
 * of an append-only, SHA-256 hash-chained table, written in the publisher's transaction. {@link
 * AuditTrail} searches it and verifies the chain; {@code GET /api/v1/audit} and {@code
 * --accueil.audit.verify} expose both. Nothing depends on this module.
 */
@ApplicationModule(displayName = "Audit", allowedDependencies = "platform")
@NullMarked
package org.accueil.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
