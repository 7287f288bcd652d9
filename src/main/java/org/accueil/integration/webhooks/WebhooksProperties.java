package org.accueil.integration.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.webhooks.*}
 *
 * @param allowLocalhost accept endpoints on this machine (localhost, 127.0.0.1, ::1), over http
 *     too: for development and tests, never in production
 * @param allowPrivateNetworks accept https endpoints on private networks (10/8, 172.16/12,
 *     192.168/16, 100.64/10, fc00::/7), for a receiver inside the practice's own network;
 *     link-local addresses (cloud metadata services) are refused whatever this says
 * @param timeout how long one attempt waits for the endpoint's answer (Standard Webhooks recommends
 *     15 to 30 s)
 * @param rotationOverlap how long after a rotation messages are signed with the old secret too
 * @param logRetention how long the delivery log keeps an attempt
 */
@ConfigurationProperties("accueil.webhooks")
public record WebhooksProperties(
    @DefaultValue("false") boolean allowLocalhost,
    @DefaultValue("false") boolean allowPrivateNetworks,
    @DefaultValue("15s") Duration timeout,
    @DefaultValue("24h") Duration rotationOverlap,
    @DefaultValue("30d") Duration logRetention) {}
