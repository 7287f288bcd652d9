/** Twilio's SMS webhooks: the inbound message and the delivery status callback. */
@NullMarked
package org.accueil.channels.sms.web;

import org.jspecify.annotations.NullMarked;
