package org.accueil.platform.db;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.db.*}: which PostgreSQL Accueil uses. With no {@code url}, Accueil runs its own
 * embedded PostgreSQL whose files live in {@code accueil.data-dir}.
 *
 * @param url JDBC URL of a PostgreSQL server, e.g. {@code jdbc:postgresql://db:5432/accueil}
 * @param username user for {@code url}
 * @param password password for {@code url}
 * @param maxPoolSize connections Accueil keeps open to the database
 * @param connectionTimeout how long a request waits for a free connection before failing
 * @param embedded settings of the embedded server
 */
@ConfigurationProperties("accueil.db")
public record DatabaseProperties(
    @Nullable String url,
    @Nullable String username,
    @Nullable String password,
    @DefaultValue("20") int maxPoolSize,
    @DefaultValue("10s") Duration connectionTimeout,
    @DefaultValue Embedded embedded) {

  /**
   * @param port TCP port of the embedded server on 127.0.0.1; 0 picks a free one at each start
   * @param database name of the database Accueil creates and uses inside the embedded server
   * @param binariesDir where the PostgreSQL binaries shipped in the jar are unpacked (shared by
   *     every data directory on the machine); defaults to {@code <tmp>/accueil-postgres}
   */
  public record Embedded(
      @DefaultValue("0") int port,
      @DefaultValue("accueil") String database,
      @Nullable Path binariesDir) {}
}
