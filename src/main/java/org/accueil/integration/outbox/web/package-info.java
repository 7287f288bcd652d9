/** {@code /api/v1/integration/deliveries}: the delivery log and the replay of dead letters. */
@NullMarked
package org.accueil.integration.outbox.web;

import org.jspecify.annotations.NullMarked;
