package org.accueil.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.accueil.channels.ChannelSettings;
import org.accueil.patients.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The properties as a deployment writes them, and the saved settings that override them. */
class WhatsAppPropertiesTests {

  @Test
  void graphApiAndVersionHaveDefaultsAndTheRestIsUnsetUntilConfigured() {
    WhatsAppProperties properties = bind(Map.of());

    assertThat(properties.apiBaseUrl()).isEqualTo("https://graph.facebook.com");
    assertThat(properties.apiVersion()).isEqualTo("v21.0");
    assertThat(new WhatsAppSettings(nothingSaved(), properties).canSend()).isFalse();
  }

  @Test
  void whatsAppSendsOnceTheNumberAndTheTokenAreSet() {
    WhatsAppProperties properties =
        bind(
            Map.of(
                "accueil.channels.whatsapp.phone-number-id", "106540352242922",
                "accueil.channels.whatsapp.access-token", "EAAG...",
                "accueil.channels.whatsapp.app-secret", "s3cret",
                "accueil.channels.whatsapp.api-base-url", "http://localhost:1/"));
    WhatsAppSettings settings = new WhatsAppSettings(nothingSaved(), properties);

    assertThat(settings.canSend()).isTrue();
    assertThat(settings.appSecret()).isEqualTo("s3cret");
    assertThat(settings.apiBaseUrl()).isEqualTo("http://localhost:1");
  }

  @Test
  void aSettingTheAdministratorSavedWinsOverTheProperty() {
    WhatsAppProperties properties =
        bind(Map.of("accueil.channels.whatsapp.access-token", "from-properties"));
    ChannelSettings saved =
        (channel, key) ->
            channel == Channel.WHATSAPP && key.equals("access-token")
                ? Optional.of("saved-by-admin")
                : Optional.empty();

    assertThat(new WhatsAppSettings(saved, properties).accessToken()).isEqualTo("saved-by-admin");
  }

  private static WhatsAppProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("accueil.channels.whatsapp", WhatsAppProperties.class);
  }

  private static ChannelSettings nothingSaved() {
    return (channel, key) -> Optional.empty();
  }
}
