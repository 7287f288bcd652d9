package org.accueil.integration.fhir;

import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;

/**
 * What the EHR's CapabilityStatement says it can do, as far as the connector cares. Conditional
 * create, {@code If-Match} and transactions are used only where offered: the vendors' statements
 * show none of them (Epic, Oracle Health, athenahealth), HAPI and other compliant servers all.
 *
 * @param conditionalCreate types created with {@code If-None-Exist}
 * @param versionedUpdate types updated with {@code If-Match} ({@code versioning=versioned-update})
 * @param writable types that can be created and updated
 * @param creatable types that can be created (updated or not: a QuestionnaireResponse is only ever
 *     created)
 * @param lastUpdated types searchable by {@code _lastUpdated}
 * @param transactions whether transaction Bundles are accepted
 * @param subscriptions whether Subscription resources can be created
 * @param software what the EHR says it runs, for the logs
 */
public record FhirCapabilities(
    Set<String> conditionalCreate,
    Set<String> versionedUpdate,
    Set<String> writable,
    Set<String> creatable,
    Set<String> lastUpdated,
    boolean transactions,
    boolean subscriptions,
    String software) {

  public static FhirCapabilities of(CapabilityStatement statement) {
    Set<String> conditionalCreate = new HashSet<>();
    Set<String> versionedUpdate = new HashSet<>();
    Set<String> writable = new HashSet<>();
    Set<String> creatable = new HashSet<>();
    Set<String> lastUpdated = new HashSet<>();
    boolean transactions = false;
    boolean subscriptions = false;
    for (CapabilityStatementRestComponent rest : statement.getRest()) {
      if (rest.getMode() != CapabilityStatement.RestfulCapabilityMode.SERVER) {
        continue;
      }
      boolean lastUpdatedEverywhere =
          rest.getSearchParam().stream().anyMatch(p -> "_lastUpdated".equals(p.getName()));
      transactions |=
          rest.getInteraction().stream()
              .anyMatch(i -> i.getCode() == SystemRestfulInteraction.TRANSACTION);
      for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
        String type = resource.getType();
        boolean create = has(resource, TypeRestfulInteraction.CREATE);
        boolean update = has(resource, TypeRestfulInteraction.UPDATE);
        if (create && update) {
          writable.add(type);
        }
        if (create) {
          creatable.add(type);
        }
        if (create && resource.getConditionalCreate()) {
          conditionalCreate.add(type);
        }
        if (update && resource.getVersioning() == ResourceVersionPolicy.VERSIONEDUPDATE) {
          versionedUpdate.add(type);
        }
        if (lastUpdatedEverywhere
            || resource.getSearchParam().stream()
                .map(CapabilityStatementRestResourceSearchParamComponent::getName)
                .anyMatch("_lastUpdated"::equals)) {
          if (has(resource, TypeRestfulInteraction.SEARCHTYPE)) {
            lastUpdated.add(type);
          }
        }
        if (type.equals("Subscription") && create) {
          subscriptions = true;
        }
      }
    }
    String software =
        statement.getSoftware().getName() + " " + statement.getSoftware().getVersion();
    return new FhirCapabilities(
        Set.copyOf(conditionalCreate),
        Set.copyOf(versionedUpdate),
        Set.copyOf(writable),
        Set.copyOf(creatable),
        Set.copyOf(lastUpdated),
        transactions,
        subscriptions,
        software.trim());
  }

  private static boolean has(
      CapabilityStatementRestResourceComponent resource, TypeRestfulInteraction interaction) {
    return resource.getInteraction().stream().anyMatch(i -> i.getCode() == interaction);
  }

  public boolean canCreate(String type) {
    return creatable.contains(type);
  }

  public boolean conditionalCreate(String type) {
    return conditionalCreate.contains(type);
  }

  public boolean ifMatch(String type) {
    return versionedUpdate.contains(type);
  }

  public boolean lastUpdated(String type) {
    return lastUpdated.contains(type);
  }
}
