package org.accueil.channels.whatsapp;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.TemplateRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practice's templates approved at Meta, the only messages WhatsApp delivers outside the
 * 24-hour window: one per purpose and language ({@code reopen} in fr, en, it). What a template says
 * is approved at Meta; this registry only names it and keeps its words for the timeline.
 */
@Service
public class WhatsAppTemplates implements TemplateRegistry {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppTemplates.class);

  /** The languages a template may be in; a missing one falls back in this order. */
  public static final List<String> LANGUAGES = List.of("fr", "en", "it");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([0-9]{1,3})}}");

  private final JdbcClient jdbc;
  private final Clock clock;

  WhatsAppTemplates(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A template as approved at Meta.
   *
   * @param name its name at Meta ({@code accueil_reopen})
   * @param language {@code fr}, {@code en} or {@code it}
   * @param purpose what Accueil sends it for ({@code reopen})
   * @param body its words, with {@code {{1}}}, {@code {{2}}}… where the parameters go
   * @param category {@code utility}, {@code marketing} or {@code authentication}
   */
  public record Template(
      String name, String language, String purpose, String body, String category) {}

  /** What saving a template did. */
  public enum Saved {
    CREATED,
    UPDATED,
    /** Another template has this purpose in this language; nothing was written. */
    PURPOSE_TAKEN
  }

  /** The template for {@code purpose} in the patient's language, else in French, else English. */
  public Optional<Template> forPurpose(String purpose, Locale language) {
    return jdbc.sql(
            """
            SELECT name, language, purpose, body, category FROM whatsapp_template
             WHERE purpose = :purpose AND language IN (:language, 'fr', 'en')
             ORDER BY CASE language WHEN :language THEN 0 WHEN 'fr' THEN 1 ELSE 2 END
             LIMIT 1
            """)
        .param("purpose", purpose)
        .param("language", language.getLanguage())
        .query(Template.class)
        .optional();
  }

  /**
   * The conversations' way in: the template for {@code purpose}, filled in; empty when the practice
   * has none, or when the one it has asks for more parameters than given (Meta would refuse it with
   * 132000, so sending it would only fail later).
   */
  @Override
  public Optional<OutboundContent.Template> render(
      String purpose, Locale language, List<String> parameters) {
    return forPurpose(purpose, language)
        .flatMap(
            template -> {
              try {
                return Optional.of(render(template, parameters));
              } catch (IllegalArgumentException e) {
                log.warn("WhatsApp template unusable for {}: {}", purpose, e.getMessage());
                return Optional.empty();
              }
            });
  }

  public List<Template> list() {
    return jdbc.sql(
            "SELECT name, language, purpose, body, category FROM whatsapp_template"
                + " ORDER BY name, language")
        .query(Template.class)
        .list();
  }

  /** Adds the template, or replaces the one of the same name and language. */
  @Transactional
  public Saved save(Template template) {
    boolean taken =
        jdbc.sql(
                """
                SELECT count(*) > 0 FROM whatsapp_template
                 WHERE purpose = :purpose AND language = :language AND name <> :name
                """)
            .param("purpose", template.purpose())
            .param("language", template.language())
            .param("name", template.name())
            .query(Boolean.class)
            .single();
    if (taken) {
      return Saved.PURPOSE_TAKEN;
    }
    // xmax = 0 on the returned row: it was inserted, not updated by ON CONFLICT.
    boolean inserted =
        jdbc.sql(
                """
                INSERT INTO whatsapp_template (name, language, purpose, body, category, created_at)
                VALUES (:name, :language, :purpose, :body, :category, :now)
                ON CONFLICT (name, language) DO UPDATE
                   SET purpose = excluded.purpose, body = excluded.body,
                       category = excluded.category
                RETURNING (xmax = 0)
                """)
            .param("name", template.name())
            .param("language", template.language())
            .param("purpose", template.purpose())
            .param("body", template.body())
            .param("category", template.category())
            .param("now", clock.instant().atOffset(ZoneOffset.UTC))
            .query(Boolean.class)
            .single();
    return inserted ? Saved.CREATED : Saved.UPDATED;
  }

  /**
   * @return false when there was no such template
   */
  @Transactional
  public boolean delete(String name, String language) {
    return jdbc.sql("DELETE FROM whatsapp_template WHERE name = :name AND language = :language")
            .param("name", name)
            .param("language", language)
            .update()
        == 1;
  }

  /**
   * The template filled in: Meta gets the parameters, the timeline and the channels without
   * templates get the words.
   *
   * @throws IllegalArgumentException when the body has a {@code {{n}}} without its parameter (Meta
   *     would refuse it with 132000)
   */
  public OutboundContent.Template render(Template template, List<String> parameters) {
    Matcher placeholder = PLACEHOLDER.matcher(template.body());
    StringBuilder text = new StringBuilder();
    while (placeholder.find()) {
      int n = Integer.parseInt(placeholder.group(1));
      if (n < 1 || n > parameters.size()) {
        throw new IllegalArgumentException(
            "Template " + template.name() + " needs a parameter {{" + n + "}}");
      }
      placeholder.appendReplacement(text, Matcher.quoteReplacement(parameters.get(n - 1)));
    }
    placeholder.appendTail(text);
    return new OutboundContent.Template(
        template.name(), template.language(), parameters, text.toString());
  }
}
