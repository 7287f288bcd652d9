package org.accueil.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one connection pool of the application. It points at {@code accueil.db.url} when set, and
 * otherwise at the embedded server started here, which is stopped only after the pool is closed.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${accueil.db.url:}'.isBlank()")
  EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties db, DataDirectory dataDir) {
    Path binaries =
        db.embedded().binariesDir() != null
            ? db.embedded().binariesDir()
            : Path.of(System.getProperty("java.io.tmpdir"), "accueil-postgres");
    EmbeddedPostgresServer server =
        EmbeddedPostgresServer.start(
            dataDir.dataDir().resolve("postgres"), binaries, db.embedded().port());
    server.createDatabaseIfMissing(db.embedded().database());
    return server;
  }

  /**
   * Taking the server as a parameter makes the pool depend on it, so Spring closes the pool first
   * and stops the server after.
   */
  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(DatabaseProperties db, @Nullable EmbeddedPostgresServer server) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("accueil");
    if (server != null) {
      config.setJdbcUrl(server.jdbcUrl(db.embedded().database()));
      config.setUsername(server.username());
    } else {
      config.setJdbcUrl(db.url());
      config.setUsername(db.username());
      config.setPassword(db.password());
      log.info("Using the PostgreSQL server at {}", withoutCredentials(db.url()));
    }
    config.setMaximumPoolSize(db.maxPoolSize());
    config.setConnectionTimeout(db.connectionTimeout().toMillis());
    // Every timestamp crosses the wire as an instant; sessions run in UTC whatever the server.
    config.addDataSourceProperty("options", "-c TimeZone=UTC");
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "accueil");
    // PostgreSQL's error detail quotes the row or key it refused ("Failing row contains (...)"):
    // patient data, in every exception message and so in every log line that prints one. The
    // constraint, table and column stay available to the code that maps errors.
    config.addDataSourceProperty("logServerErrorDetail", "false");
    return new HikariDataSource(config);
  }

  static @Nullable String withoutCredentials(@Nullable String url) {
    return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
