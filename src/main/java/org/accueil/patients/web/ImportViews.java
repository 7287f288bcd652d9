package org.accueil.patients.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.patients.imports.BadRow;
import org.accueil.patients.imports.Counts;
import org.accueil.patients.imports.ImportStatus;
import org.accueil.patients.imports.OnError;
import org.accueil.patients.imports.PatientImport;
import org.jspecify.annotations.Nullable;

/** The JSON of patient imports. */
final class ImportViews {

  private ImportViews() {}

  /**
   * An import: lists show it without its refused rows, a report with them.
   *
   * @param processedRows rows through the step the status names (validating, then importing): a
   *     progress bar is processedRows / totalRows, twice for a real import
   * @param counts what the processed rows came to: while validating, and for a dry run, what the
   *     import would do; while importing and after, what it did
   * @param badRowsTotal how many rows were refused; {@code badRows} lists the first 1,000
   */
  record ImportView(
      UUID id,
      ImportStatus status,
      String format,
      boolean dryRun,
      OnError onError,
      long fileSize,
      int totalRows,
      int ignoredEntries,
      int processedRows,
      Counts counts,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer badRowsTotal,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<BadRowView> badRows,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String incident,
      String createdBy,
      Instant createdAt,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt) {

    static ImportView summary(PatientImport i) {
      return of(i, null, null, null);
    }

    static ImportView report(
        PatientImport i, int badRowsTotal, List<BadRow> badRows, Locale reader) {
      return of(i, badRowsTotal, badRows, reader);
    }

    private static ImportView of(
        PatientImport i,
        @Nullable Integer badRowsTotal,
        @Nullable List<BadRow> badRows,
        @Nullable Locale reader) {
      return new ImportView(
          i.id(),
          i.status(),
          i.format().code(),
          i.dryRun(),
          i.onError(),
          i.fileSize(),
          i.totalRows(),
          i.ignoredEntries(),
          i.processedRows(),
          i.counts(),
          badRowsTotal,
          badRows == null ? null : badRows.stream().map(b -> BadRowView.of(b, reader)).toList(),
          i.incident(),
          i.createdBy(),
          i.createdAt(),
          i.startedAt(),
          i.finishedAt());
    }
  }

  /**
   * @param row the row's number among the file's patients, from 1
   * @param line where the row starts in the file, when the file says (CSV, JSON written on lines)
   */
  record BadRowView(int row, @Nullable Integer line, List<ErrorView> errors) {
    static BadRowView of(BadRow row, @Nullable Locale reader) {
      String language = reader == null ? "en" : reader.getLanguage();
      return new BadRowView(
          row.row(),
          row.line(),
          row.errors().stream()
              .map(
                  e ->
                      new ErrorView(
                          e.field(),
                          e.type(),
                          e.message().getOrDefault(language, e.message().get("en"))))
              .toList());
    }
  }

  /**
   * @param field the CSV column, or the path in the FHIR resource
   * @param type the problem type, as the API's problems have it
   */
  record ErrorView(String field, String type, String message) {}
}
