package org.accueil.platform.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class TomcatProblems {

  /**
   * Puts {@link ProblemReportValve} where Tomcat's error report valve was. Last of the customizers,
   * so Spring Boot's own valve (added by its customizer) is there to be replaced.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve(
      MessageSource messages, JsonMapper json) {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (!(context.getParent() instanceof StandardHost host)) {
                return;
              }
              for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                  host.getPipeline().removeValve(valve);
                }
              }
              host.getPipeline().addValve(new ProblemReportValve(messages, json));
              // Tomcat adds its own valve at start unless one of this class is there already.
              host.setErrorReportValveClass(ProblemReportValve.class.getName());
            });
  }
}
