package org.accueil.patients.internal;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.accueil.patients.Identifier;
import org.accueil.patients.PhoneNumbers;
import org.accueil.patients.matching.CodiceFiscale;
import org.accueil.patients.matching.InsNumber;
import org.accueil.platform.PersonNames;
import org.accueil.platform.ProblemException;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Values in the form they are stored and compared in: phone numbers in E.164 (numbers written
 * without a country code belong to the practice's country), e-mail addresses lower-cased, names
 * composed (NFC), identifiers checked with their key where they have one.
 */
@Component
public class Normaliser {

  private final PracticeDirectory practice;

  Normaliser(PracticeDirectory practice) {
    this.practice = practice;
  }

  public @Nullable String name(@Nullable String name) {
    return name == null || name.isBlank() ? null : PersonNames.normalized(name);
  }

  /**
   * @param field the request's field, named in the refusal
   */
  public @Nullable String phone(@Nullable String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return PhoneNumbers.toE164(text, defaultRegion())
        .orElseThrow(
            () ->
                ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-phone")
                    .detail(
                        "\"{0}\" is not a phone number we can reach; write it with its country code,"
                            + " e.g. +33 6 12 34 56 78.",
                        text)
                    .with("field", field)
                    .build());
  }

  public @Nullable String email(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The identifier with its value in canonical form; an INS or a codice fiscale whose key does not
   * check is refused, naming the field.
   */
  public Identifier identifier(Identifier identifier, String field) {
    String value = identifier.value().strip();
    return switch (identifier.system()) {
      case Identifier.INS -> {
        String ins = InsNumber.normalized(value);
        if (!InsNumber.isValid(ins)) {
          throw invalidIdentifier(
              field,
              Identifier.INS,
              "\"{0}\" is not a valid INS: 13 digits (2A or 2B for Corsica) and the 2-digit key"
                  + " that checks them, as on the carte Vitale.",
              value);
        }
        yield new Identifier(Identifier.INS, ins);
      }
      case Identifier.CODICE_FISCALE -> {
        String code = CodiceFiscale.normalized(value);
        if (!CodiceFiscale.isValid(code)) {
          throw invalidIdentifier(
              field,
              Identifier.CODICE_FISCALE,
              "\"{0}\" is not a valid codice fiscale: 16 letters and digits whose last letter"
                  + " checks the others, as on the tessera sanitaria.",
              value);
        }
        yield new Identifier(Identifier.CODICE_FISCALE, code);
      }
      default -> new Identifier(identifier.system(), value);
    };
  }

  private static ProblemException invalidIdentifier(
      String field, String system, String detail, String value) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-identifier")
        .messageCode("problem.invalid-identifier." + system)
        .detail(detail, value)
        .with("field", field)
        .build();
  }

  /**
   * The practice's country: that of most of its active locations (alphabetically first on a tie),
   * France when it has none yet.
   */
  public String defaultRegion() {
    Map<String, Long> countries =
        practice.snapshot().locations().stream()
            .filter(Location::active)
            .collect(
                Collectors.groupingBy(
                    l -> l.address().country(), TreeMap::new, Collectors.counting()));
    return countries.entrySet().stream()
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse("FR");
  }
}
