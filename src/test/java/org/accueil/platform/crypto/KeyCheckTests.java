package org.accueil.platform.crypto;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.accueil.testing.AccueilTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A node with keys other than the database's is stopped before it writes anything. */
@AccueilTest
class KeyCheckTests {

  @Autowired JdbcClient jdbc;
  @Autowired Keyring keyring;
  @Autowired FieldCipher cipher;
  @Autowired BlindIndex index;

  @TempDir Path otherDataDir;

  @Test
  void theKeysTheDatabaseWasSealedWithPassTheCheck() {
    assertThatCode(() -> new KeyCheck(jdbc, cipher, index, keyring)).doesNotThrowAnyException();
  }

  @Test
  void aNodeThatGeneratedKeysOfItsOwnIsRefused() {
    Keyring own = Keys.keyring(Keys.nothingConfigured(), otherDataDir);

    assertThatThrownBy(
            () ->
                new KeyCheck(
                    jdbc, new TinkFieldCipher(own.aead()), new TinkBlindIndex(own.index()), own))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AEAD keyset in " + otherDataDir.resolve("keys/aead-keyset.json"))
        .hasMessageContaining("Every node must use the same keysets");
  }

  @Test
  void theRightAeadKeysWithAnotherIndexKeyAreRefused() {
    Keyring own = Keys.keyring(Keys.nothingConfigured(), otherDataDir);

    assertThatThrownBy(() -> new KeyCheck(jdbc, cipher, new TinkBlindIndex(own.index()), keyring))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("blind indexes")
        .hasMessageContaining("lookups by phone");
  }
}
