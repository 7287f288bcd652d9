package org.accueil.channels.internal;

import org.accueil.channels.ChannelsProperties;
import org.accueil.platform.crypto.EncryptedColumn;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelsProperties.class)
class ChannelsConfiguration {

  @Bean
  EncryptedColumn channelInboundPayloadColumn() {
    return EncryptedColumn.of("channel_inbound", "id", "payload", InboundStore.PAYLOAD);
  }

  @Bean
  EncryptedColumn channelOutboundRecipientColumn() {
    return EncryptedColumn.of("channel_outbound", "id", "recipient", OutboundStore.RECIPIENT);
  }

  @Bean
  EncryptedColumn channelOutboundMessageColumn() {
    return EncryptedColumn.of("channel_outbound", "id", "message", OutboundStore.MESSAGE);
  }
}
