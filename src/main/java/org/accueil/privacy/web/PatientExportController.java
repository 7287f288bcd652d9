package org.accueil.privacy.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.ProblemException;
import org.accueil.privacy.DataExports;
import org.accueil.privacy.DataExports.Format;
import org.accueil.privacy.internal.FhirBundles;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@Tag(name = "Privacy")
class PatientExportController {

  static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

  private final DataExports exports;

  private final Patients patients;

  PatientExportController(DataExports exports, Patients patients) {
    this.exports = exports;
    this.patients = patients;
  }

  // No "produces": the format is chosen below and the content type set on the response, so an
  // Accept header this endpoint cannot read gets JSON rather than a bare 406.
  @GetMapping("/api/v1/patients/{id}/export")
  @Operation(
      summary = "Everything held on the patient (GDPR arts. 15 and 20)",
      description =
          "JSON by default; a FHIR R4 Bundle (type collection) with format=fhir or Accept:"
              + " application/fhir+json. Names of appointment types follow Accept-Language.")
  ResponseEntity<?> export(
      @PathVariable UUID id,
      @RequestParam(required = false) @Nullable String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
      Locale locale) {
    Format wanted = format(format, accept);
    if (patients.find(PatientId.of(id)).isPresent()) {
      patients.visibleToCaller(PatientId.of(id));
    }
    var data = exports.export(PatientId.of(id), wanted, locale);
    String file = "patient-" + id + (wanted == Format.FHIR ? ".fhir.json" : ".json");
    var response =
        ResponseEntity.ok()
            .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + file + "\"")
            .cacheControl(org.springframework.http.CacheControl.noStore());
    return wanted == Format.FHIR
        ? response.contentType(FHIR_JSON).body(FhirBundles.json(data))
        : response.contentType(MediaType.APPLICATION_JSON).body(PrivacyViews.export(data));
  }

  /** {@code format} when given; else FHIR when the caller accepts FHIR JSON; else JSON. */
  private static Format format(@Nullable String format, @Nullable String accept) {
    if (format != null) {
      return switch (format) {
        case "json" -> Format.JSON;
        case "fhir" -> Format.FHIR;
        default ->
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "unknown-export-format")
                .detail(
                    "\"{0}\" is not an export format; ask for format=json or format=fhir.", format)
                .with("field", "format")
                .build();
      };
    }
    if (accept != null) {
      List<MediaType> accepted;
      try {
        accepted = MediaType.parseMediaTypes(accept);
      } catch (InvalidMediaTypeException e) {
        // An Accept header nobody can read asks for nothing in particular: the default, JSON.
        return Format.JSON;
      }
      for (MediaType type : accepted) {
        if (type.getQualityValue() > 0 && FHIR_JSON.equalsTypeAndSubtype(type)) {
          return Format.FHIR;
        }
      }
      boolean json =
          accepted.isEmpty()
              || accepted.stream()
                  .anyMatch(
                      t ->
                          t.getQualityValue() > 0
                              && t.isCompatibleWith(MediaType.APPLICATION_JSON));
      if (!json) {
        throw new ResponseStatusException(
            HttpStatus.NOT_ACCEPTABLE, "The export is JSON or FHIR JSON only.");
      }
    }
    return Format.JSON;
  }
}
