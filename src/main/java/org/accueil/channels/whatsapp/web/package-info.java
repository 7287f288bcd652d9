/** WhatsApp's doors: Meta's webhook, and the administrators' template registry. */
@NullMarked
package org.accueil.channels.whatsapp.web;

import org.jspecify.annotations.NullMarked;
