package org.accueil.platform.crypto;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A column holding {@link FieldCipher} ciphertexts (and, optionally, the column holding their
 * {@link BlindIndex}), declared as a bean by the module that owns the table. After a key rotation
 * the resealing pass rewrites every value of every declared column under the new primary key, so
 * the old key can be retired; a column left undeclared would keep needing the old key.
 *
 * <p>The index column, when there is one, must hold {@code BlindIndex.of(indexPurpose, plaintext)}
 * of the stored plaintext: store values already normalised.
 *
 * @param table the table, e.g. {@code patient}
 * @param keyColumn its primary key column
 * @param ciphertextColumn the {@code bytea} column of ciphertexts (null where there is no value)
 * @param context the {@link FieldCipher} context the values are sealed with
 * @param indexColumn the {@code bytea} column of blind indexes, or null
 * @param indexPurpose the {@link BlindIndex} purpose, or null
 */
public record EncryptedColumn(
    String table,
    String keyColumn,
    String ciphertextColumn,
    String context,
    @Nullable String indexColumn,
    @Nullable String indexPurpose) {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  public EncryptedColumn {
    // The names go into SQL text: only plain lower-case identifiers are accepted.
    for (String name : new String[] {table, keyColumn, ciphertextColumn, indexColumn}) {
      if (name != null && !IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
      }
    }
    if ((indexColumn == null) != (indexPurpose == null)) {
      throw new IllegalArgumentException("An index column needs its purpose, and only then");
    }
  }

  public static EncryptedColumn of(
      String table, String keyColumn, String ciphertextColumn, String context) {
    return new EncryptedColumn(table, keyColumn, ciphertextColumn, context, null, null);
  }

  public EncryptedColumn indexedBy(String indexColumn, String indexPurpose) {
    return new EncryptedColumn(
        table, keyColumn, ciphertextColumn, context, indexColumn, indexPurpose);
  }

  @Override
  public String toString() {
    return table + "." + ciphertextColumn + (indexColumn == null ? "" : " (+" + indexColumn + ")");
  }
}
