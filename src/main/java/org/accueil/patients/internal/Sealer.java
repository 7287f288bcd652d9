package org.accueil.patients.internal;

import java.util.List;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Seals, opens and indexes the registry's values, letting absent values stay absent. */
@Component
class Sealer {

  private final FieldCipher cipher;
  private final BlindIndex index;

  Sealer(FieldCipher cipher, BlindIndex index) {
    this.cipher = cipher;
    this.index = index;
  }

  byte @Nullable [] seal(@Nullable String value, String context) {
    return value == null ? null : cipher.encrypt(value, context);
  }

  @Nullable String open(byte @Nullable [] sealed, String context) {
    return sealed == null ? null : cipher.decrypt(sealed, context);
  }

  byte @Nullable [] index(@Nullable String value, String purpose) {
    return value == null ? null : index.of(purpose, value);
  }

  /** Every index {@code value} may be stored under, while index keys rotate. */
  List<byte[]> candidates(String value, String purpose) {
    return index.candidates(purpose, value);
  }
}
