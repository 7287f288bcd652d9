package org.accueil.patients;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Who the patient says they are, as a booking gives it.
 *
 * @param phone in any usual national or international form; stored in E.164
 */
public record PatientDetails(
    @NotBlank @Size(max = 100) String givenName,
    @NotBlank @Size(max = 100) String familyName,
    @NotNull @PastOrPresent LocalDate birthDate,
    @Nullable @Size(max = 40) String phone,
    @Nullable @Email @Size(max = 254) String email) {}
