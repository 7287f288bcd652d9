package org.accueil.patients.fhir;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Countries as files write them, to the ISO 3166-1 alpha-2 code the registry stores: {@code FR},
 * {@code fra}, {@code France}, {@code Italia}, {@code Royaume-Uni}. FHIR's {@code Address.country}
 * is free text ("ISO 3166 2 or 3 letter codes, or the full name"), and so is a spreadsheet column.
 */
public final class Countries {

  private static final Map<String, String> BY_NAME = new HashMap<>();

  static {
    for (String code : Locale.getISOCountries()) {
      Locale country = Locale.of("", code);
      BY_NAME.put(key(code), code);
      BY_NAME.put(key(country.getISO3Country()), code);
      for (Locale language : new Locale[] {Locale.ENGLISH, Locale.FRENCH, Locale.ITALIAN}) {
        BY_NAME.putIfAbsent(key(country.getDisplayCountry(language)), code);
      }
    }
  }

  private Countries() {}

  /** The alpha-2 code, or empty when the text names no country we know. */
  public static Optional<String> code(String text) {
    return Optional.ofNullable(BY_NAME.get(key(text)));
  }

  private static String key(String text) {
    String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "").replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
  }
}
