/** {@code /api/v1/integration/links}: the mapping tables for administrators. */
@NullMarked
package org.accueil.integration.mapping.web;

import org.jspecify.annotations.NullMarked;
