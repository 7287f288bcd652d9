package org.accueil.channels.whatsapp;

import org.accueil.channels.ChannelSettings;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The WhatsApp settings in force now: the administrator's saved value of each, else the property.
 * Read at each webhook and send, so a change applies without a restart.
 */
@Component
public class WhatsAppSettings {

  private final ChannelSettings saved;
  private final WhatsAppProperties properties;

  WhatsAppSettings(ChannelSettings saved, WhatsAppProperties properties) {
    this.saved = saved;
    this.properties = properties;
  }

  /** Empty when unset: then no webhook call can be trusted. */
  public String appSecret() {
    return get("app-secret", properties.appSecret());
  }

  public String verifyToken() {
    return get("verify-token", properties.verifyToken());
  }

  public String phoneNumberId() {
    return get("phone-number-id", properties.phoneNumberId());
  }

  public String accessToken() {
    return get("access-token", properties.accessToken());
  }

  public String apiBaseUrl() {
    String url = get("api-base-url", properties.apiBaseUrl());
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String apiVersion() {
    return get("api-version", properties.apiVersion());
  }

  /** Whether WhatsApp can send: the number and the token are set. */
  public boolean canSend() {
    return !phoneNumberId().isBlank() && !accessToken().isBlank();
  }

  private String get(String key, @Nullable String property) {
    return saved.get(Channel.WHATSAPP, key).orElse(property == null ? "" : property).strip();
  }
}
