package org.accueil.channels.webchat;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.channels.webchat.*}.
 *
 * @param enabled whether the widget and its endpoints answer at all
 * @param identitySecret the key of the practice site's identity hashes (HMAC-SHA256 of the
 *     patient's identifier); unset, no visitor can be verified. The practice's saved setting {@code
 *     identity-secret} overrides it.
 * @param allowedOrigins the sites (e.g. {@code https://www.cabinet-martin.fr}) whose pages may call
 *     the web chat's endpoints; empty, only pages served by Accueil itself
 * @param heartbeat how often an open stream gets a comment, so proxies keep it open
 * @param streamTimeout how long a stream stays open before the browser reconnects
 */
@ConfigurationProperties("accueil.channels.webchat")
public record WebChatProperties(
    @DefaultValue("true") boolean enabled,
    @Nullable String identitySecret,
    @DefaultValue List<String> allowedOrigins,
    @DefaultValue("20s") Duration heartbeat,
    @DefaultValue("30m") Duration streamTimeout) {}
