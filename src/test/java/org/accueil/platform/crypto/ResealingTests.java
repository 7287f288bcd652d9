package org.accueil.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.accueil.testing.AccueilTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The resealing pass over a table of its own, with keys of its own: sealed values and their indexes
 * move to the primary keys after a rotation, and nothing else changes.
 */
@AccueilTest
class ResealingTests {

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @TempDir Path keys;

  final String table = "reseal_" + UUID.randomUUID().toString().substring(0, 8);
  final EncryptedColumn column =
      EncryptedColumn.of(table, "id", "secret", "test.secret").indexedBy("secret_index", "test");
  final Map<UUID, String> plaintexts = new HashMap<>();

  @BeforeEach
  void aTableOfSealedValues() {
    jdbc.sql(
            "CREATE TABLE "
                + table
                + " (id uuid PRIMARY KEY, secret bytea, secret_index bytea, note text)")
        .update();
  }

  /** More rows than one batch, and a row without a value. */
  private void fill(Keyring keyring, int rows) {
    TinkFieldCipher cipher = new TinkFieldCipher(keyring.aead());
    TinkBlindIndex index = new TinkBlindIndex(keyring.index());
    for (int i = 0; i < rows; i++) {
      UUID id = UUID.randomUUID();
      String value = "+3361234" + String.format("%04d", i);
      plaintexts.put(id, value);
      jdbc.sql("INSERT INTO " + table + " VALUES (:id, :secret, :index, :note)")
          .param("id", id)
          .param("secret", cipher.encrypt(value, "test.secret"))
          .param("index", index.of("test", value))
          .param("note", "row " + i)
          .update();
    }
    jdbc.sql("INSERT INTO " + table + " (id, note) VALUES (:id, 'no value')")
        .param("id", UUID.randomUUID())
        .update();
  }

  private Keyring rotated(KeysetKind... kinds) {
    for (KeysetKind kind : kinds) {
      new KeyRotation(new Keysets(Keys.nothingConfigured(), keys)).rotate(kind);
    }
    return Keys.keyring(Keys.nothingConfigured(), keys);
  }

  private Resealing resealing(Keyring keyring) {
    return new Resealing(
        jdbc,
        transactions,
        new TinkFieldCipher(keyring.aead()),
        new TinkBlindIndex(keyring.index()),
        keyring,
        List.of(column));
  }

  private record Row(UUID id, byte[] secret, byte[] index) {}

  private List<Row> rows() {
    return jdbc.sql("SELECT id, secret, secret_index FROM " + table + " WHERE secret IS NOT NULL")
        .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getBytes(2), rs.getBytes(3)))
        .list();
  }

  @Test
  void resealingMovesEveryValueAndIndexToTheNewPrimaryKeys() {
    fill(Keys.keyring(Keys.nothingConfigured(), keys), 1_234);
    Keyring keyring = rotated(KeysetKind.AEAD, KeysetKind.INDEX);
    Resealing resealing = resealing(keyring);
    assertThat(resealing.needed()).isTrue();
    assertThat(resealing.remaining(KeysetKind.AEAD)).isEqualTo(1_234);
    assertThat(resealing.remaining(KeysetKind.INDEX)).isEqualTo(1_234);

    assertThat(resealing.resealAll()).containsEntry(column, 1_234);

    assertThat(resealing.remaining(KeysetKind.AEAD)).isZero();
    assertThat(resealing.remaining(KeysetKind.INDEX)).isZero();
    TinkFieldCipher cipher = new TinkFieldCipher(keyring.aead());
    TinkBlindIndex index = new TinkBlindIndex(keyring.index());
    List<Row> rows = rows();
    assertThat(rows).hasSize(1_234);
    for (Row row : rows) {
      assertThat(TinkFieldCipher.keyIdOf(row.secret()))
          .isEqualTo(keyring.primaryKeyId(KeysetKind.AEAD));
      assertThat(cipher.decrypt(row.secret(), "test.secret")).isEqualTo(plaintexts.get(row.id()));
      assertThat(row.index()).isEqualTo(index.of("test", plaintexts.get(row.id())));
    }
    assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE note LIKE 'row %'"))
        .extracting(s -> s.query(Long.class).single())
        .isEqualTo(1_234L);
  }

  @Test
  void afterAnIndexRotationOnlyTheIndexesAreRewritten() {
    fill(Keys.keyring(Keys.nothingConfigured(), keys), 20);
    Map<UUID, byte[]> sealedBefore = new HashMap<>();
    rows().forEach(r -> sealedBefore.put(r.id(), r.secret()));
    Keyring keyring = rotated(KeysetKind.INDEX);

    resealing(keyring).resealAll();

    for (Row row : rows()) {
      assertThat(row.secret()).isEqualTo(sealedBefore.get(row.id()));
      assertThat(TinkBlindIndex.keyIdOf(row.index()))
          .isEqualTo(keyring.primaryKeyId(KeysetKind.INDEX));
    }
  }

  @Test
  void withOneKeyPerKeysetThereIsNothingToDo() {
    Keyring keyring = Keys.keyring(Keys.nothingConfigured(), keys);
    fill(keyring, 5);
    Map<UUID, byte[]> sealedBefore = new HashMap<>();
    rows().forEach(r -> sealedBefore.put(r.id(), r.secret()));
    Resealing resealing = resealing(keyring);

    assertThat(resealing.needed()).isFalse();
    assertThat(resealing.resealAll()).containsEntry(column, 0);
    rows().forEach(r -> assertThat(r.secret()).isEqualTo(sealedBefore.get(r.id())));
  }

  @Test
  void aValueThatDoesNotOpenStopsThePassAndNamesItsRow() {
    fill(Keys.keyring(Keys.nothingConfigured(), keys), 3);
    UUID foreign = UUID.randomUUID();
    jdbc.sql("INSERT INTO " + table + " VALUES (:id, :secret, :index, 'foreign')")
        .param("id", foreign)
        .param(
            "secret",
            new TinkFieldCipher(Keysets.newKeyset(KeysetKind.AEAD)).encrypt("x", "test.secret"))
        .param("index", new byte[36])
        .update();
    Resealing resealing = resealing(rotated(KeysetKind.AEAD));

    assertThatThrownBy(resealing::resealAll)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(foreign.toString())
        .hasMessageContaining(table);
  }
}
