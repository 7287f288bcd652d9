package org.accueil.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The exact text the patient was shown when deciding, in its language.
 *
 * @param text {@code null} once the patient's data was erased: the text could have been written for
 *     them ("Marie, would you like...")
 * @param language a BCP 47 tag, e.g. {@code fr} or {@code fr-CH}
 * @param sha256 hex SHA-256 of the text's UTF-8 bytes: kept after erasure, it still shows which of
 *     the practice's wordings was agreed to
 */
public record ConsentWording(@Nullable String text, String language, String sha256) {

  public static ConsentWording of(String text, String language) {
    return new ConsentWording(text, language, HexFormat.of().formatHex(sha256(text)));
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
