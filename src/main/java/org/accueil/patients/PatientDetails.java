package org.accueil.patients;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.accueil.platform.PersonName;
import org.jspecify.annotations.Nullable;

/**
 * Who the patient says they are, as a booking, the front desk or an import gives it. Names are
 * person names ({@link PersonName}): a booking form is not where injection strings or emoji belong.
 *
 * @param phone in any usual national or international form; stored in E.164
 * @param birthFamilyName the family name at birth when the name in use differs
 * @param preferredLanguage fr, en or it
 * @param identifiers MRN, INS, codice fiscale, EHR ids
 */
public record PatientDetails(
    @NotBlank @Size(max = 100) @PersonName String givenName,
    @NotBlank @Size(max = 100) @PersonName String familyName,
    @NotNull @PastOrPresent LocalDate birthDate,
    @Nullable @Size(max = 40) String phone,
    @Nullable @EmailAddress String email,
    @Nullable @Size(max = 100) @PersonName String birthFamilyName,
    @Nullable Sex sex,
    @Nullable @Valid PostalAddress address,
    @Nullable @Pattern(regexp = "fr|en|it", message = "{validation.language}")
        String preferredLanguage,
    @Nullable Channel preferredChannel,
    @Nullable @Size(max = 10) List<@NotNull @Valid Identifier> identifiers) {

  /** The details a booking form asks for. */
  public PatientDetails(
      String givenName,
      String familyName,
      LocalDate birthDate,
      @Nullable String phone,
      @Nullable String email) {
    this(givenName, familyName, birthDate, phone, email, null, null, null, null, null, null);
  }

  public List<Identifier> identifiersOrNone() {
    return identifiers == null ? List.of() : identifiers;
  }

  /** No names, dates or numbers: records like this one end up in logs and exception messages. */
  @Override
  public String toString() {
    return "PatientDetails[…]";
  }
}
