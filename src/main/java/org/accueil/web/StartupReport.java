package org.accueil.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started Accueil where to point a browser and an API client. */
@Component
class StartupReport {

  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  @EventListener
  void ready(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    int port =
        event.getApplicationContext() instanceof WebServerApplicationContext web
            ? web.getWebServer().getPort()
            : env.getProperty("server.port", Integer.class, 8080);
    String base = "http://localhost:" + port;
    StringBuilder report = new StringBuilder();
    report.append("\n\n  Accueil is ready: ").append(base).append('/');
    report
        .append("\n    REST API      ")
        .append(base)
        .append("/api/v1  (e.g. GET /api/v1/providers)");
    report.append("\n    API reference ").append(base).append("/swagger-ui.html");
    report.append("\n    OpenAPI       ").append(base).append("/v3/api-docs");
    report.append("\n    Health        ").append(base).append("/actuator/health");
    report.append("\n    Staff sign-in ").append(base).append("/login");
    report.append("\n    Booking page  ").append(base).append("/book");
    if (env.getProperty("accueil.demo.enabled", Boolean.class, false)) {
      report.append("\n    Demo practice Centre Médical Riverside");
      // The accounts of demo.DemoStaff, named here as the practice is: nothing depends on demo.
      report.append(
          "\n    Demo sign-in  admin@, frontdesk@ or dr.johnson@demo.accueil.local,"
              + " password welcome-to-accueil");
      String key = env.getProperty("accueil.bootstrap.admin-api-key");
      if (key != null && !key.isBlank()) {
        report.append("\n    Demo API key  Authorization: Bearer ").append(key);
      }
    }
    report.append('\n');
    log.info(report.toString());
  }
}
