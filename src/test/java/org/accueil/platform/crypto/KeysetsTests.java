package org.accueil.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysetsTests {

  @TempDir Path dataDir;

  @Test
  void withNothingConfiguredBothKeysetsAreGeneratedIntoTheDataDirectoryForTheOwnerOnly()
      throws Exception {
    Keyring keyring = Keys.keyring(Keys.nothingConfigured(), dataDir);

    Path keys = dataDir.resolve("keys");
    assertThat(keys.resolve("aead-keyset.json")).isRegularFile();
    assertThat(keys.resolve("index-keyset.json")).isRegularFile();
    assertThat(keyring.aead().size()).isEqualTo(1);
    assertThat(keyring.index().size()).isEqualTo(1);
    assertThat(keys).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    assumeThat(keys.getFileSystem().supportedFileAttributeViews()).contains("posix");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("aead-keyset.json"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("index-keyset.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void theNextStartUsesTheKeysGeneratedBefore() {
    Keyring first = Keys.keyring(Keys.nothingConfigured(), dataDir);
    byte[] sealed = new TinkFieldCipher(first.aead()).encrypt("+33612345678", "patient.phone");

    Keyring second = Keys.keyring(Keys.nothingConfigured(), dataDir);

    assertThat(new TinkFieldCipher(second.aead()).decrypt(sealed, "patient.phone"))
        .isEqualTo("+33612345678");
    assertThat(new TinkBlindIndex(second.index()).of("p", "v"))
        .isEqualTo(new TinkBlindIndex(first.index()).of("p", "v"));
  }

  @Test
  void nodesStartingTogetherOnOneDataDirectoryEndUpWithTheSameKeys() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> starts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<String> start =
            () -> Keys.json(Keys.keyring(Keys.nothingConfigured(), dataDir).aead());
        starts.add(pool.submit(start));
      }
      String first = starts.getFirst().get();
      for (Future<String> start : starts) {
        assertThat(start.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void requiringConfiguredKeysRefusesToGenerateThem() {
    Keysets keysets = new Keysets(Keys.requireConfigured(), dataDir);

    assertThatThrownBy(() -> keysets.load(KeysetKind.AEAD))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("accueil.crypto.aead-keyset")
        .hasMessageContaining("accueil.crypto.aead-keyset-file");
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void keysetsGivenInlineAreUsed() {
    KeysetHandle aead = Keysets.newKeyset(KeysetKind.AEAD);
    KeysetHandle index = Keysets.newKeyset(KeysetKind.INDEX);

    Keyring keyring = Keys.keyring(Keys.inline(Keys.json(aead), Keys.json(index)), dataDir);

    assertThat(keyring.aead().equalsKeyset(aead)).isTrue();
    assertThat(keyring.index().equalsKeyset(index)).isTrue();
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void keysetFilesAreUsed() throws Exception {
    KeysetHandle aead = Keysets.newKeyset(KeysetKind.AEAD);
    Path aeadFile = Files.writeString(dataDir.resolve("a.json"), Keys.json(aead));
    Path indexFile = Files.writeString(dataDir.resolve("i.json"), Keys.newJson(KeysetKind.INDEX));

    Keyring keyring = Keys.keyring(Keys.files(aeadFile, indexFile), dataDir);

    assertThat(keyring.aead().equalsKeyset(aead)).isTrue();
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void aConfiguredFileThatIsMissingIsRefusedRatherThanReplacedByNewKeys() {
    Keysets keysets =
        new Keysets(Keys.files(dataDir.resolve("gone.json"), dataDir.resolve("i.json")), dataDir);

    assertThatThrownBy(() -> keysets.load(KeysetKind.AEAD))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gone.json")
        .hasMessageContaining("restore");
    assertThat(dataDir.resolve("gone.json")).doesNotExist();
  }

  @Test
  void aKeysetGivenBothInlineAndAsAFileIsRefused() {
    Keysets keysets =
        new Keysets(
            new CryptoProperties(
                Keys.newJson(KeysetKind.AEAD),
                dataDir.resolve("a.json"),
                null,
                null,
                false,
                null,
                null,
                null,
                null),
            dataDir);

    assertThatThrownBy(() -> keysets.load(KeysetKind.AEAD))
        .hasMessageContaining("set only one of them");
  }

  @Test
  void aKeysetOfTheWrongKindIsRefused() {
    Keysets swapped =
        new Keysets(
            Keys.inline(Keys.newJson(KeysetKind.INDEX), Keys.newJson(KeysetKind.AEAD)), dataDir);

    assertThatThrownBy(() -> swapped.load(KeysetKind.AEAD))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not an AEAD keyset");
    assertThatThrownBy(() -> swapped.load(KeysetKind.INDEX))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not a PRF keyset");
  }

  @Test
  void keysetsEncryptedUnderAKmsKeyAreReadAndWrittenEncrypted() throws Exception {
    String uri = "accueil-test-kms://" + dataDir.getFileName();
    KmsClients.add(new LocalKms(uri));
    Path file = dataDir.resolve("aead.json");
    Keysets keysets = new Keysets(Keys.encryptedUnder(uri, file), dataDir);
    keysets.write(keysets.locate(KeysetKind.AEAD), Keysets.newKeyset(KeysetKind.AEAD));

    KeysetHandle read = keysets.load(KeysetKind.AEAD);
    new KeyRotation(keysets).rotate(KeysetKind.AEAD);

    assertThat(Files.readString(file)).contains("encryptedKeyset").doesNotContain("keyData");
    assertThat(keysets.load(KeysetKind.AEAD).size()).isEqualTo(2);
    assertThat(read.size()).isEqualTo(1);
    assertThatThrownBy(() -> Keys.keyring(Keys.files(file, dataDir.resolve("i.json")), dataDir))
        .hasMessageContaining("could not be read as Tink JSON");
    // A generated keyset is encrypted too.
    keysets.load(KeysetKind.INDEX);
    assertThat(Files.readString(dataDir.resolve("keys/index-keyset.json")))
        .contains("encryptedKeyset");
  }

  @Test
  void rotationAddsAPrimaryKeyAndKeepsTheOthers() {
    Keyring before = Keys.keyring(Keys.nothingConfigured(), dataDir);

    String report =
        new KeyRotation(new Keysets(Keys.nothingConfigured(), dataDir)).rotate(KeysetKind.AEAD);
    Keyring after = Keys.keyring(Keys.nothingConfigured(), dataDir);

    assertThat(after.aead().size()).isEqualTo(2);
    assertThat(after.olderKeyIds(KeysetKind.AEAD))
        .containsExactly(before.primaryKeyId(KeysetKind.AEAD));
    assertThat(report)
        .contains(Integer.toUnsignedString(after.primaryKeyId(KeysetKind.AEAD)))
        .contains("aead-keyset.json");
    assertThat(after.index().equalsKeyset(before.index())).isTrue();
  }

  @Test
  void anInlineKeysetIsNotRotatedInPlace() {
    Keysets keysets =
        new Keysets(
            Keys.inline(Keys.newJson(KeysetKind.AEAD), Keys.newJson(KeysetKind.INDEX)), dataDir);

    assertThatThrownBy(() -> new KeyRotation(keysets).rotate(KeysetKind.AEAD))
        .hasMessageContaining("tinkey");
  }

  @Test
  void thereIsNothingToRotateBeforeTheFirstStart() {
    assertThatThrownBy(
            () ->
                new KeyRotation(new Keysets(Keys.nothingConfigured(), dataDir))
                    .rotate(KeysetKind.INDEX))
        .hasMessageContaining("start Accueil once");
  }

  /** A KMS for the test: its key-encryption key is a local AEAD keyset. */
  private record LocalKms(String uri, Aead kek) implements KmsClient {

    LocalKms(String uri) throws GeneralSecurityException {
      this(
          uri,
          Keysets.newKeyset(KeysetKind.AEAD).getPrimitive(RegistryConfiguration.get(), Aead.class));
    }

    @Override
    public boolean doesSupport(String keyUri) {
      return uri.equals(keyUri);
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
      return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
      return this;
    }

    @Override
    public Aead getAead(String keyUri) {
      return kek;
    }
  }
}
