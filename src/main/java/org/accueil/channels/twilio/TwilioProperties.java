package org.accueil.channels.twilio;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The practice's Twilio account ({@code accueil.channels.twilio.*}); a value the administrator
 * saved in the channel settings wins over the property. Described in docs/CONFIGURATION.md.
 *
 * @param accountSid the account's SID, {@code AC…}
 * @param authToken the account's primary auth token: it signs every webhook and authenticates sends
 * @param smsNumber the number SMS are sent from, E.164
 * @param voiceNumber the number patients call, E.164; shown as the caller to the practice's line
 *     when a call is transferred
 * @param apiBaseUrl Twilio's REST API
 * @param publicBaseUrl the address Twilio calls Accueil at, e.g. {@code
 *     https://accueil.example.fr}: the signed URL is rebuilt from it behind a proxy, and the
 *     callback URLs given to Twilio start with it
 * @param transferNumber the practice's line a caller is put through to; unset, the phone of the
 *     practice's first location that has one
 * @param voiceLanguage fr, en or it: what a caller whose number is not known hears; unset, the
 *     practice's first language
 * @param connectTimeout how long a send waits to connect to Twilio
 * @param readTimeout how long a send waits for Twilio's answer
 */
@ConfigurationProperties("accueil.channels.twilio")
public record TwilioProperties(
    @Nullable String accountSid,
    @Nullable String authToken,
    @Nullable String smsNumber,
    @Nullable String voiceNumber,
    @DefaultValue("https://api.twilio.com") String apiBaseUrl,
    @Nullable String publicBaseUrl,
    @Nullable String transferNumber,
    @Nullable String voiceLanguage,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout) {

  @Override
  public String toString() {
    return "TwilioProperties[accountSid=" + accountSid + ", authToken=…]";
  }
}
