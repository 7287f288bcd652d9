package org.accueil.platform.limits;

import io.github.bucket4j.TimeMeter;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.accueil.platform.LargeRequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the limits sit among the servlet filters, relative to Spring Security's chain ({@code
 * spring.security.filter.order}, {@link SecurityFilterProperties#DEFAULT_FILTER_ORDER} unless
 * changed): the body limit and the per-address limits run before it (nothing is read or checked for
 * a refused request), the per-caller limit inside it, after authentication (it needs to know who is
 * calling).
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LimitsConfiguration.class);

  private static int securityOrder(ObjectProvider<SecurityFilterProperties> security) {
    SecurityFilterProperties properties = security.getIfAvailable();
    return properties == null
        ? SecurityFilterProperties.DEFAULT_FILTER_ORDER
        : properties.getOrder();
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
      HttpLimitsProperties properties,
      ObjectProvider<LargeRequestBody> largeBodies,
      MessageSource messages,
      JsonMapper json,
      ObjectProvider<SecurityFilterProperties> security) {
    List<LargeRequestBody> exceptions = largeBodies.orderedStream().toList();
    // Every exception to the body limit is said at start-up: an operator sees what was widened.
    exceptions.forEach(
        e ->
            log.info(
                "Request bodies up to {} accepted for {} {} ({}); {} elsewhere",
                RequestBodyTooLarge.readable(e.maxSize().toBytes()),
                e.method(),
                e.path(),
                e.reason(),
                RequestBodyTooLarge.readable(properties.maxBodySize().toBytes())));
    var registration =
        new FilterRegistrationBean<>(
            new RequestBodyLimitFilter(
                properties.maxBodySize(), exceptions, new FilterProblems(messages, json)));
    registration.setOrder(securityOrder(security) - 20);
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "accueil.rate-limit.enabled", matchIfMissing = true)
  static class RateLimits {

    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties) {
      return new RateLimiter(properties, TimeMeter.SYSTEM_NANOTIME);
    }

    @Bean
    FilterRegistrationBean<AddressLimitFilter> addressLimitFilter(
        RateLimiter limiter,
        MessageSource messages,
        JsonMapper json,
        ObjectProvider<SecurityFilterProperties> security) {
      var registration =
          new FilterRegistrationBean<>(
              new AddressLimitFilter(
                  limiter, new RateLimitResponses(new FilterProblems(messages, json))));
      registration.setOrder(securityOrder(security) - 10);
      registration.setDispatcherTypes(DispatcherType.REQUEST);
      return registration;
    }

    @Bean
    FilterRegistrationBean<CallerLimitFilter> callerLimitFilter(
        RateLimiter limiter,
        MessageSource messages,
        JsonMapper json,
        ObjectProvider<SecurityFilterProperties> security) {
      var registration =
          new FilterRegistrationBean<>(
              new CallerLimitFilter(
                  limiter, new RateLimitResponses(new FilterProblems(messages, json))));
      registration.setOrder(securityOrder(security) + 10);
      registration.setDispatcherTypes(DispatcherType.REQUEST);
      return registration;
    }
  }
}
