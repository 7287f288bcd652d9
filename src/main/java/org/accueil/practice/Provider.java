package org.accueil.practice;

import java.util.List;

/**
 * Someone patients book with.
 *
 * @param title as written before the name, e.g. "Dr"; may be empty
 * @param languages ISO 639-1 codes of the languages they consult in
 */
public record Provider(
    ProviderId id,
    String title,
    String givenName,
    String familyName,
    List<String> specialties,
    List<String> languages,
    List<LocationId> locations,
    boolean active) {

  /** "Dr Emma Phillips". */
  public String displayName() {
    String name = givenName + " " + familyName;
    return title.isBlank() ? name : title + " " + name;
  }
}
