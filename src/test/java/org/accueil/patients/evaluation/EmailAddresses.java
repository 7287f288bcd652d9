package org.accueil.patients.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Hands out e-mail addresses made from a person's names as people make them (jean.martin@,
 * jmartin@, martin.jean@, jeanmartin72@...) at the providers common in each country, each address
 * to one mailbox only.
 */
final class EmailAddresses {

  private static final WeightedDraw<String> FRENCH_PROVIDERS =
      weighted(
          "gmail.com 40, orange.fr 14, hotmail.fr 10, wanadoo.fr 7, free.fr 7, yahoo.fr 6, sfr.fr 4,"
              + " laposte.net 4, outlook.fr 4, icloud.com 4");
  private static final WeightedDraw<String> ITALIAN_PROVIDERS =
      weighted(
          "gmail.com 45, libero.it 15, hotmail.it 12, yahoo.it 8, virgilio.it 6, alice.it 5,"
              + " outlook.it 5, tiscali.it 4");
  private static final WeightedDraw<String> BRITISH_PROVIDERS =
      weighted(
          "gmail.com 40, hotmail.co.uk 14, outlook.com 10, yahoo.co.uk 10, btinternet.com 8,"
              + " icloud.com 8, aol.com 4, live.co.uk 6");

  private final Set<String> issued = new HashSet<>();

  /**
   * @param family the family name the address is made from: a married woman's is often her birth
   *     name
   */
  String forPerson(Random random, String given, String family, int birthYear, String language) {
    String first = Spelling.plain(given);
    String last = Spelling.plain(family);
    String year = String.format("%02d", birthYear % 100);
    String local =
        switch (random.nextInt(10)) {
          case 0, 1, 2 -> first + "." + last;
          case 3 -> first + last;
          case 4 -> first.charAt(0) + last;
          case 5 -> first.charAt(0) + "." + last;
          case 6 -> last + "." + first;
          case 7 -> first + "_" + last;
          case 8 -> first + "." + last + year;
          default -> first + last.charAt(0) + year;
        };
    String domain = providers(language).draw(random);
    String address = local + "@" + domain;
    while (issued.contains(address)) {
      address = local + (1 + random.nextInt(99)) + "@" + domain;
    }
    issued.add(address);
    return address;
  }

  private static WeightedDraw<String> providers(String language) {
    return switch (language) {
      case "fr" -> FRENCH_PROVIDERS;
      case "it" -> ITALIAN_PROVIDERS;
      default -> BRITISH_PROVIDERS;
    };
  }

  private static WeightedDraw<String> weighted(String providers) {
    List<String[]> entries =
        List.of(providers.split(",\\s*")).stream().map(e -> e.split(" ")).toList();
    return new WeightedDraw<>(
        entries.stream().map(e -> e[0]).toList(),
        entries.stream().mapToDouble(e -> Double.parseDouble(e[1])).toArray());
  }
}
