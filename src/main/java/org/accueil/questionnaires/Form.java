package org.accueil.questionnaires;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A form as the patient sees it, in their language: for the filling-in page and web chat.
 *
 * @param values what was entered or saved so far, by linkId
 * @param errors what is wrong with it, by linkId: a message key suffix ({@code required}, {@code
 *     integer}, {@code date}, {@code choice}, {@code too-long}, {@code boolean}, {@code decimal})
 * @param enabled the linkIds shown given the answers so far (enableWhen)
 */
public record Form(
    UUID requestId,
    String title,
    @Nullable String description,
    String language,
    String status,
    Instant expiresAt,
    List<Field> fields,
    Map<String, List<String>> values,
    Map<String, String> errors,
    List<String> enabled) {

  public Form {
    fields = List.copyOf(fields);
    values = Map.copyOf(values);
    errors = Map.copyOf(errors);
    enabled = List.copyOf(enabled);
  }

  public boolean completed() {
    return "completed".equals(status);
  }

  /** The first value entered for {@code linkId}, or "". */
  public String value(String linkId) {
    List<String> v = values.get(linkId);
    return v == null || v.isEmpty() ? "" : v.getFirst();
  }

  public boolean chosen(String linkId, String option) {
    List<String> v = values.get(linkId);
    return v != null && v.contains(option);
  }

  public @Nullable String error(String linkId) {
    return errors.get(linkId);
  }

  public boolean shown(String linkId) {
    return enabled.contains(linkId);
  }

  /**
   * One item of the form.
   *
   * @param type the FHIR item type: group, display, boolean, decimal, integer, date, string, text,
   *     choice
   * @param conditions when the item is shown, as the page's script evaluates them (the server
   *     decides again on submission): {@code question}, {@code operator}, {@code answer}
   * @param any whether any condition is enough (else all)
   */
  public record Field(
      String linkId,
      String type,
      String text,
      boolean required,
      boolean repeats,
      @Nullable Integer maxLength,
      List<Option> options,
      List<Field> children,
      List<Condition> conditions,
      boolean any) {

    public Field {
      options = List.copyOf(options);
      children = List.copyOf(children);
      conditions = List.copyOf(conditions);
    }

    public boolean question() {
      return !type.equals("group") && !type.equals("display");
    }
  }

  /** A choice: its value as submitted and what the patient reads. */
  public record Option(String value, String label) {}

  /**
   * One line of completed answers as staff read them: a group's heading ({@code answer} null) or a
   * question and its answer ({@code true}/{@code false} for a yes/no).
   */
  public record Line(String linkId, int depth, String question, @Nullable String answer) {}

  /** Shown when the answer to {@code question} {@code operator} {@code answer}. */
  public record Condition(String question, String operator, String answer) {}
}
