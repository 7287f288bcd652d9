package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Validates resources against the FHIR R4 base definitions HAPI bundles
 * (hapi-fhir-validation-resources-r4), offline: nothing in the chain calls a terminology server, so
 * SNOMED, LOINC and our own {@code urn:accueil:fhir:} systems are warnings, never errors. Building
 * the chain takes seconds: one validator for the test JVM.
 *
 * <p>{@code FhirValidation.r4().assertValid(resource)} fails with every error the validator found.
 */
public final class FhirValidation {

  private static volatile FhirValidation instance;

  private final FhirContext context;
  private final FhirValidator validator;

  private FhirValidation(FhirContext context) {
    this.context = context;
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(context),
            new CommonCodeSystemsTerminologyService(context),
            new InMemoryTerminologyServerValidationSupport(context),
            new SnapshotGeneratingValidationSupport(context),
            new UnknownCodeSystemWarningValidationSupport(context));
    this.validator = context.newValidator();
    validator.registerValidatorModule(new FhirInstanceValidator(chain));
  }

  /** The validator for R4, built on first use. */
  public static FhirValidation r4() {
    FhirValidation validation = instance;
    if (validation == null) {
      synchronized (FhirValidation.class) {
        validation = instance;
        if (validation == null) {
          validation = new FhirValidation(FhirContext.forR4Cached());
          instance = validation;
        }
      }
    }
    return validation;
  }

  /** What the validator found at {@code error} severity or worse. */
  public List<SingleValidationMessage> errors(IBaseResource resource) {
    return validator.validateWithResult(resource).getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .toList();
  }

  /** Fails with the errors, and the resource as JSON to read them against. */
  public void assertValid(IBaseResource resource) {
    List<SingleValidationMessage> errors = errors(resource);
    assertThat(errors)
        .as(
            () ->
                "%s does not validate against FHIR R4:%n%s%n%s"
                    .formatted(
                        resource.fhirType(),
                        String.join(
                            "\n",
                            errors.stream()
                                .map(m -> "  " + m.getLocationString() + ": " + m.getMessage())
                                .toList()),
                        context
                            .newJsonParser()
                            .setPrettyPrint(true)
                            .encodeResourceToString(resource)))
        .isEmpty();
  }

  /** Each of them valid. */
  public void assertValid(List<? extends IBaseResource> resources) {
    resources.forEach(this::assertValid);
  }
}
