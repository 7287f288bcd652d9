package org.accueil.ehrsandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Exits when the process given as {@code --ehr.parent-pid} ends. A test JVM stops its sandbox from
 * a shutdown hook, but a JVM killed outright (a build timeout, {@code kill -9}) runs no hook.
 */
@Component
class ParentWatch implements ApplicationListener<ApplicationStartedEvent> {

  private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

  private final EhrSandboxProperties properties;

  ParentWatch(EhrSandboxProperties properties) {
    this.properties = properties;
  }

  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    Long parentPid = properties.parentPid();
    if (parentPid == null) {
      return;
    }
    ProcessHandle.of(parentPid)
        .ifPresentOrElse(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          log.warn("Process {} ended: the EHR sandbox stops too", parentPid);
                          System.exit(0);
                        }),
            () -> {
              log.warn("Process {} is not running: the EHR sandbox stops", parentPid);
              System.exit(0);
            });
  }
}
