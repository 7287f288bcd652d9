package org.accueil.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code accueil.bootstrap.*}: credentials created at start-up so a fresh installation can be
 * reached at all.
 *
 * @param adminApiKey when set, an ADMIN API key with exactly this value exists after start-up;
 *     changing the value revokes the previous bootstrap key
 */
@ConfigurationProperties("accueil.bootstrap")
public record BootstrapProperties(@Nullable String adminApiKey) {}
