package org.accueil.patients.imports;

/** How a step of an import's run ended, and what its rows came to. */
record StepResult(End end, Counts counts) {

  enum End {
    /** Every row went through the step. */
    FINISHED,
    /** The node is shutting down: the run stops between batches, to be resumed. */
    INTERRUPTED,
    /** Another run of the import took over (its task was revived elsewhere): this one stops. */
    SUPERSEDED
  }

  static StepResult ended(End end) {
    return new StepResult(end, Counts.NONE);
  }

  boolean finished() {
    return end == End.FINISHED;
  }
}
