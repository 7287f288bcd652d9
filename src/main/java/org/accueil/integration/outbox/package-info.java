/**
 * The transactional outbox: a change another system must hear about is written here in the same
 * transaction as the change ({@link org.accueil.integration.outbox.Outbox#enqueue}), one row per
 * destination; workers on every node deliver the rows through their {@link
 * org.accueil.integration.outbox.OutboxDestination}, in order per key, retrying with the
 * destination's backoff and dead-lettering what keeps failing.
 */
@NamedInterface("outbox")
@NullMarked
package org.accueil.integration.outbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
