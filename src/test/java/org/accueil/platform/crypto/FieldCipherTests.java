package org.accueil.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTests {

  @TempDir Path dataDir;

  private TinkFieldCipher cipher() {
    return new TinkFieldCipher(Keys.keyring(Keys.nothingConfigured(), dataDir).aead());
  }

  @Test
  void aSealedValueOpensUnderItsContext() {
    TinkFieldCipher cipher = cipher();
    for (String value : new String[] {"+33612345678", "", "Zoë Ünïcödé 📞 \u0000 end"}) {
      byte[] sealed = cipher.encrypt(value, "patient.phone");

      assertThat(cipher.decrypt(sealed, "patient.phone")).isEqualTo(value);
    }
  }

  @Test
  void theSameValueSealsDifferentlyEachTime() {
    TinkFieldCipher cipher = cipher();

    assertThat(cipher.encrypt("+33612345678", "patient.phone"))
        .isNotEqualTo(cipher.encrypt("+33612345678", "patient.phone"));
  }

  @Test
  void aValueDoesNotOpenUnderAnotherContext() {
    TinkFieldCipher cipher = cipher();
    byte[] sealed = cipher.encrypt("+33612345678", "patient.phone");

    assertThatThrownBy(() -> cipher.decrypt(sealed, "patient.email"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("patient.email");
  }

  @Test
  void anAlteredValueDoesNotOpen() {
    TinkFieldCipher cipher = cipher();
    byte[] sealed = cipher.encrypt("+33612345678", "patient.phone");
    for (int i = 0; i < sealed.length; i++) {
      byte[] altered = sealed.clone();
      altered[i] ^= 0x01;

      assertThatThrownBy(() -> cipher.decrypt(altered, "patient.phone"))
          .as("a bit flipped in byte %d", i)
          .isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(
            () -> cipher.decrypt(Arrays.copyOf(sealed, sealed.length - 1), "patient.phone"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aValueSealedUnderOtherKeysDoesNotOpen() {
    byte[] sealed = cipher().encrypt("+33612345678", "patient.phone");
    TinkFieldCipher stranger = new TinkFieldCipher(Keysets.newKeyset(KeysetKind.AEAD));

    assertThatThrownBy(() -> stranger.decrypt(sealed, "patient.phone"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not open");
  }

  @Test
  void afterARotationOldValuesStillOpenAndNewOnesNameTheNewKey() {
    TinkFieldCipher before = cipher();
    byte[] old = before.encrypt("+33612345678", "patient.phone");

    new KeyRotation(new Keysets(Keys.nothingConfigured(), dataDir)).rotate(KeysetKind.AEAD);
    TinkFieldCipher after = cipher();
    byte[] fresh = after.encrypt("+33698765432", "patient.phone");

    assertThat(after.decrypt(old, "patient.phone")).isEqualTo("+33612345678");
    assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
    assertThat(TinkFieldCipher.keyIdOf(old)).isEqualTo(before.primaryKeyId());
    assertThat(TinkFieldCipher.keyIdOf(fresh)).isEqualTo(after.primaryKeyId());
  }

  @Test
  void afterTheOlderKeysAreRemovedWhatTheySealedNoLongerOpens() {
    byte[] old = cipher().encrypt("+33612345678", "patient.phone");
    KeyRotation rotation = new KeyRotation(new Keysets(Keys.nothingConfigured(), dataDir));
    rotation.rotate(KeysetKind.AEAD);

    assertThat(rotation.removeOlderKeys(KeysetKind.AEAD))
        .containsExactly(TinkFieldCipher.keyIdOf(old));
    assertThatThrownBy(() -> cipher().decrypt(old, "patient.phone"))
        .isInstanceOf(IllegalStateException.class);
  }
}
