package org.accueil.patients.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Computes the matching keys (names normalised, their sounds, the search text) of the records
 * registered before V12 added them. A Java migration because the keys are the application's own
 * functions ({@link MatchingKeys}): SQL could not compute the same ones. Erased records keep none.
 */
@Component
class V13__patients_matching_keys extends BaseJavaMigration {

  private static final int BATCH = 500;

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (PreparedStatement read =
            connection.prepareStatement(
                "SELECT id, given_name, family_name, birth_family_name FROM patient"
                    + " WHERE erased_at IS NULL");
        PreparedStatement write =
            connection.prepareStatement(
                """
                UPDATE patient
                   SET given_key = ?, family_key = ?, birth_family_key = ?, given_sound = ?,
                       family_sound = ?, birth_family_sound = ?, search_text = ?
                 WHERE id = ?
                """)) {
      read.setFetchSize(BATCH);
      int pending = 0;
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          MatchingKeys keys =
              MatchingKeys.of(
                  rows.getString("given_name"),
                  rows.getString("family_name"),
                  rows.getString("birth_family_name"));
          write.setString(1, keys.givenKey());
          write.setString(2, keys.familyKey());
          write.setString(3, keys.birthFamilyKey());
          write.setString(4, keys.givenSound());
          write.setString(5, keys.familySound());
          write.setString(6, keys.birthFamilySound());
          write.setString(7, keys.searchText());
          write.setObject(8, rows.getObject("id", UUID.class));
          write.addBatch();
          if (++pending == BATCH) {
            write.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) {
        write.executeBatch();
      }
    }
  }
}
