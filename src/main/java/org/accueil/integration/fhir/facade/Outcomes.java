package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.accueil.platform.ProblemException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Every error of the FHIR API as an {@code OperationOutcome}, with the words the REST API uses: a
 * scheduling refusal says what is in the way or which rule refuses, in the caller's language, and
 * names the problem type ({@value FhirIds#PROBLEM_SYSTEM}, e.g. {@code slot-taken}) for code to
 * switch on. A bug answers 500 with an incident id, never its exception's text.
 */
@Interceptor
final class Outcomes {

  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);
  private static final Set<String> LANGUAGES = Set.of("en", "fr", "it");

  private final MessageSource messages;

  Outcomes(MessageSource messages) {
    this.messages = messages;
  }

  /** The caller's language for refusals and names: Accept-Language among en, fr, it, else en. */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
  public boolean language(HttpServletRequest request) {
    Locale locale =
        request.getHeader("Accept-Language") == null
                || !LANGUAGES.contains(request.getLocale().getLanguage())
            ? Locale.ENGLISH
            : Locale.forLanguageTag(request.getLocale().getLanguage());
    LocaleContextHolder.setLocale(locale);
    return true;
  }

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException outcome(Throwable raised) {
    // HAPI calls our methods by reflection and wraps what they throw unless it is its own kind.
    Throwable thrown =
        raised instanceof InternalErrorException
                && raised.getCause() instanceof java.lang.reflect.InvocationTargetException call
                && call.getCause() != null
            ? call.getCause()
            : raised;
    if (thrown instanceof ProblemException problem) {
      return fromProblem(problem);
    }
    if (thrown instanceof ca.uhn.fhir.parser.DataFormatException unreadable) {
      // A body or a parameter HAPI could not parse (a date that is not one, broken JSON).
      String text = "The request could not be read: " + unreadable.getMessage();
      return new InvalidRequestException(
          text, outcome(IssueType.INVALID, "unreadable-request", text));
    }
    if (thrown instanceof BaseServerResponseException known) {
      if (known.getOperationOutcome() == null && known.getStatusCode() < 500) {
        known.setOperationOutcome(
            outcome(issueType(known.getStatusCode()), null, known.getMessage()));
      }
      return known;
    }
    UUID incident = UUID.randomUUID();
    log.error("FHIR API incident {}", incident, thrown);
    String text =
        "Something went wrong on our side (incident %s); the request may be retried, and the"
                .formatted(incident)
            + " incident id helps the practice's administrator find what happened.";
    return new InternalErrorException(text, outcome(IssueType.EXCEPTION, "internal-error", text));
  }

  private BaseServerResponseException fromProblem(ProblemException problem) {
    Locale locale = LocaleContextHolder.getLocale();
    String fallback = problem.getBody().getDetail();
    String text =
        messages.getMessage(
            problem.getDetailMessageCode(),
            problem.getDetailMessageArguments(),
            fallback == null ? problem.slug() : fallback,
            locale);
    int status = problem.getStatusCode().value();
    OperationOutcome outcome = outcome(issueType(status), problem.slug(), text);
    return switch (status) {
      case 400 -> new InvalidRequestException(text, outcome);
      case 403 -> new ForbiddenOperationException(text, outcome);
      case 404 -> new ResourceNotFoundException(text, outcome);
      case 409 -> new ResourceVersionConflictException(text, outcome);
      case 422 -> new UnprocessableEntityException(text, outcome);
      case 405 -> new MethodNotAllowedException(text, outcome);
      default -> {
        BaseServerResponseException other = BaseServerResponseException.newInstance(status, text);
        other.setOperationOutcome(outcome);
        yield other;
      }
    };
  }

  static OperationOutcome outcome(
      IssueType type, @org.jspecify.annotations.Nullable String slug, String text) {
    OperationOutcome outcome = new OperationOutcome();
    var issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type);
    CodeableConcept details = new CodeableConcept().setText(text);
    if (slug != null) {
      details.addCoding(new Coding(FhirIds.PROBLEM_SYSTEM, slug, null));
    }
    issue.setDetails(details);
    issue.setDiagnostics(text);
    return outcome;
  }

  private static IssueType issueType(int status) {
    return switch (status) {
      case 400 -> IssueType.INVALID;
      case 401 -> IssueType.LOGIN;
      case 403 -> IssueType.FORBIDDEN;
      case 404, 410 -> IssueType.NOTFOUND;
      case 405 -> IssueType.NOTSUPPORTED;
      case 409 -> IssueType.CONFLICT;
      case 412 -> IssueType.CONFLICT;
      case 422 -> IssueType.BUSINESSRULE;
      default -> status >= 500 ? IssueType.EXCEPTION : IssueType.PROCESSING;
    };
  }
}
