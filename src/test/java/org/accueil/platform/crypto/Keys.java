package org.accueil.platform.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.jspecify.annotations.Nullable;

/** Keysets and configurations for the tests of this package. */
final class Keys {

  private Keys() {}

  /** Nothing configured: keysets generated into the data directory. */
  static CryptoProperties nothingConfigured() {
    return new CryptoProperties(null, null, null, null, false, null, null, null, null);
  }

  static CryptoProperties inline(String aead, String index) {
    return new CryptoProperties(aead, null, index, null, false, null, null, null, null);
  }

  static CryptoProperties files(Path aead, Path index) {
    return new CryptoProperties(null, aead, null, index, false, null, null, null, null);
  }

  static CryptoProperties requireConfigured() {
    return new CryptoProperties(null, null, null, null, true, null, null, null, null);
  }

  static CryptoProperties encryptedUnder(String kmsKeyUri, @Nullable Path aead) {
    return new CryptoProperties(null, aead, null, null, false, kmsKeyUri, null, null, null);
  }

  static String json(KeysetHandle keyset) {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String newJson(KeysetKind kind) {
    return json(Keysets.newKeyset(kind));
  }

  /** The keyring a node configured with {@code properties} in {@code dataDir} starts with. */
  static Keyring keyring(CryptoProperties properties, Path dataDir) {
    Keysets keysets = new Keysets(properties, dataDir);
    return new Keyring(keysets, keysets.load(KeysetKind.AEAD), keysets.load(KeysetKind.INDEX));
  }
}
