/**
 * What one client may ask of a node: request rates per address, per login form and per API key
 * (Bucket4j token buckets held in memory), and the size of a request body.
 */
@NullMarked
package org.accueil.platform.limits;

import org.jspecify.annotations.NullMarked;
