package org.accueil.patients.matching;

/** The sex a given name is borne by, as far as given-name knowledge tells. */
public enum NameSex {
  /** Borne by women (Jeanne, Giulia, Margaret). */
  FEMALE,
  /** Borne by men (Jean, Giulio, William). */
  MALE,
  /**
   * Borne by both, in one language or across them: Camille and Dominique in France, Andrea (a man
   * in Italy, a woman in England), Sasha.
   */
  EITHER,
  /** Not a given name that we know. */
  UNKNOWN
}
