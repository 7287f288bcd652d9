package org.accueil.satisfaction.internal;

import org.accueil.platform.crypto.EncryptedColumn;
import org.accueil.satisfaction.SatisfactionProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SatisfactionProperties.class)
class SatisfactionConfiguration {

  /** The patients' comments, resealed after a key rotation like every sealed column. */
  @Bean
  EncryptedColumn satisfactionCommentColumn() {
    return EncryptedColumn.of("satisfaction_request", "id", "comment", RequestStore.COMMENT);
  }
}
