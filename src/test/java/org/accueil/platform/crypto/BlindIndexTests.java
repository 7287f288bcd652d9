package org.accueil.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlindIndexTests {

  @TempDir Path dataDir;

  private TinkBlindIndex index() {
    return new TinkBlindIndex(Keys.keyring(Keys.nothingConfigured(), dataDir).index());
  }

  @Test
  void equalValuesGiveEqualIndexes() {
    assertThat(index().of("patient.phone", "+33612345678"))
        .isEqualTo(index().of("patient.phone", "+33612345678"))
        .hasSize(TinkBlindIndex.LENGTH);
  }

  @Test
  void differentValuesGiveDifferentIndexes() {
    assertThat(index().of("patient.phone", "+33612345678"))
        .isNotEqualTo(index().of("patient.phone", "+33612345679"));
  }

  @Test
  void eachPurposeHasIndexesOfItsOwn() {
    TinkBlindIndex index = index();

    assertThat(index.of("patient.phone", "jeanne@example.org"))
        .isNotEqualTo(index.of("patient.email", "jeanne@example.org"));
    assertThat(index.of("a", "bc")).isNotEqualTo(index.of("ab", "c"));
  }

  @Test
  void anotherKeyGivesUnrelatedIndexes() {
    TinkBlindIndex stranger = new TinkBlindIndex(Keysets.newKeyset(KeysetKind.INDEX));

    assertThat(stranger.of("patient.phone", "+33612345678"))
        .isNotEqualTo(index().of("patient.phone", "+33612345678"));
  }

  @Test
  void rotatingTheAeadKeysLeavesIndexesUnchanged() {
    byte[] before = index().of("patient.phone", "+33612345678");

    new KeyRotation(new Keysets(Keys.nothingConfigured(), dataDir)).rotate(KeysetKind.AEAD);

    assertThat(index().of("patient.phone", "+33612345678")).isEqualTo(before);
  }

  @Test
  void afterAnIndexRotationLookupsStillFindWhatTheOlderKeyIndexed() {
    TinkBlindIndex before = index();
    byte[] stored = before.of("patient.phone", "+33612345678");

    new KeyRotation(new Keysets(Keys.nothingConfigured(), dataDir)).rotate(KeysetKind.INDEX);
    TinkBlindIndex after = index();

    assertThat(after.of("patient.phone", "+33612345678")).isNotEqualTo(stored);
    assertThat(TinkBlindIndex.keyIdOf(after.of("patient.phone", "+33612345678")))
        .isEqualTo(after.primaryKeyId())
        .isNotEqualTo(before.primaryKeyId());
    assertThat(after.candidates("patient.phone", "+33612345678"))
        .hasSize(2)
        .first()
        .isEqualTo(after.of("patient.phone", "+33612345678"));
    assertThat(after.candidates("patient.phone", "+33612345678")).contains(stored);
  }
}
