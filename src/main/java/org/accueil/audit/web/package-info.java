/** {@code GET /api/v1/audit} and {@code GET /api/v1/audit/verify}. */
@NullMarked
package org.accueil.audit.web;

import org.jspecify.annotations.NullMarked;
