package org.accueil.patients.imports;

/**
 * What the rows of an import came to, in the step its status names: while validating, what the
 * import would do; while importing and after, what it did. They add up to the rows processed.
 *
 * @param created new records
 * @param linked rows found to be a record already (its missing identifiers added)
 * @param possibleDuplicates new records that may be someone already registered, queued for review
 * @param invalid rows refused, each reported with why
 */
public record Counts(int created, int linked, int possibleDuplicates, int invalid) {

  public static final Counts NONE = new Counts(0, 0, 0, 0);

  public Counts plus(Outcome outcome) {
    return switch (outcome) {
      case CREATED -> new Counts(created + 1, linked, possibleDuplicates, invalid);
      case LINKED -> new Counts(created, linked + 1, possibleDuplicates, invalid);
      case POSSIBLE_DUPLICATE -> new Counts(created, linked, possibleDuplicates + 1, invalid);
      case INVALID -> new Counts(created, linked, possibleDuplicates, invalid + 1);
    };
  }

  public int total() {
    return created + linked + possibleDuplicates + invalid;
  }

  /** What became of one row. */
  public enum Outcome {
    CREATED("created"),
    LINKED("linked"),
    POSSIBLE_DUPLICATE("possible-duplicate"),
    INVALID("invalid");

    private final String code;

    Outcome(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
