package org.accueil.notifications.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.notifications.NotificationKind;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The words of each notification in each language: Accueil's own ({@code
 * messages/notifications/templates_*.properties}), or the practice's where it saved its own.
 * Placeholders are named ({@code {when}}, {@code {practice}}) so that a practice can reorder them.
 */
@Component
public class Wording {

  public static final List<String> LANGUAGES = List.of("fr", "en", "it");

  /** The placeholders a practice may use; {@code {visit}} only when it shows the kind of visit. */
  static final Set<String> PLACEHOLDERS =
      Set.of(
          "name",
          "when",
          "date",
          "time",
          "practice",
          "address",
          "provider",
          "visit",
          "link",
          "text",
          "expires",
          "portal",
          "form",
          "options");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

  /** A practice's wording of one message in one language. */
  public record Saved(String kind, String language, @Nullable String subject, String body) {}

  /** What one notification says. */
  record Words(String text, String sms, String subject) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<String, Properties> defaults = new LinkedHashMap<>();

  Wording(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    for (String language : LANGUAGES) {
      defaults.put(language, load("messages/notifications/templates_" + language + ".properties"));
    }
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    var in = Wording.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("Missing " + resource);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  static String language(Locale locale) {
    return LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
  }

  /** A fixed phrase (a button's title). */
  String phrase(String key, Locale locale) {
    return defaults.get(language(locale)).getProperty(key, key);
  }

  /** The notification's words, its placeholders filled; the practice's wording when it has one. */
  Words words(NotificationKind kind, Locale locale, Map<String, String> values) {
    String language = language(locale);
    Properties own = defaults.get(language);
    Optional<Saved> saved = saved(kind.code(), language);
    String body = saved.map(Saved::body).orElse(own.getProperty(kind.code() + ".text"));
    String sms = saved.map(Saved::body).orElse(own.getProperty(kind.code() + ".sms"));
    String subject =
        saved
            .map(Saved::subject)
            .filter(s -> !s.isBlank())
            .orElse(own.getProperty(kind.code() + ".subject"));
    return new Words(fill(body, values), fill(sms, values), fill(subject, values));
  }

  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString().replaceAll(" {2,}", " ").strip();
  }

  Optional<Saved> saved(String kind, String language) {
    return jdbc.sql(
            """
            SELECT kind, language, subject, body FROM notification_template
             WHERE kind = :kind AND language = :language
            """)
        .param("kind", kind)
        .param("language", language)
        .query(Saved.class)
        .optional();
  }

  public List<Saved> savedAll() {
    return jdbc.sql(
            "SELECT kind, language, subject, body FROM notification_template ORDER BY kind, language")
        .query(Saved.class)
        .list();
  }

  /** Accueil's own text-message wording. */
  String standardSms(NotificationKind kind, String language) {
    return defaults.get(language).getProperty(kind.code() + ".sms");
  }

  /** Accueil's own wording, for the administrator to start from. */
  public Saved standard(NotificationKind kind, String language) {
    Properties own = defaults.get(language);
    return new Saved(
        kind.code(),
        language,
        own.getProperty(kind.code() + ".subject"),
        own.getProperty(kind.code() + ".text"));
  }

  /**
   * Saves the practice's wording, after checking that its placeholders exist, that it names no
   * visit when the practice does not show them, and that a text message of it stays short.
   */
  public void save(Saved wording, boolean showVisitType, Map<String, String> sample, String by) {
    if (!LANGUAGES.contains(wording.language())) {
      throw problem(
          "language", "language", "Languages are fr, en and it, not {0}.", wording.language());
    }
    if (wording.body() == null || wording.body().isBlank() || wording.body().length() > 1000) {
      throw problem("body", "body-length", "A message takes 1 to 1000 characters.");
    }
    for (String field : List.of("body", "subject")) {
      String text = field.equals("body") ? wording.body() : wording.subject();
      if (text == null) {
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        String name = m.group(1);
        if (!PLACEHOLDERS.contains(name)) {
          throw problem(
              field,
              "unknown-placeholder",
              "{0} is not a placeholder Accueil fills; use {1}.",
              "{" + name + "}",
              String.join(", ", PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList()));
        }
        if (name.equals("visit") && !showVisitType) {
          throw problem(
              field,
              "visit-hidden",
              "The practice does not name the kind of visit in messages (a health detail);"
                  + " remove {0} or turn on showVisitType in the policy first.",
              "{visit}");
        }
      }
    }
    int segments = SmsSegments.count(fill(wording.body(), sample));
    if (segments > SmsSegments.MOST) {
      throw problem(
          "body",
          "too-long-for-sms",
          "By SMS this message would take {0} parts (at most {1}); shorten it. Characters such as"
              + " ê, â, ô or ç make each part 70 characters instead of 160.",
          segments,
          SmsSegments.MOST);
    }
    jdbc.sql(
            """
            INSERT INTO notification_template (kind, language, subject, body, updated_at, updated_by)
            VALUES (:kind, :language, :subject, :body, :now, :by)
            ON CONFLICT (kind, language) DO UPDATE
               SET subject = excluded.subject, body = excluded.body,
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """)
        .param("kind", wording.kind())
        .param("language", wording.language())
        .param("subject", wording.subject())
        .param("body", wording.body())
        .param("now", NotificationStore.utc(clock.instant()))
        .param("by", by)
        .update();
  }

  public boolean delete(String kind, String language) {
    return jdbc.sql("DELETE FROM notification_template WHERE kind = :kind AND language = :language")
            .param("kind", kind)
            .param("language", language)
            .update()
        == 1;
  }

  private static ProblemException problem(
      String field, String code, String detail, Object... arguments) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-notification-wording")
        .messageCode("problem.invalid-notification-wording." + code)
        .detail(detail, arguments)
        .with("field", field)
        .build();
  }
}
