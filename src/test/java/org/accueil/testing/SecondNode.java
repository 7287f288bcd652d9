package org.accueil.testing;

import java.util.ArrayList;
import java.util.List;
import org.accueil.AccueilApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another node of the same deployment as the test's application: the same database, the same keys
 * (data directory), a port of its own. Settings go as command-line arguments, because
 * application.yml's own {@code server.port} and {@code accueil.data-dir} would win over default
 * properties, and another process on this machine may hold 8080.
 */
public final class SecondNode {

  private SecondNode() {}

  public static ConfigurableApplicationContext start(Environment firstNode, String... extra) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--accueil.db.url=" + firstNode.getRequiredProperty("accueil.db.url"));
    args.add("--accueil.db.username=" + firstNode.getRequiredProperty("accueil.db.username"));
    args.add("--accueil.db.password=" + firstNode.getProperty("accueil.db.password", ""));
    args.add("--accueil.data-dir=" + firstNode.getRequiredProperty("accueil.data-dir"));
    args.add("--accueil.bootstrap.admin-api-key=" + Api.ADMIN_KEY);
    args.add("--spring.jmx.enabled=false");
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(AccueilApplication.class).run(args.toArray(String[]::new));
  }
}
