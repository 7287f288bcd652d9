package org.accueil.channels.webchat;

import org.accueil.platform.crypto.EncryptedColumn;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebChatProperties.class)
class WebChatConfiguration {

  @Bean
  EncryptedColumn webChatVerifiedIdentifierColumn() {
    return EncryptedColumn.of(
        "webchat_session", "token_hash", "verified_identifier", WebChatSessions.IDENTIFIER);
  }

  /**
   * The practice's site calls the web chat from its own origin: those origins, and no other, may
   * read the answers. No credentials: the visitor token travels in a header, never a cookie. The
   * channels' security chain applies this through {@code cors(withDefaults())}.
   */
  @Bean
  WebMvcConfigurer webChatCors(WebChatProperties properties) {
    return new WebMvcConfigurer() {
      @Override
      public void addCorsMappings(CorsRegistry registry) {
        if (properties.allowedOrigins().isEmpty()) {
          return;
        }
        registry
            .addMapping("/channels/webchat/**")
            .allowedOrigins(properties.allowedOrigins().toArray(String[]::new))
            .allowedMethods("GET", "POST")
            .allowedHeaders("Content-Type", WebChatController.TOKEN_HEADER, "Last-Event-ID")
            .allowCredentials(false)
            .maxAge(3600);
      }
    };
  }
}
