package org.accueil.channels.whatsapp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.accueil.testing.AccueilTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * {@link AccueilTest} with WhatsApp configured as a practice would, sending to a {@link
 * MetaRecorder} in place of graph.facebook.com. The WhatsApp tests share this context: the
 * recorder's port is only known once it runs, so it cannot be a property of the shared one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AccueilTest
@Import(WhatsAppTest.Meta.class)
public @interface WhatsAppTest {

  String APP_SECRET = "test_app_secret";
  String VERIFY_TOKEN = "accueil-verify-token-7f3a";
  String PHONE_NUMBER_ID = "106540352242922";
  String ACCESS_TOKEN = "EAAGtestpermanenttoken";

  @TestConfiguration(proxyBeanMethods = false)
  class Meta {

    @Bean(destroyMethod = "close")
    MetaRecorder metaRecorder() {
      return MetaRecorder.start();
    }

    @Bean
    @Primary
    WhatsAppProperties testWhatsAppProperties(MetaRecorder meta) {
      return new WhatsAppProperties(
          APP_SECRET, VERIFY_TOKEN, PHONE_NUMBER_ID, ACCESS_TOKEN, meta.url(), "v21.0");
    }
  }
}
