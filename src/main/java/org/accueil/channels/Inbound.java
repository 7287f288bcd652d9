package org.accueil.channels;

import org.accueil.patients.Channel;

/** Something a provider told us: a message from a patient, or news of a message we sent. */
public sealed interface Inbound permits InboundMessage, DeliveryUpdate, CallSummary {

  Channel channel();

  /**
   * What makes it unique at its provider: the message id (a wamid, a Twilio MessageSid, an e-mail
   * Message-ID), for a status the message id and the status. A provider delivering the same thing
   * twice gives the same key, and it is stored once.
   */
  String deduplicationKey();
}
