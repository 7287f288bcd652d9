package org.accueil.platform.db;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedPostgresServerTests}: starts the embedded server on the
 * given directory, says so, and waits to be killed without a chance to stop it.
 */
public final class OrphanMaker {

  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer server =
        EmbeddedPostgresServer.start(Path.of(args[0]), Path.of(args[1]), 0);
    server.createDatabaseIfMissing("accueil");
    System.out.println("ready " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
