package org.accueil.channels.twilio;

import org.accueil.platform.crypto.EncryptedColumn;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TwilioProperties.class)
class TwilioConfiguration {

  /** The caller's number in a call's state, sealed like every phone number Accueil keeps. */
  @Bean
  EncryptedColumn voiceCallCallerColumn() {
    return EncryptedColumn.of("voice_call", "call_sid", "caller", "voice_call.caller");
  }
}
