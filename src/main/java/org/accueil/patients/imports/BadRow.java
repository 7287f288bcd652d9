package org.accueil.patients.imports;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A row the import refused, and every reason.
 *
 * @param row the row's number among the file's patients, from 1
 * @param line where the row starts in the file, when the file has lines that say it
 */
public record BadRow(int row, @Nullable Integer line, List<Error> errors) {

  public BadRow {
    errors = List.copyOf(errors);
  }

  /**
   * One reason.
   *
   * @param field as the file names it: a CSV column ({@code phone}, {@code ins}) or a path in the
   *     FHIR resource ({@code name[0].family})
   * @param type the problem type, as the API's problems name it: {@code /problems/invalid-phone}
   * @param message the explanation in English, French and Italian, by language code
   */
  public record Error(String field, String type, Map<String, String> message) {}

  @Override
  public String toString() {
    return "BadRow[" + row + "]";
  }
}
