package org.accueil.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.core.env.Environment;

/**
 * Someone with superuser access to the database, changing the audit trail behind Accueil's back:
 * with {@code session_replication_role = replica} no ordinary trigger fires, the append-only ones
 * included.
 */
final class Attacker {

  private final Environment environment;

  Attacker(Environment environment) {
    this.environment = environment;
  }

  void runs(String... statements) {
    try (Connection connection =
            DriverManager.getConnection(
                environment.getRequiredProperty("accueil.db.url"),
                environment.getRequiredProperty("accueil.db.username"),
                environment.getProperty("accueil.db.password", ""));
        var statement = connection.createStatement()) {
      statement.execute("SET session_replication_role = replica");
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The attacker's SQL failed", e);
    }
  }

  /** Back to an empty trail, as after the migration, so a test knows every seq it will see. */
  void wipesTheTrail() {
    runs(
        "TRUNCATE audit_event",
        "UPDATE audit_head SET last_seq = 0, last_hash = decode(repeat('00', 32), 'hex')");
  }
}
