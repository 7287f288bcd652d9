package org.accueil.demo;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.accueil.patients.Identifier;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Sex;

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
    List<Identifier> identifiers = new ArrayList<>();
    identifiers.add(
        new Identifier(Identifier.MRN, String.format(Locale.ROOT, "RIV-%05d", 1001 + i)));
    if (i % 4 == 0) {
      identifiers.add(new Identifier(Identifier.INS, ins(birth, i)));
    }
    return new PatientDetails(
        given,
        family,
        birth,
        phone,
        email,
        null,
        i % 2 == 0 ? Sex.FEMALE : Sex.MALE,
        null,
        i % 5 == 0 ? "it" : "fr",
        null,
        identifiers);
  }

  /**
   * A well-formed INS (NIR) for a person born in Paris: sex, year, month, department 75, commune
   * 056, a serial number, and the key that checks them (97 minus the number modulo 97).
   */
  static String ins(LocalDate birth, int serial) {
    String number =
        String.format(
            Locale.ROOT,
            "%d%02d%02d75056%03d",
            serial % 2 == 0 ? 2 : 1,
            birth.getYear() % 100,
            birth.getMonthValue(),
            100 + serial);
    long key = 97 - Long.parseLong(number) % 97;
    return number + String.format(Locale.ROOT, "%02d", key);
  }

  /**
   * People who show the registry at work: a mother who books for her twins (one phone for the
   * three; the twins tell apart by their given names), and three people who booked online
   * (provisional records), one of whom may be a patient already known under a misspelt name.
   */
  static List<PatientDetails> family() {
    String phone = "+33687654321";
    return List.of(
        new PatientDetails(
            "Nathalie", "Lemoine", LocalDate.of(1984, 2, 9), phone, "nathalie.lemoine@example.org"),
        new PatientDetails("Louis", "Lemoine", LocalDate.of(2018, 6, 14), phone, null),
        new PatientDetails("Louise", "Lemoine", LocalDate.of(2018, 6, 14), phone, null));
  }

  static List<PatientDetails> bookedOnline() {
    PatientDetails known = person(3);
    return List.of(
        // The patient of person(3), with two letters of the family name exchanged and a new
        // phone number: a possible duplicate, for the staff to merge.
        new PatientDetails(
            known.givenName(),
            exchanged(known.familyName()),
            known.birthDate(),
            "+33699887766",
            null),
        new PatientDetails("Aurélien", "Fontaine", LocalDate.of(1991, 11, 3), "+33611223344", null),
        new PatientDetails(
            "Sofia",
            "Greco",
            LocalDate.of(1987, 4, 22),
            "+393471234567",
            "sofia.greco@example.it"));
  }

  /** The name with its last two letters exchanged: a slip of the keyboard. */
  private static String exchanged(String name) {
    int n = name.length();
    return name.substring(0, n - 2) + name.charAt(n - 1) + name.charAt(n - 2);
  }

  private static String ascii(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replaceAll("[^A-Za-z.]", "");
  }
}
