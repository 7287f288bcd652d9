package org.accueil.integration.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.StaffSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The mapping tables: the connectors' links through {@link IntegrationLinks}, the practice's
 * configuration through {@code /api/v1/integration/links}.
 */
@AccueilTest
class IntegrationLinksTests {

  @Autowired IntegrationLinks links;
  @Autowired Api api;
  @Autowired StaffSessions sessions;
  @Autowired AuditEvents audit;
  @Autowired PracticeAdministration admin;

  @Test
  void aConnectorLinksAPatientAndFindsItFromEitherSide() {
    UUID patient = UUID.randomUUID();
    String remote = "pat-" + UUID.randomUUID();

    var linked = links.link("fhir", LinkedResource.PATIENT, patient, remote, "1");

    assertThat(linked).isInstanceOf(LinkResult.Linked.class);
    assertThat(links.remoteId("fhir", LinkedResource.PATIENT, patient)).contains(remote);
    assertThat(links.localId("fhir", LinkedResource.PATIENT, remote)).contains(patient);
    assertThat(links.localId("hl7v2", LinkedResource.PATIENT, remote)).isEmpty();
    assertThat(links.localId("fhir", LinkedResource.APPOINTMENT, remote)).isEmpty();

    links.link("fhir", LinkedResource.PATIENT, patient, remote, "2");
    assertThat(links.byLocal("fhir", LinkedResource.PATIENT, patient).orElseThrow().version())
        .isEqualTo("2");

    assertThat(links.unlink("fhir", LinkedResource.PATIENT, patient)).isTrue();
    assertThat(links.unlink("fhir", LinkedResource.PATIENT, patient)).isFalse();
    assertThat(links.localId("fhir", LinkedResource.PATIENT, remote)).isEmpty();
  }

  @Test
  void aRemoteIdLinkedToOneRecordIsNotLinkedToAnother() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    String remote = "appt-" + UUID.randomUUID();
    links.link("fhir", LinkedResource.APPOINTMENT, first, remote, null);

    var refused = links.link("fhir", LinkedResource.APPOINTMENT, second, remote, null);

    assertThat(refused)
        .isInstanceOfSatisfying(
            LinkResult.RemoteIdTaken.class,
            taken -> assertThat(taken.existing().localId()).isEqualTo(first));
    assertThat(links.byLocal("fhir", LinkedResource.APPOINTMENT, second)).isEmpty();
  }

  @Test
  void idsOutsideTheirGrammarAreRefused() {
    assertThatThrownBy(
            () -> links.link("fhir", LinkedResource.PATIENT, UUID.randomUUID(), "a b", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> links.link("FHIR", LinkedResource.PATIENT, UUID.randomUUID(), "ab", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAdministratorMapsAProviderReadsListsAndRemovesTheMapping() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    UUID provider = clinic.provider.id().value();
    String path = "/api/v1/integration/links/fhir/provider/" + provider;
    String remote = "Practitioner-" + UUID.randomUUID().toString().substring(0, 8);

    var put = api.put(path, Map.of("remoteId", remote, "version", "3"));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.string("remoteId")).isEqualTo(remote);
    assertThat(put.string("resourceType")).isEqualTo("provider");
    assertThat(audit.of("integration.link.set", provider)).hasSize(1);

    var one = api.get(path);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.string("version")).isEqualTo("3");

    var list = api.get("/api/v1/integration/links?system=fhir&type=provider&limit=500");
    assertThat(list.status()).isEqualTo(200);
    List<String> remotes = new java.util.ArrayList<>();
    list.body().get("links").forEach(l -> remotes.add(l.get("remoteId").asString()));
    assertThat(remotes).contains(remote);

    assertThat(api.delete(path).status()).isEqualTo(204);
    assertThat(api.get(path).status()).isEqualTo(404);
    assertThat(api.delete(path).status()).isEqualTo(404);
  }

  @Test
  void theApiRefusesWhatItCannotMap() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    UUID location = clinic.site.id().value();
    UUID otherLocation = ClinicFixture.create(admin).site.id().value();
    String remote = "Location-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            api.put(
                    "/api/v1/integration/links/fhir/location/" + location,
                    Map.of("remoteId", remote))
                .status())
        .isEqualTo(200);

    var taken =
        api.put(
            "/api/v1/integration/links/fhir/location/" + otherLocation, Map.of("remoteId", remote));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.string("type")).isEqualTo("/problems/link-remote-id-taken");
    assertThat(taken.string("localId")).isEqualTo(location.toString());

    var patient =
        api.put(
            "/api/v1/integration/links/fhir/patient/" + UUID.randomUUID(),
            Map.of("remoteId", "p1"));
    assertThat(patient.status()).isEqualTo(400);
    assertThat(patient.string("type")).isEqualTo("/problems/link-not-configuration");

    var unknown =
        api.put(
            "/api/v1/integration/links/fhir/provider/" + UUID.randomUUID(),
            Map.of("remoteId", "p1"));
    assertThat(unknown.status()).isEqualTo(404);

    var badType =
        api.put("/api/v1/integration/links/fhir/room/" + location, Map.of("remoteId", "r1"));
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.string("type")).isEqualTo("/problems/invalid-value");

    var badRemote =
        api.put(
            "/api/v1/integration/links/fhir/location/" + location,
            Map.of("remoteId", "'; DROP TABLE x;--"));
    assertThat(badRemote.status()).isEqualTo(400);
  }

  @Test
  void theFrontDeskNeitherReadsNorChangesTheMappings() {
    Api frontDesk = sessions.signIn(List.of("FRONT_DESK"), null);

    assertThat(frontDesk.get("/api/v1/integration/links").status()).isEqualTo(403);
    assertThat(
            frontDesk
                .put(
                    "/api/v1/integration/links/fhir/provider/" + UUID.randomUUID(),
                    Map.of("remoteId", "x"))
                .status())
        .isEqualTo(403);
  }
}
