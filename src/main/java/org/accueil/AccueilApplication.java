package org.accueil;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Accueil: the front desk of a medical practice. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AccueilApplication {

  public static void main(String[] args) {
    ConfigurableApplicationContext context = SpringApplication.run(AccueilApplication.class, args);
    // A command such as --accueil.audit.verify starts no web server and has done its work when
    // run returns; its ExitCodeGenerator says how it went.
    if (!(context instanceof WebServerApplicationContext)) {
      System.exit(SpringApplication.exit(context));
    }
  }
}
