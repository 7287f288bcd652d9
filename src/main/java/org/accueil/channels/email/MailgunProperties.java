package org.accueil.channels.email;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.channels.email.mailgun.*}: mail received through a Mailgun route instead of (or
 * besides) the IMAP mailbox.
 *
 * @param signingKey Mailgun's HTTP webhook signing key (Sending → Webhooks); unset, the route is
 *     refused
 * @param maxAge how old a signed request may be: a replay of an old one is refused
 */
@ConfigurationProperties("accueil.channels.email.mailgun")
public record MailgunProperties(
    @Nullable String signingKey, @DefaultValue("15m") Duration maxAge) {}
