package org.accueil.patients.imports;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An import and where it stands.
 *
 * @param fileSize the uploaded file's size in bytes
 * @param totalRows the file's patients (CSV rows, Patient resources)
 * @param ignoredEntries Bundle entries that are not a Patient, left alone
 * @param processedRows rows through the step the status names: validating, then importing
 * @param counts what the processed rows came to in that step
 * @param incident for a failed import, the incident the server log names
 * @param createdBy who uploaded it ({@code user:<id>}, {@code api-key:<id>})
 */
public record PatientImport(
    UUID id,
    ImportStatus status,
    ImportFormat format,
    boolean dryRun,
    OnError onError,
    long fileSize,
    int totalRows,
    int ignoredEntries,
    int processedRows,
    Counts counts,
    @Nullable String incident,
    String createdBy,
    String createdByName,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt) {}
