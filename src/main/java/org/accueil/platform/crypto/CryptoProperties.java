package org.accueil.platform.crypto;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.crypto.*}: where the two keysets come from. Each keyset is given inline (Tink
 * JSON) or as a file; with neither, it is generated on first start into {@code
 * <accueil.data-dir>/keys/}, unless {@code require-configured-keys} forbids it.
 *
 * @param aeadKeyset the AEAD keyset (AES256-GCM keys) as Tink JSON
 * @param aeadKeysetFile a file holding the AEAD keyset
 * @param indexKeyset the blind-index keyset (HMAC-SHA256 PRF keys) as Tink JSON
 * @param indexKeysetFile a file holding the blind-index keyset
 * @param requireConfiguredKeys refuse to start rather than generate missing keysets
 * @param kmsKeyUri when set, both keysets are stored encrypted under this KMS key (Tink's encrypted
 *     keyset format, as {@code tinkey --master-key-uri} writes it)
 * @param kmsCredentials credentials file for the KMS client; unset: its default credentials
 * @param rotate command-line mode: {@code aead}, {@code index} or both ({@code aead,index}) adds a
 *     new key to each keyset file named, makes it primary, and exits
 * @param retire command-line mode: {@code aead}, {@code index} or both re-seals every stored value
 *     under the primary keys, removes the other keys from each keyset file named, and exits
 */
@ConfigurationProperties("accueil.crypto")
record CryptoProperties(
    @Nullable String aeadKeyset,
    @Nullable Path aeadKeysetFile,
    @Nullable String indexKeyset,
    @Nullable Path indexKeysetFile,
    @DefaultValue("false") boolean requireConfiguredKeys,
    @Nullable String kmsKeyUri,
    @Nullable String kmsCredentials,
    @Nullable List<KeysetKind> rotate,
    @Nullable List<KeysetKind> retire) {

  /** The two keysets: one seals values, the other keys the blind indexes. */
  enum KeysetKind {
    AEAD("aead-keyset", "aead-keyset.json", "AEAD keyset"),
    INDEX("index-keyset", "index-keyset.json", "blind-index keyset");

    final String property;
    final String fileName;
    final String label;

    KeysetKind(String property, String fileName, String label) {
      this.property = property;
      this.fileName = fileName;
      this.label = label;
    }

    String inlineProperty() {
      return "accueil.crypto." + property;
    }

    String fileProperty() {
      return "accueil.crypto." + property + "-file";
    }
  }

  @Nullable String inline(KeysetKind kind) {
    return kind == KeysetKind.AEAD ? aeadKeyset : indexKeyset;
  }

  @Nullable Path file(KeysetKind kind) {
    return kind == KeysetKind.AEAD ? aeadKeysetFile : indexKeysetFile;
  }
}
