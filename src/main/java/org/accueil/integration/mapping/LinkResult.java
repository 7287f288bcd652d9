package org.accueil.integration.mapping;

/** What {@link IntegrationLinks#link} did. */
public sealed interface LinkResult {

  /** The link is as asked: written, or already so (then only its version and time changed). */
  record Linked(IntegrationLink link) implements LinkResult {}

  /**
   * Nothing written: the remote id is already linked to another of our records of that type ({@code
   * existing}). Two of ours for one of theirs means a duplicate on one side; a person decides.
   */
  record RemoteIdTaken(IntegrationLink existing) implements LinkResult {}
}
