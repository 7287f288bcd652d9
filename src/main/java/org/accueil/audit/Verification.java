package org.accueil.audit;

import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What checking the audit chain found: intact, or the first broken link and why.
 *
 * @param rowsChecked rows read in order and found intact (all of them when {@code valid})
 * @param firstBroken the first break, {@code null} when the chain is intact
 * @param headSeq the last row the chain head names, {@code null} if the head itself is gone
 * @param headHash that row's hash as the head records it
 */
public record Verification(
    long rowsChecked,
    @Nullable Break firstBroken,
    @Nullable Long headSeq,
    byte @Nullable [] headHash) {

  public boolean valid() {
    return firstBroken == null;
  }

  public @Nullable Long firstBrokenSeq() {
    return firstBroken == null ? null : firstBroken.seq();
  }

  public @Nullable String headHashHex() {
    return headHash == null ? null : HexFormat.of().formatHex(headHash);
  }

  /**
   * Where the chain breaks and how.
   *
   * @param seq the first row that is not as it was written, or the first missing row
   * @param arguments the row numbers the explanation names ({0}, {1}... of its message)
   */
  public record Break(Kind kind, @Nullable Long seq, List<Long> arguments) {
    public Break {
      arguments = List.copyOf(arguments);
    }

    /** The bundle key of the explanation a person reads ({@code messages/audit/verification}). */
    public String messageCode() {
      return "audit.break." + kind.code + (single() ? "-one" : "");
    }

    /** The explanation in English, a MessageFormat pattern over {@link #messageArguments()}. */
    public String english() {
      return single() ? kind.englishOne : kind.english;
    }

    /** One row missing, not a range: "Row 5 is missing", not "Rows 5 to 5". */
    private boolean single() {
      return kind.englishOne != null && arguments.get(0).equals(arguments.get(1));
    }

    public Object[] messageArguments() {
      return arguments.toArray();
    }
  }

  /** Each way a chain can break, with the English explanation ({0}, {1}... are row numbers). */
  public enum Kind {
    /** A row's fields no longer hash to its hash. */
    MODIFIED(
        "modified",
        "Row {0,number,#} was changed after it was written: its contents no longer match its"
            + " hash."),
    /** A row neither links to the previous row nor matches its own hash: it was moved. */
    REORDERED(
        "reordered",
        "Row {0,number,#} is not the row written at that position: it does not link to row"
            + " {1,number,#} and does not match its own hash. Rows were reordered or renumbered."),
    /** A row matches its own hash but not the previous row's: that row was rewritten. */
    RELINKED(
        "relinked",
        "Row {0,number,#} does not link to row {1,number,#}: row {1,number,#} was changed and"
            + " its hash recomputed, or rows were re-linked."),
    /** Row 1 does not start from the genesis value. */
    RELINKED_FIRST(
        "relinked-first", "Row 1 does not start the chain: its prev_hash is not 32 zero bytes."),
    /** Rows between two present rows are gone. */
    MISSING(
        "missing",
        "Rows {0,number,#} to {1,number,#} are missing: row {2,number,#} is the next row"
            + " present. They were deleted.",
        "Row {0,number,#} is missing: row {2,number,#} is the next row present. It was deleted."),
    /** The newest rows are gone: the head names a later row than the last present. */
    TRUNCATED(
        "truncated",
        "Rows {0,number,#} to {1,number,#} are missing at the end: the trail stops at row"
            + " {2,number,#} but the chain head records {1,number,#} rows. The newest rows were"
            + " deleted.",
        "Row {0,number,#} is missing at the end: the trail stops at row {2,number,#} but the"
            + " chain head records {1,number,#} rows. The newest row was deleted."),
    /** Rows exist past what the head records. */
    UNACCOUNTED(
        "unaccounted",
        "Rows after {0,number,#} are not recorded in the chain head: they were added without"
            + " Accueil''s writer, or the head was set back."),
    /** The head names the last row with another hash. */
    HEAD_MISMATCH(
        "head-mismatch",
        "The chain head records a different hash for row {0,number,#}: that row was replaced"
            + " after it was written, or the head was altered."),
    /** The one-row head table is empty. */
    HEAD_MISSING("head-missing", "The chain head (table audit_head) is missing: it was deleted.");

    private final String code;
    private final String english;
    private final @Nullable String englishOne;

    Kind(String code, String english) {
      this(code, english, null);
    }

    /** For a range of rows, {@code englishOne} says it of a single row. */
    Kind(String code, String english, @Nullable String englishOne) {
      this.code = code;
      this.english = english;
      this.englishOne = englishOne;
    }

    public String code() {
      return code;
    }
  }
}
