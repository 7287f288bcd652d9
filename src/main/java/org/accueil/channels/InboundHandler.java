package org.accueil.channels;

/**
 * Takes what arrived, once stored: implemented by the conversations module. Called in a transaction
 * that also marks the stored item handled, so an item is handled exactly once or, if the handler
 * throws, retried with backoff; after a crash, the next pass picks up whatever was stored and not
 * handled.
 */
public interface InboundHandler {

  void handle(InboundMessage message);

  void handle(CallSummary call);
}
