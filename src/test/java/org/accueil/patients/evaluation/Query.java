package org.accueil.patients.evaluation;

import java.util.List;

/**
 * Someone at the desk, and who they really are.
 *
 * @param details what they give: names, birth date, perhaps sex, phone as written, e-mail
 * @param truth the registry index of the person they are, or -1 for someone not in the registry
 * @param corruptions the labels ({@link Corruption#label()}) of what differs from their true
 *     details, in the order applied
 */
public record Query(Kind kind, SyntheticPerson details, int truth, List<String> corruptions) {

  public Query {
    corruptions = List.copyOf(corruptions);
    if ((kind == Kind.SAME_PERSON) != (truth >= 0)) {
      throw new IllegalArgumentException(kind + " with truth " + truth);
    }
  }

  public enum Kind {
    /** A patient presenting themself again, with 0 to 3 corruptions of their details. */
    SAME_PERSON,
    /** Someone not in the registry, drawn like the patients (common names recur by chance). */
    NEW_PERSON,
    /** The twin of a patient: same family name, birth date, phone and household. */
    TWIN,
    /** A parent or child of a patient, sharing their phone and family name. */
    FAMILY_MEMBER,
    /** A patient's spouse, sharing their landline or mailbox, perhaps their family name. */
    SPOUSE,
    /** Someone with a patient's given and family name, another birth date and phone. */
    NAMESAKE;

    /** Not in the registry but sharing something that matters with someone who is. */
    public boolean hardNegative() {
      return this != SAME_PERSON && this != NEW_PERSON;
    }
  }
}
