package org.accueil.integration.mapping.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.accueil.integration.mapping.IntegrationLink;
import org.accueil.integration.mapping.IntegrationLinks;
import org.accueil.integration.mapping.LinkResult;
import org.accueil.integration.mapping.LinkedResource;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mapping tables: our providers, locations and appointment types as another system knows them,
 * set by administrators; the patients and appointments the connectors linked, to read and, when one
 * is wrong, to remove (docs/INTEGRATION.md, "Mapping tables").
 */
@RestController
@RequestMapping("/api/v1/integration/links")
@Tag(name = "Integration mapping tables")
class LinksController {

  private static final String TYPES =
      Arrays.stream(LinkedResource.values())
          .map(LinkedResource::code)
          .collect(Collectors.joining(", "));

  private final IntegrationLinks links;
  private final PracticeDirectory practice;
  private final Audit audit;

  LinksController(IntegrationLinks links, PracticeDirectory practice, Audit audit) {
    this.links = links;
    this.practice = practice;
    this.audit = audit;
  }

  record LinkView(
      String system,
      String resourceType,
      UUID localId,
      String remoteId,
      @Nullable String version,
      Instant lastSynced) {
    static LinkView of(IntegrationLink link) {
      return new LinkView(
          link.system(),
          link.resource().code(),
          link.localId(),
          link.remoteId(),
          link.version(),
          link.lastSynced());
    }
  }

  record LinksView(List<LinkView> links) {}

  /**
   * @param remoteId the other system's id: a FHIR logical id ({@code Practitioner/123} is {@code
   *     123}), an HL7 v2 identifier
   * @param version their version of it, if known
   */
  record LinkRequest(
      @NotNull @Pattern(regexp = REMOTE_ID, message = "{validation.link-remote-id}")
          String remoteId,
      @Nullable @Pattern(regexp = VERSION, message = "{validation.link-version}") String version) {}

  static final String REMOTE_ID = "[A-Za-z0-9._:/|^~&+=@#$%*!(),?-]{1,200}";
  static final String VERSION = "[A-Za-z0-9._-]{1,64}";

  @GetMapping
  @Operation(
      summary = "The links, by system and resource type",
      description =
          "system: fhir, hl7v2...; type: patient, appointment, provider, location,"
              + " appointment_type. Ordered by system, type and our id; up to limit (1 to 500,"
              + " default 100) from offset.")
  LinksView list(
      @RequestParam(required = false) @Nullable String system,
      @RequestParam(required = false) @Nullable String type,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int offset) {
    List<IntegrationLink> found =
        links.list(
            system == null ? null : system("system", system),
            type == null ? null : resource("type", type),
            limit,
            offset);
    audit.success(
        "integration.link.search",
        "integration-link",
        null,
        system == null ? Map.of() : Map.of("system", system));
    return new LinksView(found.stream().map(LinkView::of).toList());
  }

  @GetMapping("/{system}/{resourceType}/{localId}")
  @Operation(summary = "Our record's id in another system")
  LinkView link(
      @PathVariable String system, @PathVariable String resourceType, @PathVariable UUID localId) {
    LinkedResource resource = resource("resourceType", resourceType);
    IntegrationLink link =
        links
            .byLocal(system("system", system), resource, localId)
            .orElseThrow(() -> notLinked(system, resource, localId));
    audit.success(
        "integration.link.view",
        "integration-link",
        localId,
        Map.of("system", system, "type", resource.code()));
    return LinkView.of(link);
  }

  @PutMapping("/{system}/{resourceType}/{localId}")
  @Operation(
      summary = "Map one of our providers, locations or appointment types to the other system's id",
      description =
          "resourceType is provider, location or appointment_type (patients and appointments are"
              + " linked by the connectors). Replaces the record's previous mapping in that system."
              + " 409 when the remote id is already mapped to another of our records.")
  LinkView put(
      @PathVariable String system,
      @PathVariable String resourceType,
      @PathVariable UUID localId,
      @Valid @RequestBody LinkRequest request) {
    String checkedSystem = system("system", system);
    LinkedResource resource = resource("resourceType", resourceType);
    if (!resource.configuration()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "link-not-configuration")
          .detail(
              "Only providers, locations and appointment types are mapped by hand; the connectors"
                  + " link {0}s as they write and read them.",
              resource.code())
          .with("field", "resourceType")
          .build();
    }
    requireLocal(resource, localId);
    return switch (links.link(
        checkedSystem, resource, localId, request.remoteId(), request.version())) {
      case LinkResult.Linked linked -> {
        audit.success(
            "integration.link.set",
            "integration-link",
            localId,
            Map.of("system", checkedSystem, "type", resource.code()));
        yield LinkView.of(linked.link());
      }
      case LinkResult.RemoteIdTaken taken ->
          throw ProblemException.of(HttpStatus.CONFLICT, "link-remote-id-taken")
              .detail(
                  "{0} id {1} is already mapped to {2} {3}; remove that mapping first.",
                  checkedSystem, request.remoteId(), resource.code(), taken.existing().localId())
              .with("localId", taken.existing().localId())
              .build();
    };
  }

  @DeleteMapping("/{system}/{resourceType}/{localId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Remove a link",
      description =
          "For any type: a wrong patient or appointment link too. The connector then finds the"
              + " record again by our identifier before it writes, so no duplicate is created.")
  void delete(
      @PathVariable String system, @PathVariable String resourceType, @PathVariable UUID localId) {
    LinkedResource resource = resource("resourceType", resourceType);
    if (!links.unlink(system("system", system), resource, localId)) {
      throw notLinked(system, resource, localId);
    }
    audit.success(
        "integration.link.delete",
        "integration-link",
        localId,
        Map.of("system", system, "type", resource.code()));
  }

  private void requireLocal(LinkedResource resource, UUID id) {
    PracticeSnapshot snapshot = practice.snapshot();
    boolean exists =
        switch (resource) {
          case PROVIDER -> snapshot.provider(new ProviderId(id)).isPresent();
          case LOCATION -> snapshot.location(new LocationId(id)).isPresent();
          case APPOINTMENT_TYPE -> snapshot.appointmentType(new AppointmentTypeId(id)).isPresent();
          case PATIENT, APPOINTMENT -> true;
        };
    if (!exists) {
      throw ProblemException.notFound(resource.code().replace('_', '-'), id);
    }
  }

  private static ProblemException notLinked(String system, LinkedResource resource, UUID id) {
    return ProblemException.of(HttpStatus.NOT_FOUND, "not-found")
        .messageCode("problem.not-found.integration-link")
        .detail("{0} {1} has no link in {2}.", resource.code(), id.toString(), system)
        .with("id", id.toString())
        .build();
  }

  private static String system(String parameter, String value) {
    if (!IntegrationLinks.SYSTEM.matcher(value).matches()) {
      throw invalid(parameter, value, "a system such as fhir or hl7v2");
    }
    return value;
  }

  private static LinkedResource resource(String parameter, String value) {
    return LinkedResource.ofCode(value).orElseThrow(() -> invalid(parameter, value, TYPES));
  }

  private static ProblemException invalid(String parameter, String value, String expected) {
    // Echoed in printable ASCII only: the value may be anything a client sent.
    String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
    String shown = printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
        .detail("\"{1}\" is not a valid value for {0} (expected {2}).", parameter, shown, expected)
        .with("field", parameter)
        .build();
  }
}
