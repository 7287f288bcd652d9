/**
 * Outgoing webhooks, as the Standard Webhooks specification has them
 * (https://www.standardwebhooks.com): the endpoints the practice registers ({@link
 * org.accueil.integration.webhooks.WebhookEndpoints}), one outbox row per endpoint for each event
 * it subscribed to, written in the transaction of the change ({@code WebhookFanOut}), and their
 * signed delivery with retries over a day ({@code WebhookDestination}). Other modules may listen to
 * {@link org.accueil.integration.webhooks.WebhookEndpointDisabled} to tell the practice. See
 * docs/INTEGRATION.md, "Outgoing webhooks".
 */
@NamedInterface("webhooks")
@NullMarked
package org.accueil.integration.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
