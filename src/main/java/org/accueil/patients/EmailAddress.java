package org.accueil.patients;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An e-mail address as the registry stores it: {@code @Email} alone lets through quoted local parts
 * with spaces, which the table refuses, so one {@code @} between two runs of non-spaces, at most
 * 254 characters (RFC 5321's path limit). Blank passes (no address); {@code null} passes.
 */
@Documented
@Email
@Pattern(regexp = "\\s*|\\s*[^@\\s]+@[^@\\s]+\\s*")
@Size(max = 254)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface EmailAddress {

  String message() default "{jakarta.validation.constraints.Email.message}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
