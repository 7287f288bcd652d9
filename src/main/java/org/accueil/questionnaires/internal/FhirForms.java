package org.accueil.questionnaires.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.accueil.platform.ProblemException;
import org.accueil.questionnaires.Form;
import org.accueil.questionnaires.Questionnaires;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.EnableWhenBehavior;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemOperator;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The FHIR side of forms: reads a Questionnaire and refuses what the filling-in page cannot show,
 * presents it in a language, checks and types what a patient entered (required items, formats,
 * choices, enableWhen), and writes the QuestionnaireResponse.
 *
 * <p>Translations use FHIR's own extension on each text ({@code _text}, {@code _title}, a coding's
 * {@code _display}): {@value #TRANSLATION} with {@code lang} and {@code content}.
 */
public final class FhirForms {

  public static final String TRANSLATION = Questionnaires.TRANSLATION;

  /** Item codes of this system name the record's field an answer is about (see flags). */
  public static final String RECORD_FIELDS =
      "https://accueil.health/fhir/CodeSystem/patient-record";

  static final Set<QuestionnaireItemType> SUPPORTED =
      Set.of(
          QuestionnaireItemType.GROUP,
          QuestionnaireItemType.DISPLAY,
          QuestionnaireItemType.BOOLEAN,
          QuestionnaireItemType.DECIMAL,
          QuestionnaireItemType.INTEGER,
          QuestionnaireItemType.DATE,
          QuestionnaireItemType.STRING,
          QuestionnaireItemType.TEXT,
          QuestionnaireItemType.CHOICE);

  private static final Set<QuestionnaireItemOperator> OPERATORS =
      Set.of(
          QuestionnaireItemOperator.EXISTS,
          QuestionnaireItemOperator.EQUAL,
          QuestionnaireItemOperator.NOT_EQUAL,
          QuestionnaireItemOperator.GREATER_THAN,
          QuestionnaireItemOperator.LESS_THAN,
          QuestionnaireItemOperator.GREATER_OR_EQUAL,
          QuestionnaireItemOperator.LESS_OR_EQUAL);

  private static final Pattern LINK_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** A free-text answer longer than this is refused (a form is not a document store). */
  static final int LONGEST_TEXT = 4000;

  static final int MOST_ITEMS = 300;

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private FhirForms() {}

  public static IParser parser() {
    return FHIR.newJsonParser().setPrettyPrint(false);
  }

  // ------------------------------------------------------------------------------ reading

  /** Reads a Questionnaire as sent to the admin API, refusing what cannot be filled in here. */
  public static Questionnaire read(String json) {
    Questionnaire q;
    try {
      var resource = parser().parseResource(json);
      if (!(resource instanceof Questionnaire questionnaire)) {
        throw invalid(
            "not-a-questionnaire",
            null,
            "The body is a FHIR {0}, not a Questionnaire.",
            resource.fhirType());
      }
      q = questionnaire;
    } catch (DataFormatException e) {
      throw invalid(
          "unreadable", null, "The body is not a readable FHIR R4 resource: {0}", e.getMessage());
    }
    if (q.getTitle() == null || q.getTitle().isBlank()) {
      throw invalid("no-title", null, "A questionnaire needs a title, which patients see.");
    }
    if (!q.hasItem()) {
      throw invalid("no-items", null, "A questionnaire needs at least one item.");
    }
    Map<String, QuestionnaireItemComponent> byLink = new LinkedHashMap<>();
    check(q.getItem(), byLink);
    if (byLink.size() > MOST_ITEMS) {
      throw invalid(
          "too-many-items", null, "A questionnaire may have at most {0} items.", MOST_ITEMS);
    }
    for (QuestionnaireItemComponent item : byLink.values()) {
      for (QuestionnaireItemEnableWhenComponent when : item.getEnableWhen()) {
        QuestionnaireItemComponent target = byLink.get(when.getQuestion());
        if (target == null || target == item || !answerable(target)) {
          throw invalid(
              "enable-when",
              item.getLinkId(),
              "Item {0} is shown depending on {1}, which is not a question of this form.",
              item.getLinkId(),
              when.getQuestion());
        }
        if (!OPERATORS.contains(when.getOperator())) {
          throw invalid(
              "enable-when-operator",
              item.getLinkId(),
              "Item {0} uses an enableWhen operator this form cannot evaluate.",
              item.getLinkId());
        }
        if (!when.hasAnswer()) {
          throw invalid(
              "enable-when-answer",
              item.getLinkId(),
              "Item {0}: its enableWhen has no answer to compare with.",
              item.getLinkId());
        }
      }
    }
    return q;
  }

  private static void check(
      List<QuestionnaireItemComponent> items, Map<String, QuestionnaireItemComponent> byLink) {
    for (QuestionnaireItemComponent item : items) {
      String link = item.getLinkId();
      if (link == null || !LINK_ID.matcher(link).matches()) {
        throw invalid(
            "link-id",
            link,
            "Every item needs a linkId of letters, digits, dots, dashes or underscores (at most 64):"
                + " {0} is not one.",
            String.valueOf(link));
      }
      if (byLink.put(link, item) != null) {
        throw invalid("link-id-twice", link, "The linkId {0} is used twice.", link);
      }
      if (item.getType() == null || !SUPPORTED.contains(item.getType())) {
        throw invalid(
            "item-type",
            link,
            "Item {0} is of type {1}; a form here may use group, display, boolean, decimal,"
                + " integer, date, string, text and choice.",
            link,
            item.getType() == null ? "none" : item.getType().toCode());
      }
      if (item.getType() != QuestionnaireItemType.GROUP && item.hasItem()) {
        throw invalid("nested", link, "Only a group may contain items ({0} is not one).", link);
      }
      if (item.getType() == QuestionnaireItemType.GROUP && !item.hasItem()) {
        throw invalid("empty-group", link, "The group {0} contains no item.", link);
      }
      if (answerable(item) && (item.getText() == null || item.getText().isBlank())) {
        throw invalid("no-text", link, "The question {0} has no text.", link);
      }
      if (item.getType() == QuestionnaireItemType.CHOICE) {
        if (item.hasAnswerValueSet() || !item.hasAnswerOption()) {
          throw invalid(
              "choice",
              link,
              "The choice {0} must list its answers (answerOption); value sets are not supported.",
              link);
        }
        Set<String> keys = new HashSet<>();
        for (QuestionnaireItemAnswerOptionComponent option : item.getAnswerOption()) {
          String key = optionKey(option.getValue());
          if (key == null || !keys.add(key)) {
            throw invalid(
                "choice-option",
                link,
                "The choice {0} has an answer that is not a coding with a code, or a text, or"
                    + " comes twice.",
                link);
          }
        }
      }
      if (item.hasItem()) {
        check(item.getItem(), byLink);
      }
    }
  }

  static boolean answerable(QuestionnaireItemComponent item) {
    return item.getType() != QuestionnaireItemType.GROUP
        && item.getType() != QuestionnaireItemType.DISPLAY;
  }

  /** The form as stored: url, version and status ours, the rest as sent. */
  public static String normalised(Questionnaire q, String url, int version, String status) {
    q.setUrl(url);
    q.setVersion(String.valueOf(version));
    q.setStatus(status.equals("active") ? PublicationStatus.ACTIVE : PublicationStatus.RETIRED);
    q.setIdElement(null);
    q.setMeta(null);
    return parser().encodeResourceToString(q);
  }

  public static Questionnaire parse(String stored) {
    return parser().parseResource(Questionnaire.class, stored);
  }

  // ------------------------------------------------------------------------------ showing

  /** The text in {@code language}, else as written. */
  static String text(StringType element, String language) {
    for (Extension translation : element.getExtensionsByUrl(TRANSLATION)) {
      String lang = sub(translation, "lang");
      String content = sub(translation, "content");
      if (content != null && lang != null && sameLanguage(lang, language)) {
        return content;
      }
    }
    return element.getValue() == null ? "" : element.getValue();
  }

  private static @Nullable String sub(Extension extension, String url) {
    Extension part = extension.getExtensionByUrl(url);
    return part == null || part.getValue() == null ? null : part.getValue().primitiveValue();
  }

  private static boolean sameLanguage(String tag, String language) {
    return Locale.forLanguageTag(tag).getLanguage().equals(language);
  }

  /** The languages the form is written in: its own, then each translation found. */
  public static List<String> languages(Questionnaire q) {
    Set<String> found = new java.util.LinkedHashSet<>();
    if (q.hasLanguage()) {
      found.add(Locale.forLanguageTag(q.getLanguage()).getLanguage());
    }
    for (Extension t : q.getTitleElement().getExtensionsByUrl(TRANSLATION)) {
      String lang = sub(t, "lang");
      if (lang != null) {
        found.add(Locale.forLanguageTag(lang).getLanguage());
      }
    }
    return List.copyOf(found);
  }

  public static String title(Questionnaire q, String language) {
    return text(q.getTitleElement(), language);
  }

  public static List<Form.Field> fields(Questionnaire q, String language) {
    return fields(q.getItem(), language);
  }

  static List<Form.Field> fields(List<QuestionnaireItemComponent> items, String language) {
    List<Form.Field> fields = new ArrayList<>();
    for (QuestionnaireItemComponent item : items) {
      List<Form.Option> options = new ArrayList<>();
      for (QuestionnaireItemAnswerOptionComponent option : item.getAnswerOption()) {
        options.add(
            new Form.Option(optionKey(option.getValue()), label(option.getValue(), language)));
      }
      List<Form.Condition> conditions = new ArrayList<>();
      for (QuestionnaireItemEnableWhenComponent when : item.getEnableWhen()) {
        conditions.add(
            new Form.Condition(
                when.getQuestion(), when.getOperator().toCode(), answerKey(when.getAnswer())));
      }
      fields.add(
          new Form.Field(
              item.getLinkId(),
              item.getType().toCode(),
              text(item.getTextElement(), language),
              item.getRequired(),
              item.getRepeats(),
              item.hasMaxLength() ? item.getMaxLength() : null,
              options,
              fields(item.getItem(), language),
              conditions,
              item.getEnableBehavior() == EnableWhenBehavior.ANY));
    }
    return fields;
  }

  private static String label(Type value, String language) {
    if (value instanceof Coding coding) {
      return coding.hasDisplay() ? text(coding.getDisplayElement(), language) : coding.getCode();
    }
    if (value instanceof StringType s) {
      return text(s, language);
    }
    return value.primitiveValue();
  }

  /** What the page submits for an option: a coding's code, or the value itself. */
  static @Nullable String optionKey(@Nullable Type value) {
    if (value instanceof Coding coding) {
      return coding.hasCode() ? coding.getCode() : null;
    }
    return value == null || value.primitiveValue() == null ? null : value.primitiveValue();
  }

  private static String answerKey(Type answer) {
    if (answer instanceof Coding coding) {
      return coding.getCode();
    }
    return answer.primitiveValue();
  }

  // ------------------------------------------------------------------------------ answers

  /** What a patient entered, read against the form. */
  public record Checked(
      Map<String, List<Type>> answers, Map<String, String> errors, List<String> enabled) {}

  /**
   * Types and checks {@code entered} (linkId → values as typed): formats and choices always,
   * required items only when {@code complete}. Items hidden by enableWhen are dropped with their
   * answers.
   */
  public static Checked check(
      Questionnaire q, Map<String, List<String>> entered, boolean complete) {
    Map<String, QuestionnaireItemComponent> byLink = new LinkedHashMap<>();
    flatten(q.getItem(), byLink);
    Map<String, List<Type>> typed = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (QuestionnaireItemComponent item : byLink.values()) {
      if (!answerable(item)) {
        continue;
      }
      List<String> values =
          entered.getOrDefault(item.getLinkId(), List.of()).stream()
              .map(v -> v == null ? "" : v.strip())
              .filter(v -> !v.isEmpty())
              .toList();
      if (!item.getRepeats() && values.size() > 1) {
        values = values.subList(0, 1);
      }
      List<Type> answers = new ArrayList<>();
      for (String value : values) {
        Optional<Type> answer = typed(item, value);
        if (answer.isEmpty()) {
          errors.put(item.getLinkId(), problemOf(item, value));
          break;
        }
        answers.add(answer.get());
      }
      if (!answers.isEmpty()) {
        typed.put(item.getLinkId(), answers);
      }
    }
    // Shown items, top-down: a hidden group hides its children; answers to hidden items go.
    List<String> enabled = new ArrayList<>();
    enable(q.getItem(), typed, enabled, true);
    typed.keySet().retainAll(enabled);
    errors.keySet().retainAll(enabled);
    if (complete) {
      for (String link : enabled) {
        QuestionnaireItemComponent item = byLink.get(link);
        if (answerable(item)
            && item.getRequired()
            && !typed.containsKey(link)
            && !errors.containsKey(link)) {
          errors.put(link, "required");
        }
      }
    }
    return new Checked(typed, errors, enabled);
  }

  private static void flatten(
      List<QuestionnaireItemComponent> items, Map<String, QuestionnaireItemComponent> byLink) {
    for (QuestionnaireItemComponent item : items) {
      byLink.put(item.getLinkId(), item);
      flatten(item.getItem(), byLink);
    }
  }

  private static void enable(
      List<QuestionnaireItemComponent> items,
      Map<String, List<Type>> answers,
      List<String> enabled,
      boolean parentShown) {
    for (QuestionnaireItemComponent item : items) {
      boolean shown = parentShown && enabled(item, answers);
      if (shown) {
        enabled.add(item.getLinkId());
      }
      enable(item.getItem(), answers, enabled, shown);
    }
  }

  private static boolean enabled(QuestionnaireItemComponent item, Map<String, List<Type>> answers) {
    if (!item.hasEnableWhen()) {
      return true;
    }
    boolean any = item.getEnableBehavior() == EnableWhenBehavior.ANY;
    for (QuestionnaireItemEnableWhenComponent when : item.getEnableWhen()) {
      boolean met = met(when, answers.getOrDefault(when.getQuestion(), List.of()));
      if (any && met) {
        return true;
      }
      if (!any && !met) {
        return false;
      }
    }
    return !any;
  }

  private static boolean met(QuestionnaireItemEnableWhenComponent when, List<Type> answers) {
    Type expected = when.getAnswer();
    return switch (when.getOperator()) {
      case EXISTS -> (expected instanceof BooleanType b && b.booleanValue()) != answers.isEmpty();
      case EQUAL -> answers.stream().anyMatch(a -> compare(a, expected) == 0);
      case NOT_EQUAL -> answers.stream().noneMatch(a -> compare(a, expected) == 0);
      case GREATER_THAN -> answers.stream().anyMatch(a -> ordered(a, expected) > 0);
      case LESS_THAN -> answers.stream().anyMatch(a -> ordered(a, expected) < 0);
      case GREATER_OR_EQUAL -> answers.stream().anyMatch(a -> ordered(a, expected) >= 0);
      case LESS_OR_EQUAL -> answers.stream().anyMatch(a -> ordered(a, expected) <= 0);
      default -> false;
    };
  }

  /** 0 when equal; anything else when not (or not comparable). */
  private static int compare(Type answer, Type expected) {
    if (answer instanceof Coding a && expected instanceof Coding e) {
      boolean sameSystem = !a.hasSystem() || !e.hasSystem() || a.getSystem().equals(e.getSystem());
      return sameSystem && Objects.equals(a.getCode(), e.getCode()) ? 0 : 1;
    }
    if (answer instanceof Coding a && expected instanceof StringType e) {
      return Objects.equals(a.getCode(), e.getValue()) ? 0 : 1;
    }
    int ordered = ordered(answer, expected);
    return ordered == Integer.MIN_VALUE ? 1 : ordered;
  }

  /** The order of two numbers or dates; {@link Integer#MIN_VALUE} when they do not compare. */
  private static int ordered(Type answer, Type expected) {
    BigDecimal a = number(answer);
    BigDecimal e = number(expected);
    if (a != null && e != null) {
      return a.compareTo(e);
    }
    if (answer instanceof DateType a2 && expected instanceof DateType e2) {
      return a2.getValueAsString().compareTo(e2.getValueAsString());
    }
    if (answer instanceof BooleanType a3 && expected instanceof BooleanType e3) {
      return a3.booleanValue() == e3.booleanValue() ? 0 : 1;
    }
    if (answer instanceof StringType a4 && expected instanceof StringType e4) {
      return a4.getValue().compareTo(e4.getValue());
    }
    return Integer.MIN_VALUE;
  }

  private static @Nullable BigDecimal number(Type value) {
    if (value instanceof IntegerType i && i.getValue() != null) {
      return BigDecimal.valueOf(i.getValue());
    }
    if (value instanceof DecimalType d) {
      return d.getValue();
    }
    return null;
  }

  private static Optional<Type> typed(QuestionnaireItemComponent item, String value) {
    try {
      return switch (item.getType()) {
        case BOOLEAN ->
            switch (value) {
              case "true" -> Optional.of(new BooleanType(true));
              case "false" -> Optional.of(new BooleanType(false));
              default -> Optional.empty();
            };
        case INTEGER ->
            value.matches("-?\\d{1,9}")
                ? Optional.of(new IntegerType(Integer.parseInt(value)))
                : Optional.empty();
        case DECIMAL ->
            value.replace(',', '.').matches("-?\\d{1,9}(\\.\\d{1,6})?")
                ? Optional.of(new DecimalType(new BigDecimal(value.replace(',', '.'))))
                : Optional.empty();
        case DATE -> {
          LocalDate date = LocalDate.parse(value);
          yield date.getYear() < 1900 || date.getYear() > 2200
              ? Optional.empty()
              : Optional.of(new DateType(value));
        }
        case STRING, TEXT -> {
          int longest = item.hasMaxLength() ? item.getMaxLength() : LONGEST_TEXT;
          yield value.length() > Math.min(longest, LONGEST_TEXT)
              ? Optional.empty()
              : Optional.of(new StringType(value));
        }
        case CHOICE ->
            item.getAnswerOption().stream()
                .map(QuestionnaireItemAnswerOptionComponent::getValue)
                .filter(v -> value.equals(optionKey(v)))
                .findFirst()
                .map(Type::copy);
        default -> Optional.empty();
      };
    } catch (DateTimeParseException | DataFormatException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String problemOf(QuestionnaireItemComponent item, String value) {
    return switch (item.getType()) {
      case BOOLEAN -> "boolean";
      case INTEGER -> "integer";
      case DECIMAL -> "decimal";
      case DATE -> "date";
      case CHOICE -> "choice";
      default -> "too-long";
    };
  }

  // ------------------------------------------------------------------------------ response

  /**
   * The QuestionnaireResponse of {@code checked} answers: items in the questionnaire's order and
   * nesting, each with the questionnaire's own text (what it validates against); groups without any
   * answer left out.
   */
  public static QuestionnaireResponse response(
      Questionnaire q,
      String canonical,
      Checked checked,
      String subject,
      String language,
      Instant authored,
      String identifierSystem,
      String identifier) {
    QuestionnaireResponse r = new QuestionnaireResponse();
    r.setLanguage(language);
    r.getIdentifier().setSystem(identifierSystem).setValue(identifier);
    r.setQuestionnaire(canonical);
    r.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    r.setSubject(new Reference(subject));
    r.setAuthor(new Reference(subject));
    r.setSource(new Reference(subject));
    r.setAuthored(Date.from(authored));
    r.setItem(items(q.getItem(), checked));
    return r;
  }

  private static List<QuestionnaireResponseItemComponent> items(
      List<QuestionnaireItemComponent> items, Checked checked) {
    List<QuestionnaireResponseItemComponent> out = new ArrayList<>();
    for (QuestionnaireItemComponent item : items) {
      if (!checked.enabled().contains(item.getLinkId())) {
        continue;
      }
      QuestionnaireResponseItemComponent answered = new QuestionnaireResponseItemComponent();
      answered.setLinkId(item.getLinkId());
      if (item.hasText()) {
        answered.setText(item.getText());
      }
      if (item.getType() == QuestionnaireItemType.GROUP) {
        answered.setItem(items(item.getItem(), checked));
        if (answered.hasItem()) {
          out.add(answered);
        }
      } else if (answerable(item) && checked.answers().containsKey(item.getLinkId())) {
        for (Type value : checked.answers().get(item.getLinkId())) {
          answered.addAnswer().setValue(value);
        }
        out.add(answered);
      }
    }
    return out;
  }

  /**
   * The answers as a person reads them, in {@code language}: each answered question (and each group
   * holding answers, as a heading) with its depth, in the questionnaire's order.
   */
  public static List<Form.Line> lines(Questionnaire q, String responseJson, String language) {
    QuestionnaireResponse r = parser().parseResource(QuestionnaireResponse.class, responseJson);
    Map<String, QuestionnaireItemComponent> items = itemsByLink(q);
    List<Form.Line> lines = new ArrayList<>();
    lines(r.getItem(), items, language, 0, lines);
    return lines;
  }

  private static void lines(
      List<QuestionnaireResponseItemComponent> answered,
      Map<String, QuestionnaireItemComponent> items,
      String language,
      int depth,
      List<Form.Line> lines) {
    for (QuestionnaireResponseItemComponent a : answered) {
      QuestionnaireItemComponent item = items.get(a.getLinkId());
      String question =
          item == null
              ? (a.hasText() ? a.getText() : a.getLinkId())
              : text(item.getTextElement(), language);
      if (a.hasItem()) {
        lines.add(new Form.Line(a.getLinkId(), depth, question, null));
        lines(a.getItem(), items, language, depth + 1, lines);
      } else {
        List<String> values = new ArrayList<>();
        for (var answer : a.getAnswer()) {
          values.add(
              item == null
                  ? answer.getValue().primitiveValue()
                  : shown(item, answer.getValue(), language));
        }
        lines.add(new Form.Line(a.getLinkId(), depth, question, String.join(", ", values)));
      }
    }
  }

  /** An answer as a person reads it, in {@code language} (a choice's label, not its code). */
  static String shown(QuestionnaireItemComponent item, Type value, String language) {
    if (value instanceof Coding || (item.getType() == QuestionnaireItemType.CHOICE)) {
      String key = optionKey(value);
      return item.getAnswerOption().stream()
          .filter(o -> Objects.equals(optionKey(o.getValue()), key))
          .findFirst()
          .map(o -> label(o.getValue(), language))
          .orElse(String.valueOf(key));
    }
    if (value instanceof BooleanType b) {
      return b.booleanValue() ? "true" : "false";
    }
    return value.primitiveValue();
  }

  /** The form's linkIds, in order. */
  public static Set<String> linkIds(Questionnaire q) {
    return itemsByLink(q).keySet();
  }

  static Map<String, QuestionnaireItemComponent> itemsByLink(Questionnaire q) {
    Map<String, QuestionnaireItemComponent> byLink = new LinkedHashMap<>();
    flatten(q.getItem(), byLink);
    return byLink;
  }

  /** The record field an item is coded as (its code of {@link #RECORD_FIELDS}), if any. */
  static Optional<String> recordField(QuestionnaireItemComponent item) {
    return item.getCode().stream()
        .filter(c -> RECORD_FIELDS.equals(c.getSystem()) && c.hasCode())
        .map(Coding::getCode)
        .findFirst();
  }

  static ProblemException invalid(
      String variant, @Nullable String linkId, String english, Object... args) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-questionnaire")
        .messageCode("problem.invalid-questionnaire." + variant)
        .detail(english, args)
        .with("linkId", linkId)
        .build();
  }
}
