package org.accueil.channels.email;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.accueil.channels.ChannelSettings;
import org.accueil.channels.email.EmailProperties.Imap;
import org.accueil.channels.email.EmailProperties.Security;
import org.accueil.channels.email.EmailProperties.Smtp;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The e-mail settings in force: the practice's saved settings first, then the properties; read at
 * each send and each pass over the mailbox, so a change applies without a restart.
 */
@Component
class MailSettings {

  private final EmailProperties properties;
  private final ChannelSettings saved;

  MailSettings(EmailProperties properties, ChannelSettings saved) {
    this.properties = properties;
    this.saved = saved;
  }

  boolean enabled() {
    return Boolean.parseBoolean(text("enabled", Boolean.toString(properties.enabled())));
  }

  @Nullable String replyDomain() {
    return value("reply-domain", properties.replyDomain());
  }

  Smtp smtp() {
    Smtp p = properties.smtp();
    return new Smtp(
        value("smtp.host", p.host()),
        Integer.parseInt(text("smtp.port", Integer.toString(p.port()))),
        value("smtp.username", p.username()),
        value("smtp.password", p.password()),
        security(text("smtp.security", p.security().name())),
        value("smtp.from-address", p.fromAddress()),
        value("smtp.from-name", p.fromName()),
        p.timeout());
  }

  Imap imap() {
    Imap p = properties.imap();
    return new Imap(
        value("imap.host", p.host()),
        Integer.parseInt(text("imap.port", Integer.toString(p.port()))),
        value("imap.username", p.username()),
        value("imap.password", p.password()),
        security(text("imap.security", p.security().name())),
        text("imap.folder", p.folder()),
        p.pollInterval(),
        p.batchSize(),
        p.timeout());
  }

  /** Whether mail can be sent: the server, our address and the reply domain are known. */
  boolean sends() {
    Smtp smtp = smtp();
    return enabled() && isSet(smtp.host()) && isSet(smtp.fromAddress()) && isSet(replyDomain());
  }

  /** Whether the mailbox can be read. */
  boolean reads() {
    Imap imap = imap();
    return enabled() && isSet(imap.host()) && isSet(imap.username()) && isSet(replyDomain());
  }

  /** Jakarta Mail's settings for sending with {@code smtp}; {@code protocol} is the transport. */
  static Properties session(String protocol, Security security, Duration timeout, boolean auth) {
    String prefix = "mail." + protocol + ".";
    Properties p = new Properties();
    String millis = Long.toString(timeout.toMillis());
    p.setProperty(prefix + "connectiontimeout", millis);
    p.setProperty(prefix + "timeout", millis);
    p.setProperty(prefix + "writetimeout", millis);
    p.setProperty(prefix + "auth", Boolean.toString(auth));
    if (security == Security.STARTTLS) {
      p.setProperty(prefix + "starttls.enable", "true");
      // Without required, a server (or a man in the middle) that does not offer STARTTLS would
      // get the password and the patient's message in clear.
      p.setProperty(prefix + "starttls.required", "true");
    }
    if (security != Security.NONE) {
      p.setProperty(prefix + "ssl.checkserveridentity", "true");
    }
    return p;
  }

  private static Security security(String value) {
    return Security.valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  private static boolean isSet(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  private @Nullable String value(String key, @Nullable String fallback) {
    Optional<String> value = saved.get(Channel.EMAIL, key);
    return value.filter(v -> !v.isBlank()).orElse(fallback);
  }

  private String text(String key, String fallback) {
    return saved.get(Channel.EMAIL, key).filter(v -> !v.isBlank()).orElse(fallback);
  }
}
