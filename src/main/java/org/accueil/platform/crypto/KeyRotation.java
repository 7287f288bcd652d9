package org.accueil.platform.crypto;

import com.google.crypto.tink.KeysetHandle;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;

/**
 * Adds a key to a keyset and makes it primary ({@code rotate}), and later removes the keys that no
 * longer seal anything ({@code retire}). Both rewrite the keyset where it is stored; keysets
 * configured inline are rotated with Tink's tinkey instead.
 */
final class KeyRotation {

  private final Keysets keysets;

  KeyRotation(Keysets keysets) {
    this.keysets = keysets;
  }

  /** A new AES256-GCM or HMAC-SHA256 key, primary from now on; the older keys stay to open. */
  String rotate(KeysetKind kind) {
    Keysets.Location location = keysets.locate(kind);
    if (location.file() != null && !Files.exists(location.file())) {
      throw new IllegalStateException(
          "There is no "
              + kind.label
              + " at "
              + location.describe()
              + " to rotate yet: start Accueil once to generate it, or configure "
              + kind.fileProperty()
              + ".");
    }
    KeysetHandle current = keysets.read(location);
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
    builder.addEntry(
        KeysetHandle.generateEntryFromParameters(Keysets.parametersOf(kind))
            .withRandomId()
            .makePrimary());
    KeysetHandle rotated = build(builder);
    keysets.write(location, rotated);
    return "Added key "
        + Integer.toUnsignedString(rotated.getPrimary().getId())
        + " to "
        + location.describe()
        + " (the "
        + kind.label
        + ") as its primary key; "
        + (rotated.size() - 1)
        + " older key(s) kept so that what they sealed still opens. Restart every node with this"
        + " keyset; then the resealing pass moves the stored data to the new key, and"
        + " --accueil.crypto.retire="
        + kind.name().toLowerCase(java.util.Locale.ROOT)
        + " removes the older keys.";
  }

  /**
   * The keyset without its older keys. The caller has made sure nothing stored needs them.
   *
   * @return the ids removed
   */
  List<Integer> removeOlderKeys(KeysetKind kind) {
    Keysets.Location location = keysets.locate(kind);
    KeysetHandle current = keysets.read(location);
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
    List<Integer> removed = new ArrayList<>();
    for (int i = builder.size() - 1; i >= 0; i--) {
      if (!builder.getAt(i).isPrimary()) {
        removed.add(current.getAt(i).getId());
        builder.deleteAt(i);
      }
    }
    if (!removed.isEmpty()) {
      keysets.write(location, build(builder));
    }
    return removed;
  }

  private static KeysetHandle build(KeysetHandle.Builder builder) {
    try {
      return builder.build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
