package org.accueil.channels.twilio;

import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TwilioTestConfiguration {

  /** Twilio's documentation's example account. */
  public static final String ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

  public static final String AUTH_TOKEN = "twilio-auth-token-for-the-tests";
  public static final String SMS_NUMBER = "+33757001122";
  public static final String VOICE_NUMBER = "+33180001122";
  public static final String TRANSFER_NUMBER = "+33140001122";

  /** Where Twilio calls Accueil: a proxy in front of it, whose URL the signatures are over. */
  public static final String PUBLIC_BASE_URL = "https://accueil.cabinet-test.fr";

  @Bean(destroyMethod = "stop")
  TwilioRecorder twilioRecorder() {
    return TwilioRecorder.start();
  }

  /** Wins over the properties bound from the environment. */
  @Bean
  @Primary
  TwilioProperties testTwilioProperties(TwilioRecorder recorder) {
    return new TwilioProperties(
        ACCOUNT_SID,
        AUTH_TOKEN,
        SMS_NUMBER,
        VOICE_NUMBER,
        recorder.baseUrl(),
        PUBLIC_BASE_URL,
        TRANSFER_NUMBER,
        null,
        Duration.ofSeconds(2),
        Duration.ofSeconds(2));
  }

  @Bean
  @Lazy
  TwilioWebhookClient twilioWebhookClient(WebServerApplicationContext context) {
    return new TwilioWebhookClient(context.getWebServer().getPort());
  }
}
