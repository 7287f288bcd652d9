package org.accueil;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Accueil: the front desk of a medical practice. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AccueilApplication {

  public static void main(String[] args) {
    SpringApplication.run(AccueilApplication.class, args);
  }
}
