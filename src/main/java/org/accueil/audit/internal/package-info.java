/** The writer, the SQL and the verification behind {@link org.accueil.audit.AuditTrail}. */
@NullMarked
package org.accueil.audit.internal;

import org.jspecify.annotations.NullMarked;
