package org.accueil.patients.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.accueil.patients.PatientDetails;
import org.jspecify.annotations.Nullable;

/**
 * A row's details, cleaned, as one value: two rows with the same fingerprint say exactly the same
 * thing, so the second is the first's record again. A digest rather than the text, so that the
 * fingerprints of a large file held in memory are small.
 */
final class Fingerprint {

  private Fingerprint() {}

  static String of(PatientDetails clean, @Nullable UUID recordId) {
    String text =
        String.join(
            "\u0000",
            clean.givenName(),
            clean.familyName(),
            Objects.toString(clean.birthFamilyName()),
            Objects.toString(clean.birthDate()),
            Objects.toString(clean.sex()),
            Objects.toString(clean.phone()),
            Objects.toString(clean.email()),
            clean.address() == null
                ? "null"
                : String.join(
                    "\u0001",
                    Objects.toString(clean.address().line()),
                    Objects.toString(clean.address().postalCode()),
                    Objects.toString(clean.address().city()),
                    clean.address().country()),
            Objects.toString(clean.preferredLanguage()),
            Objects.toString(clean.preferredChannel()),
            String.join(
                "\u0001",
                clean.identifiersOrNone().stream()
                    .map(i -> i.system() + "|" + i.value())
                    .sorted()
                    .toList()),
            Objects.toString(recordId));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
