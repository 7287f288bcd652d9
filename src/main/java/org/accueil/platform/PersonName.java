package org.accueil.platform;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * A person's name (or title) as people write them, in any script: letters, combining marks, spaces,
 * apostrophes (' and ’), hyphens and dots, with at least one letter; 1 to {@link #max()}
 * characters. Zero-width joiners and non-joiners are allowed between letters, where Persian and
 * Indic spellings need them. Digits, other punctuation, symbols, emoji, control and bidirectional
 * override characters are not: "O’Brien-Łukasiewicz", "Nguyễn Thị", "Dr." and "محمد" pass;
 * "&lt;script&gt;", "1 OR 1=1" and "Robert'); DROP" do not. {@code null} passes (use NotBlank).
 * Store names {@link PersonNames#normalized(String) normalized}.
 */
@Documented
@Constraint(validatedBy = PersonName.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PersonName {

  String message() default "{validation.person-name}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The most characters (code points, after trimming) the name may have. */
  int max() default 100;

  final class Validator implements ConstraintValidator<PersonName, String> {

    private int max;

    @Override
    public void initialize(PersonName annotation) {
      this.max = annotation.max();
    }

    @Override
    public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
      return value == null
          || value.isBlank()
          || PersonNames.isName(PersonNames.normalized(value), max);
    }
  }
}
