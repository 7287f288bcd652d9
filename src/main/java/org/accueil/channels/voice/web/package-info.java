/** Twilio's voice webhooks: the incoming call, each turn, the transfer's end, the call's end. */
@NullMarked
package org.accueil.channels.voice.web;

import org.jspecify.annotations.NullMarked;
