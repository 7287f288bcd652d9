package org.accueil.channels.webchat;

import org.jspecify.annotations.Nullable;

/**
 * A web chat session.
 *
 * @param token what the browser holds; only its hash is stored
 * @param verifiedPatient the practice site's identifier of the signed-in patient, whose identity
 *     hash was checked; null for an anonymous visitor
 */
record Visitor(String token, @Nullable String verifiedPatient) {

  boolean verified() {
    return verifiedPatient != null;
  }

  @Override
  public String toString() {
    return "Visitor[verified=" + verified() + "]";
  }
}
