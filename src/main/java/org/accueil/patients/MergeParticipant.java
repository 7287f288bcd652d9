package org.accueil.patients;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A module holding records about patients (appointments, conversations) that must follow a merge.
 * The registry calls every participant in the merge's transaction, records what each moved, and
 * hands the same ids back on an unmerge. Implementations refuse a move that cannot be made (two
 * visits at once) with a {@code ProblemException} (409), which rolls the whole merge back.
 */
public interface MergeParticipant {

  /** What the participant moves, as the merge records it: {@code appointments}. */
  String records();

  /**
   * Moves every record of {@code duplicate} to {@code survivor}.
   *
   * @return the ids of the records moved
   */
  List<UUID> move(PatientId duplicate, PatientId survivor);

  /** Moves back those of {@code ids} still on {@code survivor} to {@code duplicate}. */
  void moveBack(Collection<UUID> ids, PatientId survivor, PatientId duplicate);
}
