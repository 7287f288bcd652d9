package org.accueil.security;

import java.util.List;
import java.util.Set;

/**
 * The texts the bad-input suite puts where a value belongs: injection strings and Unicode that is
 * unusual, deceptive or unstorable. Each says whether a field with a grammar (ids, dates, codes,
 * person names, phone numbers, e-mails) must refuse it, and whether any field may store it at all.
 */
final class BadInputs {

  private BadInputs() {}

  enum Kind {
    /** SQL or HTML/script injection: a grammar refuses it, free text stores it verbatim. */
    INJECTION(true, true),
    /** Cannot be stored faithfully (NUL, controls, lone surrogates): refused everywhere. */
    UNSTORABLE(true, false),
    /** Displays as something else (bidi override, invisible characters): names refuse it. */
    DECEPTIVE(true, true),
    /** Not part of any name or code (emoji, symbols, very long): a grammar refuses it. */
    ODD(true, true),
    /** Legitimate in names too (marks, non-NFC forms, joiners between letters): either way. */
    LEGITIMATE(false, true);

    final boolean grammarRefuses;
    final boolean storable;

    Kind(boolean grammarRefuses, boolean storable) {
      this.grammarRefuses = grammarRefuses;
      this.storable = storable;
    }
  }

  record Payload(String label, String text, Kind kind) {}

  static final List<Payload> TEXTS =
      List.of(
          new Payload("sql-drop", "'; DROP TABLE patient;--", Kind.INJECTION),
          new Payload("sql-tautology", "1 OR 1=1", Kind.INJECTION),
          new Payload("sql-quote", "' OR '1'='1' --", Kind.INJECTION),
          new Payload("sql-sleep", "1); SELECT pg_sleep(10);--", Kind.INJECTION),
          new Payload("html-script", "<script>alert(1)</script>", Kind.INJECTION),
          new Payload("html-attribute", "\"><img src=x onerror=alert(1)>", Kind.INJECTION),
          new Payload("nul", "before\u0000after", Kind.UNSTORABLE),
          new Payload("escape-sequence", "red\u001b[31mtext", Kind.UNSTORABLE),
          new Payload("lone-high-surrogate", "half\ud800pair", Kind.UNSTORABLE),
          new Payload("lone-low-surrogate", "half\udc00pair", Kind.UNSTORABLE),
          new Payload("rtl-override", "invoice\u202Efdp.exe", Kind.DECEPTIVE),
          new Payload("zero-width-space", "Jean\u200Bne", Kind.DECEPTIVE),
          new Payload(
              "emoji",
              "Jeanne \uD83D\uDE00 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
              Kind.ODD),
          new Payload("long", "a".repeat(5000), Kind.ODD),
          new Payload("combining-marks", "Z\u0351\u0362a\u0336l\u0337g\u0338o", Kind.LEGITIMATE),
          new Payload("non-nfc", "E\u0301lodie Lefe\u0300vre", Kind.LEGITIMATE),
          new Payload("zero-width-joiner", "\u0915\u094D\u200D\u0937", Kind.LEGITIMATE),
          new Payload(
              "right-to-left", "\u0645\u062D\u0645\u062F \u05D3\u05D5\u05D3", Kind.LEGITIMATE));

  /** What a place that is not text (an id, a date, a number, a list) is sent as text. */
  static final List<Payload> FOR_NON_TEXT =
      TEXTS.stream()
          .filter(
              p ->
                  Set.of("sql-tautology", "html-script", "nul", "lone-high-surrogate", "long")
                      .contains(p.label()))
          .toList();

  /** Ids in an address that are not ids; {@code %00} is sent as is, a NUL once decoded. */
  static final List<String> MALFORMED_IDS =
      List.of(
          "not-a-uuid",
          "' OR 1=1--",
          "<script>alert(1)</script>",
          "a".repeat(10_000),
          "%00",
          "%FF%FE",
          "00000000-0000-0000-0000-000000000000");

  /** Query values beyond {@link #TEXTS}: numbers out of range, broken percent-encoding. */
  static final List<String> RAW_QUERY_VALUES =
      List.of("", "-1", "99999999999999999999", "%00", "%FF", "%ED%A0%80", "a".repeat(10_000));

  /** Header values HTTP can carry (visible ASCII) that a header parameter should refuse or bear. */
  static final List<String> HEADER_VALUES =
      List.of("' OR 1=1--", "<script>alert(1)</script>", "k".repeat(300), "   ");
}
