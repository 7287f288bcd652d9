package org.accueil.patients;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Looks for a value anywhere in a database, as a thief with a copy of its tables would. */
final class StoredContactDetails {

  private StoredContactDetails() {}

  /**
   * The tables whose rows, written out as text, contain {@code value} as text or as the hex form a
   * {@code bytea} column would show it in.
   */
  static List<String> tablesHolding(JdbcClient jdbc, String value) {
    List<String> tables =
        jdbc.sql(
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()"
                    + " ORDER BY tablename")
            .query(String.class)
            .list();
    List<String> holding = new ArrayList<>();
    for (String table : tables) {
      long rows =
          jdbc.sql(
                  "SELECT count(*) FROM "
                      + table
                      + " t WHERE strpos(t::text, :value) > 0"
                      + " OR strpos(t::text, encode(convert_to(:value, 'UTF8'), 'hex')) > 0")
              .param("value", value)
              .query(Long.class)
              .single();
      if (rows > 0) {
        holding.add(table);
      }
    }
    return holding;
  }

  /**
   * Whether the bytes of {@code value} are in the table's file on disk, dead row versions and
   * dropped columns included; {@code null} when the database user may not read server files.
   */
  static Boolean fileHolds(JdbcClient jdbc, String table, String value) {
    boolean superuser =
        jdbc.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            .query(Boolean.class)
            .single();
    if (!superuser) {
      return null;
    }
    jdbc.sql("CHECKPOINT").update();
    return jdbc.sql(
            "SELECT position(convert_to(:value, 'UTF8') IN"
                + " pg_read_binary_file(pg_relation_filepath(CAST(:table AS regclass)))) > 0")
        .param("value", value)
        .param("table", table)
        .query(Boolean.class)
        .single();
  }
}
