package org.accueil.channels.twilio;

import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.accueil.channels.ChannelSettings;
import org.accueil.patients.Channel;
import org.accueil.patients.PhoneNumbers;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The Twilio account as it stands now: each value from the practice's saved channel settings (the
 * SMS channel's, then the phone channel's, the account being shared), else from {@link
 * TwilioProperties}. Read at every webhook and send, so a saved change applies at once.
 */
@Component
public class TwilioAccount {

  private final ChannelSettings settings;
  private final TwilioProperties properties;
  private final PracticeDirectory practice;

  TwilioAccount(ChannelSettings settings, TwilioProperties properties, PracticeDirectory practice) {
    this.settings = settings;
    this.properties = properties;
    this.practice = practice;
  }

  public @Nullable String accountSid() {
    return value("account-sid", properties.accountSid());
  }

  public @Nullable String authToken() {
    return value("auth-token", properties.authToken());
  }

  public @Nullable String smsNumber() {
    return value("sms-number", properties.smsNumber());
  }

  public @Nullable String voiceNumber() {
    return value("voice-number", properties.voiceNumber());
  }

  public String apiBaseUrl() {
    String url = value("api-base-url", properties.apiBaseUrl());
    return withoutTrailingSlash(url == null ? "https://api.twilio.com" : url);
  }

  /** Where Twilio reaches Accueil, without a trailing slash; null when not configured. */
  public @Nullable String publicBaseUrl() {
    String url = value("public-base-url", properties.publicBaseUrl());
    return url == null ? null : withoutTrailingSlash(url);
  }

  /** The line a caller is put through to: the setting, else the practice's first phone. */
  public Optional<String> transferNumber() {
    String configured = value("transfer-number", properties.transferNumber());
    if (configured != null) {
      return Optional.of(configured);
    }
    return practice.snapshot().locations().stream()
        .filter(l -> l.active() && l.phone() != null && !l.phone().isBlank())
        .sorted(Comparator.comparing(Location::name))
        .map(l -> PhoneNumbers.toE164(l.phone(), "FR").orElse(l.phone()))
        .findFirst();
  }

  /** The language of a caller not known: the setting, else the practice's first language. */
  public Locale voiceLanguage() {
    String configured = value("voice-language", properties.voiceLanguage());
    if (configured != null) {
      return Locale.forLanguageTag(configured);
    }
    var languages = practice.snapshot().profile().languages();
    return Locale.forLanguageTag(languages.isEmpty() ? "fr" : languages.getFirst());
  }

  public String practiceName() {
    return practice.snapshot().profile().name();
  }

  public Duration connectTimeout() {
    return properties.connectTimeout();
  }

  public Duration readTimeout() {
    return properties.readTimeout();
  }

  /** Whether SMS can be sent: the account, its token and the sending number are set. */
  public boolean sendsSms() {
    return accountSid() != null && authToken() != null && smsNumber() != null;
  }

  private @Nullable String value(String key, @Nullable String property) {
    String saved =
        settings.get(Channel.SMS, key).or(() -> settings.get(Channel.PHONE, key)).orElse(null);
    String value = saved != null ? saved : property;
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The language tag of a call or message: fr, en or it, anything else as {@code fallback}. */
  public static Locale supported(@Nullable String language, Locale fallback) {
    if (language == null) {
      return fallback;
    }
    return switch (Locale.forLanguageTag(language).getLanguage()) {
      case "fr" -> Locale.FRENCH;
      case "en" -> Locale.ENGLISH;
      case "it" -> Locale.ITALIAN;
      default -> fallback;
    };
  }
}
