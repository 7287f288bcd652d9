package org.accueil.scheduling.model;

/** The answer to "can this visit take place then?". */
public sealed interface Verdict {

  record Free(Slot slot) implements Verdict {}

  record Refused(Rejection reason) implements Verdict {}
}
