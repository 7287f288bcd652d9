/**
 * The outbox's machinery: {@link org.accueil.integration.outbox.internal.JdbcOutbox} writes rows,
 * {@link org.accueil.integration.outbox.internal.OutboxDispatcher} claims and delivers them, {@link
 * org.accueil.integration.outbox.internal.DeliveryLog} reads and replays them for the API.
 */
@NullMarked
package org.accueil.integration.outbox.internal;

import org.jspecify.annotations.NullMarked;
