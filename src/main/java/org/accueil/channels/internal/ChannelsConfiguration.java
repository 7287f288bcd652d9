package org.accueil.channels.internal;

import java.time.Instant;
import org.accueil.channels.ChannelsProperties;
import org.accueil.platform.crypto.EncryptedColumn;
import org.accueil.privacy.RetentionSweep;
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

  /**
   * What {@code accueil.privacy.conversation-retention} deletes here: raw items handled long ago
   * (what they said is on the timeline, which has its own sweep).
   */
  @Bean
  RetentionSweep channelInboundSweep(InboundStore store) {
    return new RetentionSweep() {
      @Override
      public String name() {
        return "handled channel deliveries";
      }

      @Override
      public long deleteOlderThan(Instant cutoff) {
        return store.deleteHandledBefore(cutoff);
      }
    };
  }

  @Bean
  EncryptedColumn channelSettingValueColumn() {
    return EncryptedColumn.of("channel_setting", "id", "value", StoredChannelSettings.VALUE);
  }

  @Bean
  EncryptedColumn channelOutboundMessageColumn() {
    return EncryptedColumn.of("channel_outbound", "id", "message", OutboundStore.MESSAGE);
  }
}
