package org.accueil.platform.crypto;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rewrites, in every {@link EncryptedColumn}, the values sealed with an older AEAD key and the
 * indexes made with an older index key, under the primary keys: after it, the older keys seal
 * nothing stored and can be retired.
 *
 * <p>Rows are walked in primary-key order, a batch per transaction, each batch locked ({@code FOR
 * UPDATE}) so that a concurrent change of a row is neither lost nor overwritten with its old value.
 * Which key sealed a value is read from its prefix, so rows already under the primary keys are
 * skipped without being decrypted.
 */
final class Resealing {

  private static final Logger log = LoggerFactory.getLogger(Resealing.class);
  private static final int BATCH = 500;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final FieldCipher cipher;
  private final BlindIndex index;
  private final Keyring keyring;
  private final List<EncryptedColumn> columns;

  Resealing(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      FieldCipher cipher,
      BlindIndex index,
      Keyring keyring,
      List<EncryptedColumn> columns) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.cipher = cipher;
    this.index = index;
    this.keyring = keyring;
    this.columns = List.copyOf(columns);
  }

  /** With a single key in each keyset there is nothing older to move away from. */
  boolean needed() {
    return !keyring.olderKeyIds(KeysetKind.AEAD).isEmpty()
        || !keyring.olderKeyIds(KeysetKind.INDEX).isEmpty();
  }

  /** Reseals every declared column; how many rows were rewritten in each. */
  Map<EncryptedColumn, Integer> resealAll() {
    Map<EncryptedColumn, Integer> rewritten = new LinkedHashMap<>();
    for (EncryptedColumn column : columns) {
      rewritten.put(column, reseal(column));
    }
    return rewritten;
  }

  /** Values (or indexes) still under a key other than the primary one of {@code kind}. */
  long remaining(KeysetKind kind) {
    long total = 0;
    for (EncryptedColumn column : columns) {
      if (kind == KeysetKind.INDEX && column.indexColumn() == null) {
        continue;
      }
      String predicate =
          kind == KeysetKind.AEAD
              ? "substring(" + column.ciphertextColumn() + " FROM 2 FOR 4) <> :aead"
              : "substring(" + column.indexColumn() + " FROM 1 FOR 4) <> :index";
      total +=
          jdbc.sql("SELECT count(*) FROM " + column.table() + " WHERE " + predicate)
              .param(
                  kind == KeysetKind.AEAD ? "aead" : "index", idBytes(keyring.primaryKeyId(kind)))
              .query(Long.class)
              .single();
    }
    return total;
  }

  int reseal(EncryptedColumn column) {
    int rewritten = 0;
    Object after = null;
    while (true) {
      Object from = after;
      Batch batch = transactions.execute(status -> resealBatch(column, from));
      if (batch == null || batch.rows() == 0) {
        break;
      }
      rewritten += batch.rewritten();
      after = batch.lastKey();
    }
    if (rewritten > 0) {
      log.info("Resealed {} rows of {} under the primary keys", rewritten, column);
    }
    return rewritten;
  }

  private record Batch(int rows, int rewritten, @Nullable Object lastKey) {}

  private record Row(Object key, byte[] ciphertext) {}

  private Batch resealBatch(EncryptedColumn column, @Nullable Object after) {
    String stale =
        "substring("
            + column.ciphertextColumn()
            + " FROM 2 FOR 4) <> :aead"
            + (column.indexColumn() == null
                ? ""
                : " OR substring(" + column.indexColumn() + " FROM 1 FOR 4) <> :index");
    String sql =
        "SELECT "
            + column.keyColumn()
            + " AS k, "
            + column.ciphertextColumn()
            + " AS c FROM "
            + column.table()
            + " WHERE ("
            + stale
            + ")"
            + (after == null ? "" : " AND " + column.keyColumn() + " > :after")
            + " ORDER BY "
            + column.keyColumn()
            + " LIMIT "
            + BATCH
            + " FOR UPDATE";
    var statement =
        jdbc.sql(sql)
            .param("aead", idBytes(keyring.primaryKeyId(KeysetKind.AEAD)))
            .param("index", idBytes(keyring.primaryKeyId(KeysetKind.INDEX)));
    if (after != null) {
      statement = statement.param("after", after);
    }
    List<Row> rows =
        statement.query((rs, n) -> new Row(rs.getObject("k"), rs.getBytes("c"))).list();
    if (rows.isEmpty()) {
      return new Batch(0, 0, null);
    }
    int primaryAead = keyring.primaryKeyId(KeysetKind.AEAD);
    List<Object[]> updates = new ArrayList<>(rows.size());
    for (Row row : rows) {
      String plaintext;
      try {
        plaintext = cipher.decrypt(row.ciphertext(), column.context());
      } catch (IllegalStateException e) {
        throw new IllegalStateException(
            "Cannot reseal " + column + ": the row " + row.key() + " does not open", e);
      }
      byte[] sealed =
          TinkFieldCipher.keyIdOf(row.ciphertext()) == primaryAead
              ? row.ciphertext()
              : cipher.encrypt(plaintext, column.context());
      byte[] indexed =
          column.indexColumn() == null ? null : index.of(column.indexPurpose(), plaintext);
      updates.add(new Object[] {row.key(), sealed, indexed});
    }
    String update =
        "UPDATE "
            + column.table()
            + " SET "
            + column.ciphertextColumn()
            + " = :sealed"
            + (column.indexColumn() == null ? "" : ", " + column.indexColumn() + " = :indexed")
            + " WHERE "
            + column.keyColumn()
            + " = :key";
    for (Object[] u : updates) {
      var statementUpdate = jdbc.sql(update).param("key", u[0]).param("sealed", u[1]);
      if (column.indexColumn() != null) {
        statementUpdate = statementUpdate.param("indexed", u[2]);
      }
      statementUpdate.update();
    }
    return new Batch(rows.size(), rows.size(), rows.getLast().key());
  }

  static byte[] idBytes(int keyId) {
    return ByteBuffer.allocate(4).putInt(keyId).array();
  }
}
