package org.accueil.practice;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/** A text staff and patients read, in each language of the practice. */
public record LocalizedText(
    @NotNull @Size(max = 2000) String fr,
    @NotNull @Size(max = 2000) String en,
    @NotNull @Size(max = 2000) String it) {

  public static final LocalizedText EMPTY = new LocalizedText("", "", "");

  /** The text in {@code locale}'s language; English for any other language. */
  public String in(Locale locale) {
    return switch (locale.getLanguage()) {
      case "fr" -> fr;
      case "it" -> it;
      default -> en;
    };
  }
}
