package org.accueil.patients.imports;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.fhir.FhirPatients.Unreadable;
import org.jspecify.annotations.Nullable;

/**
 * One patient of a file, as read and before any check.
 *
 * @param number the row's number among the file's patients, from 1
 * @param line where it starts in the file, when known
 * @param details what the row says; values it lacks or that could not be read are null
 * @param recordId the record the row says it is (Accueil's id, in its own export)
 * @param fields where each of {@code details}' fields is in the file, by the API's field path
 * @param unreadable values that could not become details; {@link #WHOLE_ROW} for a row that could
 *     not be read at all
 */
record ImportRow(
    int number,
    @Nullable Integer line,
    PatientDetails details,
    @Nullable UUID recordId,
    Map<String, String> fields,
    List<Unreadable> unreadable) {

  static final String WHOLE_ROW = "row";

  ImportRow {
    fields = Map.copyOf(fields);
    unreadable = List.copyOf(unreadable);
  }

  /** A row counted, not read: what counting a file's rows yields. */
  static ImportRow placeholder(int number, @Nullable Integer line) {
    return new ImportRow(number, line, nothing(), null, Map.of(), List.of());
  }

  /** A row that says nothing, for one that could not be read. */
  static PatientDetails nothing() {
    return new PatientDetails(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Where a field of the details is in the file: a column, a path in a FHIR resource. */
  String field(String path) {
    String exact = fields.get(path);
    if (exact != null) {
      return exact;
    }
    int dot = path.indexOf('.');
    return dot > 0 ? fields.getOrDefault(path.substring(0, dot), path) : path;
  }

  boolean readable() {
    return unreadable.stream().noneMatch(u -> u.field().equals(WHOLE_ROW));
  }

  @Override
  public String toString() {
    return "ImportRow[" + number + "]";
  }
}
