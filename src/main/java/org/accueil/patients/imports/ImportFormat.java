package org.accueil.patients.imports;

import java.util.Locale;

/** What an import's file is written in. */
public enum ImportFormat {
  /** UTF-8 text with a header row; see {@link CsvLayout}. */
  CSV,
  /** FHIR R4 JSON: one {@code Patient}, or a {@code Bundle} of them. */
  FHIR;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ImportFormat ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
