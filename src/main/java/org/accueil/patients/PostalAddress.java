package org.accueil.patients;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Where the patient lives. Stored sealed: it identifies them, and nobody searches by it.
 *
 * @param country ISO 3166-1 alpha-2, e.g. FR
 */
public record PostalAddress(
    @Nullable @Size(max = 200) String line,
    @Nullable @Size(max = 20) String postalCode,
    @Nullable @Size(max = 100) String city,
    @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "{validation.country-code}") String country) {

  @Override
  public String toString() {
    return "PostalAddress[…]";
  }
}
