package org.accueil.patients;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.accueil.platform.PersonName;
import org.jspecify.annotations.Nullable;

/**
 * Who someone says they are, to find their record: any of the details, as far as they are known (a
 * caller who gave a name and a number, a message with a birth date).
 */
public record MatchQuery(
    @Nullable @Size(max = 100) @PersonName String givenName,
    @Nullable @Size(max = 100) @PersonName String familyName,
    @Nullable @PastOrPresent LocalDate birthDate,
    @Nullable @Size(max = 40) String phone,
    @Nullable @EmailAddress String email,
    @Nullable @Size(max = 100) @PersonName String birthFamilyName,
    @Nullable Sex sex,
    @Nullable @Size(max = 10) List<@NotNull @Valid Identifier> identifiers) {

  public static MatchQuery of(PatientDetails d) {
    return new MatchQuery(
        d.givenName(),
        d.familyName(),
        d.birthDate(),
        d.phone(),
        d.email(),
        d.birthFamilyName(),
        d.sex(),
        d.identifiers());
  }

  public List<Identifier> identifiersOrNone() {
    return identifiers == null ? List.of() : identifiers;
  }

  @Override
  public String toString() {
    return "MatchQuery[…]";
  }
}
