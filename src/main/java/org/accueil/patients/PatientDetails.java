package org.accueil.patients;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.accueil.platform.PersonName;
import org.jspecify.annotations.Nullable;

/**
 * Who the patient says they are, as a booking gives it. Names are person names ({@link
 * PersonName}): a booking form is not where injection strings or emoji belong.
 *
 * @param phone in any usual national or international form; stored in E.164
 */
public record PatientDetails(
    @NotBlank @Size(max = 100) @PersonName String givenName,
    @NotBlank @Size(max = 100) @PersonName String familyName,
    @NotNull @PastOrPresent LocalDate birthDate,
    @Nullable @Size(max = 40) String phone,
    // @Email alone lets through quoted local parts with spaces, which the table refuses.
    @Nullable
        @Email
        @Pattern(
            regexp = "\\s*|\\s*[^@\\s]+@[^@\\s]+\\s*",
            message = "{jakarta.validation.constraints.Email.message}")
        @Size(max = 254)
        String email) {

  /** No names, dates or numbers: records like this one end up in logs and exception messages. */
  @Override
  public String toString() {
    return "PatientDetails[…]";
  }
}
