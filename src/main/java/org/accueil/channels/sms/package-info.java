/**
 * SMS through Twilio Programmable Messaging: patients' texts are stored before Twilio is answered,
 * STOP, START and HELP keywords change their consent in the same transaction, delivery reports
 * follow each message we sent. See docs/channels/sms.md.
 */
@NullMarked
package org.accueil.channels.sms;

import org.jspecify.annotations.NullMarked;
