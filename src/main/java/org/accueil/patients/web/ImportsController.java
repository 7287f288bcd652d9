package org.accueil.patients.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.exports.RegistryExport;
import org.accueil.patients.imports.ImportFormat;
import org.accueil.patients.imports.OnError;
import org.accueil.patients.imports.PatientImport;
import org.accueil.patients.imports.PatientImports;
import org.accueil.patients.web.ImportViews.ImportView;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry in and out at once, for administrators: a file of patients imported (or only
 * reported on), the whole live registry exported. See docs/PATIENTS.md, "Import and export".
 */
@RestController
@RequestMapping("/api/v1/patients")
@Tag(name = "Patient import and export")
class ImportsController {

  static final MediaType CSV = MediaType.parseMediaType("text/csv");
  static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

  private final PatientImports imports;
  private final RegistryExport export;
  private final Audit audit;
  private final Clock clock;

  ImportsController(PatientImports imports, RegistryExport export, Audit audit, Clock clock) {
    this.imports = imports;
    this.export = export;
    this.audit = audit;
    this.clock = clock;
  }

  // The body is read as a stream, not bound: the file is stored as it arrives, never held whole.
  @PostMapping("/imports")
  @Operation(
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              description = "The file: CSV with a header row, or FHIR R4 JSON",
              content = {
                @Content(mediaType = "text/csv"),
                @Content(mediaType = "application/fhir+json"),
                @Content(mediaType = "application/json")
              }),
      summary = "Import a file of patients (CSV or FHIR R4), or only report what it would do",
      description =
          "The file is the body: Content-Type text/csv (UTF-8, header row; comma, semicolon or"
              + " tab) or application/fhir+json / application/json (a Patient, or a Bundle of"
              + " type collection, transaction, batch or searchset). Up to"
              + " accueil.patients.import-max-size (50 MB). 202 with the import; follow Location"
              + " for its progress and result. dryRun=true writes no patient. onError=reject"
              + " (default) imports nothing when any row is invalid; skip imports the valid rows.")
  ResponseEntity<ImportView> upload(
      @RequestParam(defaultValue = "false") boolean dryRun,
      @RequestParam(defaultValue = "reject") String onError,
      HttpServletRequest request)
      throws IOException {
    OnError whenInvalid = choice("onError", onError, OnError.values(), OnError::code);
    ImportFormat format = format(request.getContentType());
    PatientImport accepted = imports.start(format, dryRun, whenInvalid, request.getInputStream());
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/patients/imports/" + accepted.id()))
        .body(ImportView.summary(accepted));
  }

  @GetMapping("/imports")
  @Operation(summary = "The latest imports, newest first, without their refused rows")
  List<ImportView> recent(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
    return imports.recent(limit).stream().map(ImportView::summary).toList();
  }

  @GetMapping("/imports/{id}")
  @Operation(
      summary = "An import: its progress, counts, and the rows it refused (the first 1,000)",
      description =
          "status: queued, validating, importing, completed, rejected (invalid rows with"
              + " onError=reject: nothing imported) or failed. Each refused row names the field"
              + " (the CSV column, or the path in the FHIR resource) and says why in the"
              + " language of Accept-Language.")
  ImportView report(@PathVariable UUID id, Locale locale) {
    PatientImport found =
        imports.find(id).orElseThrow(() -> ProblemException.notFound("patient-import", id));
    int total = imports.badRowCount(id);
    var view = ImportView.report(found, total, imports.badRows(id), locale);
    if (total > 0) {
      // The refused rows quote what the file said: patient data, read.
      audit.success("patient.import.view", "patient-import", id, Map.of("badRows", total));
    }
    return view;
  }

  @GetMapping("/export")
  @Operation(
      summary = "The whole live registry, streamed",
      description =
          "format=fhir: a FHIR R4 Bundle of type collection; format=csv: the import's own columns"
              + " (UTF-8 with a byte order mark, so that Excel reads accents), which re-imports."
              + " Merged and erased records are left out.")
  void export(@RequestParam("format") String requested, HttpServletResponse response)
      throws IOException {
    RegistryExport.Format format =
        choice(
            "format",
            requested,
            RegistryExport.Format.values(),
            f -> f.name().toLowerCase(Locale.ROOT));
    String day = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    boolean csv = format == RegistryExport.Format.CSV;
    response.setContentType(
        csv ? "text/csv;charset=UTF-8" : FHIR_JSON.toString() + ";charset=UTF-8");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"patients-" + day + (csv ? ".csv" : ".fhir.json") + "\"");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    export.write(format, response.getOutputStream());
  }

  /** The value of a parameter that takes one of a few codes; any other is refused, naming them. */
  private static <T> T choice(
      String parameter, String value, T[] values, java.util.function.Function<T, String> code) {
    for (T candidate : values) {
      if (code.apply(candidate).equals(value)) {
        return candidate;
      }
    }
    String expected =
        "one of " + String.join(", ", java.util.Arrays.stream(values).map(code).toList());
    throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
        .detail("\"{1}\" is not a valid value for {0} (expected {2}).", parameter, value, expected)
        .with("field", parameter)
        .build();
  }

  private static ImportFormat format(@Nullable String contentType) {
    MediaType type;
    Charset charset;
    try {
      type = MediaType.parseMediaType(contentType == null ? "" : contentType);
      charset = type.getCharset();
    } catch (RuntimeException e) {
      throw unsupported(contentType);
    }
    if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
      throw unsupported(contentType);
    }
    if (CSV.equalsTypeAndSubtype(type)) {
      return ImportFormat.CSV;
    }
    if (FHIR_JSON.equalsTypeAndSubtype(type)
        || MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
      return ImportFormat.FHIR;
    }
    throw unsupported(contentType);
  }

  private static ProblemException unsupported(@Nullable String contentType) {
    return ProblemException.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "import-unsupported-type")
        .detail(
            "Send the file as text/csv or as application/fhir+json, in UTF-8; this request said"
                + " \"{0}\".",
            contentType == null ? "" : contentType)
        .with("accepted", List.of("text/csv", "application/fhir+json", "application/json"))
        .build();
  }
}
