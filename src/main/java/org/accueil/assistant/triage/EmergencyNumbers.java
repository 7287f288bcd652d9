package org.accueil.assistant.triage;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The numbers to call, by the practice's country (ISO 3166-1 alpha-2), as listed in the team's
 * reference (France's SAMU and 3114 crisis line, Italy's NUE, the US 911 and 988...).
 *
 * @param emergency the numbers for a medical emergency, the country's own first
 * @param crisis the suicide and crisis line, where the country has one
 */
public record EmergencyNumbers(List<String> emergency, @Nullable String crisis) {

  private static final Map<String, EmergencyNumbers> BY_COUNTRY =
      Map.of(
          "FR", new EmergencyNumbers(List.of("15", "112"), "3114"),
          "IT", new EmergencyNumbers(List.of("112", "118"), null),
          "CH", new EmergencyNumbers(List.of("144", "112"), "143"),
          "BE", new EmergencyNumbers(List.of("112"), null),
          "US", new EmergencyNumbers(List.of("911"), "988"),
          "CA", new EmergencyNumbers(List.of("911"), "988"),
          "GB", new EmergencyNumbers(List.of("999", "112"), "116 123"),
          "MC", new EmergencyNumbers(List.of("112", "18"), null));

  /** The country's numbers; elsewhere in Europe (and unknown), 112. */
  public static EmergencyNumbers of(@Nullable String country) {
    if (country == null) {
      return new EmergencyNumbers(List.of("112"), null);
    }
    return BY_COUNTRY.getOrDefault(
        country.toUpperCase(Locale.ROOT), new EmergencyNumbers(List.of("112"), null));
  }
}
