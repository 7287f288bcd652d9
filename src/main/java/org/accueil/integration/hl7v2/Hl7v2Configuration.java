package org.accueil.integration.hl7v2;

import org.accueil.platform.crypto.EncryptedColumn;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Hl7v2Properties.class)
class Hl7v2Configuration {

  /** Received messages name the patient: sealed, and resealed when the key rotates. */
  @Bean
  EncryptedColumn hl7v2InboxMessageColumn() {
    return EncryptedColumn.of("hl7v2_inbox", "id", "message", Hl7Inbox.MESSAGE_CONTEXT);
  }
}
