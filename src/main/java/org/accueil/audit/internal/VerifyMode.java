package org.accueil.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code --accueil.audit.verify}, Accueil starts only what checking the chain needs: no web
 * server, no jobs, no migrations (a check must not change the database it checks), no republished
 * events, no demo data, and beans created only when used. Registered in {@code
 * META-INF/spring.factories}: it must run before Spring Boot decides what kind of application to
 * start.
 */
public class VerifyMode implements EnvironmentPostProcessor {

  static final String PROPERTY = "accueil.audit.verify";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!requested(environment.getProperty(PROPERTY))) {
      return;
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(PROPERTY, "true");
    settings.put("spring.main.web-application-type", "none");
    settings.put("spring.main.lazy-initialization", "true");
    settings.put("spring.main.banner-mode", "off");
    settings.put("spring.flyway.enabled", "false");
    settings.put("db-scheduler.enabled", "false");
    settings.put("spring.modulith.events.republish-outstanding-events-on-restart", "false");
    settings.put("accueil.demo.enabled", "false");
    settings.put("accueil.bootstrap.admin-api-key", "");
    if (!environment.containsProperty("logging.level.root")) {
      // The verdict is the output; start-up chatter would bury it.
      settings.put("logging.level.root", "WARN");
    }
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("accueil-audit-verify", settings));
    application.addListeners(new StartFailure());
  }

  /** {@code --accueil.audit.verify} alone arrives as an empty value: it asks for the check too. */
  static boolean requested(@Nullable String value) {
    return value != null && (value.isBlank() || Boolean.parseBoolean(value.trim()));
  }

  /**
   * The database can already be out of reach while the application starts (the connection pool
   * connects when it is created): that too is "could not check", status 2, not the 1 a JVM ends
   * with on an exception, which a script would read as "broken".
   */
  static final class StartFailure implements ApplicationListener<ApplicationFailedEvent> {
    @Override
    public void onApplicationEvent(ApplicationFailedEvent event) {
      Throwable root = event.getException();
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      // The root cause says it plainly ("... is in use by another Accueil process"); the bean
      // chain above it is noise here.
      System.err.println("Could not verify the audit trail: " + root.getMessage());
      Class<?> main = event.getSpringApplication().getMainApplicationClass();
      // Only a JVM started for the command ends here; one that runs it in-process (a test) gets
      // the exception.
      if (main != null && main.isAnnotationPresent(SpringBootApplication.class)) {
        System.exit(VerifyCommand.NOT_CHECKED);
      }
    }
  }
}
