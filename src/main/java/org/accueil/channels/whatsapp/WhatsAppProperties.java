package org.accueil.channels.whatsapp;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WhatsApp Business Cloud API settings of a single-practice deployment ({@code
 * accueil.channels.whatsapp.*}). A value the administrator saved in the channel settings wins over
 * the property of the same name ({@link WhatsAppSettings}).
 *
 * @param appSecret the Meta app's secret: the key of the {@code X-Hub-Signature-256} HMAC on every
 *     webhook call; unset, every webhook call is refused
 * @param verifyToken the word Meta echoes when the webhook is registered ({@code hub.verify_token})
 * @param phoneNumberId the business number's id at Meta: the sender's address, and the only number
 *     whose webhook changes are taken
 * @param accessToken a permanent (system user) access token with {@code
 *     whatsapp_business_messaging}
 * @param apiBaseUrl Meta's Graph API
 * @param apiVersion the Graph API version in each call's path
 */
@ConfigurationProperties("accueil.channels.whatsapp")
public record WhatsAppProperties(
    @Nullable String appSecret,
    @Nullable String verifyToken,
    @Nullable String phoneNumberId,
    @Nullable String accessToken,
    @DefaultValue("https://graph.facebook.com") String apiBaseUrl,
    @DefaultValue("v21.0") String apiVersion) {}
