package org.accueil.demo;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.accueil.patients.PatientDetails;

/** Invented patients of the demo, with the French, Italian and English names of the area. */
final class DemoPeople {

  private static final List<String> GIVEN =
      List.of(
          "Camille",
          "Louis",
          "Chloé",
          "Hugo",
          "Léa",
          "Gabriel",
          "Manon",
          "Jules",
          "Inès",
          "Arthur",
          "Giulia",
          "Marco",
          "Chiara",
          "Lorenzo",
          "Francesca",
          "Matteo",
          "Olivia",
          "James",
          "Amelia",
          "Oliver");
  private static final List<String> FAMILY =
      List.of(
          "Martin",
          "Bernard",
          "Dubois",
          "Thomas",
          "Robert",
          "Richard",
          "Petit",
          "Durand",
          "Leroy",
          "Moreau",
          "Rossi",
          "Russo",
          "Ferrari",
          "Esposito",
          "Bianchi",
          "Romano",
          "Taylor",
          "Brown",
          "Wilson",
          "Davies",
          "de La Fontaine",
          "N'Diaye",
          "Nguyen",
          "Garcia-Lopez");

  static final int COUNT = 80;

  private DemoPeople() {}

  static PatientDetails person(int i) {
    String given = GIVEN.get(i % GIVEN.size());
    String family = FAMILY.get((i * 7 + i / GIVEN.size()) % FAMILY.size());
    // Children, adults and elderly patients: born between 1938 and 2022.
    LocalDate birth = LocalDate.of(1938 + (i * 37) % 85, 1 + (i * 5) % 12, 1 + (i * 11) % 28);
    String phone = String.format(Locale.ROOT, "+336%08d", 12_000_000 + i * 104_729);
    String email = ascii(given + "." + family).toLowerCase(Locale.ROOT) + i + "@example.org";
    return new PatientDetails(given, family, birth, phone, email);
  }

  private static String ascii(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replaceAll("[^A-Za-z.]", "");
  }
}
