/**
 * What the Twilio SMS and voice adapters share: the account's settings, the {@code
 * X-Twilio-Signature} check every webhook passes first, and TwiML. See docs/channels/sms.md and
 * docs/channels/voice.md.
 */
@NullMarked
package org.accueil.channels.twilio;

import org.jspecify.annotations.NullMarked;
