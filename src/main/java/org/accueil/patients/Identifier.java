package org.accueil.patients;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An identifier of the patient in some system: the practice's medical record number ({@value
 * #MRN}), France's national health identifier ({@value #INS}, the NIR, checked with its key),
 * Italy's tax code ({@value #CODICE_FISCALE}, checked with its control character), or an EHR's own
 * id under that EHR's system URI (e.g. {@code urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14}).
 *
 * @param system a short code of ours, or an absolute URI ({@code urn:}, {@code http:}, {@code
 *     https:})
 */
public record Identifier(
    @NotBlank
        @Pattern(regexp = Identifier.SYSTEM_PATTERN, message = "{validation.identifier-system}")
        String system,
    @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._/:-]*", message = "{validation.identifier}")
        String value) {

  /** A short code of ours, or an absolute URI; the database checks the same. */
  public static final String SYSTEM_PATTERN = "[a-z][a-z0-9-]{1,39}|(urn|https?):[!-~]{1,250}";

  public static final String MRN = "mrn";
  public static final String INS = "ins";
  public static final String CODICE_FISCALE = "codice-fiscale";

  /** Identifiers often hold social-security numbers: never in logs. */
  @Override
  public String toString() {
    return "Identifier[" + system + "]";
  }
}
