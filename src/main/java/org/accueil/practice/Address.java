package org.accueil.practice;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * @param country ISO 3166-1 alpha-2, e.g. FR
 */
public record Address(
    @Size(max = 200) String line,
    @Size(max = 20) String postalCode,
    @Size(max = 100) String city,
    @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "{validation.country-code}")
        String country) {}
