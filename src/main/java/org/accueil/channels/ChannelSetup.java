package org.accueil.channels;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accueil.channels.internal.StoredChannelSettings;
import org.accueil.patients.Channel;
import org.accueil.patients.PhoneNumbers;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrator's side of {@link ChannelSettings}: which settings each channel takes, saving
 * and removing them (sealed at rest, audited, applied on every node from the next call). Secrets
 * are never answered back, only whether they are set.
 */
@Service
public class ChannelSetup {

  /** The settings each channel takes; {@code true} marks a secret. */
  static final Map<Channel, Map<String, Boolean>> NAMES =
      Map.of(
          Channel.WHATSAPP,
          Map.of(
              "app-secret", true,
              "verify-token", true,
              "phone-number-id", false,
              "access-token", true,
              "api-base-url", false,
              "api-version", false),
          // Twilio's account serves SMS and calls: saved under either, read from sms first.
          Channel.SMS,
          twilio(),
          Channel.PHONE,
          twilio(),
          Channel.EMAIL,
          Map.ofEntries(
              Map.entry("enabled", false),
              Map.entry("reply-domain", false),
              Map.entry("smtp.host", false),
              Map.entry("smtp.port", false),
              Map.entry("smtp.username", false),
              Map.entry("smtp.password", true),
              Map.entry("smtp.security", false),
              Map.entry("smtp.from-address", false),
              Map.entry("smtp.from-name", false),
              Map.entry("imap.host", false),
              Map.entry("imap.port", false),
              Map.entry("imap.username", false),
              Map.entry("imap.password", true),
              Map.entry("imap.security", false),
              Map.entry("imap.folder", false),
              Map.entry("mailgun.signing-key", true)),
          Channel.WEBCHAT,
          Map.of("enabled", false, "identity-secret", true));

  private static Map<String, Boolean> twilio() {
    return Map.of(
        "account-sid", false,
        "auth-token", true,
        "sms-number", false,
        "voice-number", false,
        "api-base-url", false,
        "public-base-url", false,
        "transfer-number", false,
        "voice-language", false);
  }

  /**
   * One saved setting.
   *
   * @param value null for a secret: it is set, and never shown
   */
  public record Setting(
      Channel channel,
      String name,
      boolean secret,
      @Nullable String value,
      Instant updatedAt,
      String updatedBy) {}

  private final StoredChannelSettings stored;
  private final Audit audit;
  private final Clock clock;

  ChannelSetup(StoredChannelSettings stored, Audit audit, Clock clock) {
    this.stored = stored;
    this.audit = audit;
    this.clock = clock;
  }

  public List<Setting> all() {
    return stored.all().stream()
        .map(
            s ->
                new Setting(
                    s.channel(),
                    s.name(),
                    secret(s.channel(), s.name()),
                    secret(s.channel(), s.name()) ? null : s.value(),
                    s.updatedAt(),
                    s.updatedBy()))
        .toList();
  }

  /** Saves a setting; it applies from the next webhook or send, on every node. */
  @Transactional
  public Setting save(Channel channel, String name, String value) {
    check(channel, name);
    String clean = value.strip();
    validate(name, clean);
    Instant now = clock.instant();
    String by = Actor.current().reference();
    stored.save(channel, name, clean, now, by);
    audit.success("channel.setting.save", "channel", channel.code(), Map.of("setting", name));
    return new Setting(
        channel, name, secret(channel, name), secret(channel, name) ? null : clean, now, by);
  }

  /** Removes a setting: the property applies again. */
  @Transactional
  public void remove(Channel channel, String name) {
    check(channel, name);
    if (!stored.remove(channel, name)) {
      throw ProblemException.notFound("channel-setting", channel.code() + "/" + name);
    }
    audit.success("channel.setting.remove", "channel", channel.code(), Map.of("setting", name));
  }

  private static boolean secret(Channel channel, String name) {
    return NAMES.getOrDefault(channel, Map.of()).getOrDefault(name, true);
  }

  private static void check(Channel channel, String name) {
    Map<String, Boolean> names = NAMES.getOrDefault(channel, Map.of());
    if (!names.containsKey(name)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "unknown-channel-setting")
          .messageCode("problem.unknown-channel-setting")
          .detail(
              "The {0} channel has no setting ''{1}''; it takes: {2}.",
              channel.code(), name, String.join(", ", names.keySet().stream().sorted().toList()))
          .with("field", "name")
          .build();
    }
  }

  private static final Set<String> SECURITY = Set.of("none", "starttls", "ssl");

  /** What each kind of value must look like, so a typo is refused now rather than at 3 a.m. */
  private static void validate(String name, String value) {
    boolean ok;
    String expected;
    if (value.isEmpty()
        || value.length() > 2000
        || value.chars().anyMatch(Character::isISOControl)) {
      ok = false;
      expected = "1 to 2,000 characters on one line";
    } else if (name.endsWith("-url")) {
      ok = isHttpUrl(value);
      expected = "an http or https URL, such as https://accueil.cabinet-martin.fr";
    } else if (name.endsWith(".port")) {
      ok =
          value.matches("[0-9]{1,5}")
              && Integer.parseInt(value) >= 1
              && Integer.parseInt(value) <= 65535;
      expected = "a port number from 1 to 65535";
    } else if (name.endsWith("-number")) {
      ok = value.startsWith("+") && PhoneNumbers.toE164(value, "FR").isPresent();
      expected = "a phone number with its country code, such as +33757001122";
    } else if (name.equals("enabled")) {
      ok = value.equals("true") || value.equals("false");
      expected = "true or false";
    } else if (name.endsWith(".security")) {
      ok = SECURITY.contains(value);
      expected = "none, starttls or ssl";
    } else if (name.equals("voice-language")) {
      ok = value.equals("fr") || value.equals("en") || value.equals("it");
      expected = "fr, en or it";
    } else {
      ok = true;
      expected = "";
    }
    if (!ok) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
          .detail("The setting ''{0}'' takes {1}.", name, expected)
          .with("field", "value")
          .build();
    }
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = URI.create(value);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
