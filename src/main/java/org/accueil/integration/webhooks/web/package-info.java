/** The webhook endpoints' administration API, {@code /api/v1/webhooks}. */
@NullMarked
package org.accueil.integration.webhooks.web;

import org.jspecify.annotations.NullMarked;
