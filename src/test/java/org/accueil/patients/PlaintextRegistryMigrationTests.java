package org.accueil.patients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.AccueilApplication;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.testing.Api;
import org.accueil.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A registry written by the version before encryption (plaintext phone and e-mail columns) is
 * sealed by the upgrade: every patient reads as before, lookups still find them, and the plaintext
 * is gone from the tables and from their files.
 */
class PlaintextRegistryMigrationTests {

  @TempDir Path dataDir;

  record Legacy(UUID id, String family, String phone, String email) {}

  @Test
  void anUpgradeSealsTheContactDetailsAlreadyStoredAndDropsThePlaintext() {
    String url = TestDatabase.createDatabase();
    Flyway.configure()
        .dataSource(url, TestDatabase.username(), TestDatabase.password())
        .locations("classpath:db/migration")
        // Every migration before this change's V9, whichever of V7 and V8 exist.
        .target("8?")
        .load()
        .migrate();
    JdbcClient before =
        JdbcClient.create(
            new DriverManagerDataSource(url, TestDatabase.username(), TestDatabase.password()));
    List<Legacy> legacy = new ArrayList<>();
    // More than one batch of the migration, with every combination of phone and e-mail.
    for (int i = 0; i < 1_203; i++) {
      String phone = i % 3 == 2 ? null : String.format(Locale.ROOT, "+3361%07d", i);
      String email = i % 3 == 1 ? null : "Patient." + i + "@Example.org";
      Legacy row = new Legacy(UUID.randomUUID(), "Legacy" + i, phone, email);
      legacy.add(row);
      before
          .sql(
              "INSERT INTO patient (id, given_name, family_name, birth_date, phone, email)"
                  + " VALUES (:id, 'Anne', :family, :birth, :phone, :email)")
          .param("id", row.id())
          .param("family", row.family())
          .param("birth", LocalDate.of(1970, 1, 1).plusDays(i))
          .param("phone", row.phone())
          .param("email", row.email())
          .update();
    }
    before
        .sql(
            "INSERT INTO patient (id, given_name, family_name, birth_date)"
                + " VALUES (:id, 'No', 'Contact', DATE '1990-01-01')")
        .param("id", UUID.randomUUID())
        .update();
    String response = "{\"phone\":\"+33610000000\",\"email\":\"patient.0@example.org\"}";
    before
        .sql(
            "INSERT INTO idempotent_request (principal, idempotency_key, request_fingerprint,"
                + " response_status, response_body) VALUES ('api-key:x', 'k', '\\x00', 201, :body)")
        .param("body", response)
        .update();

    try (ConfigurableApplicationContext upgraded = start(url)) {
      Patients patients = upgraded.getBean(Patients.class);
      JdbcClient jdbc = upgraded.getBean(JdbcClient.class);
      for (Legacy row : legacy) {
        Patient read = patients.find(PatientId.of(row.id())).orElseThrow();
        assertThat(read.phone()).isEqualTo(row.phone());
        assertThat(read.email())
            .isEqualTo(row.email() == null ? null : row.email().toLowerCase(Locale.ROOT));
      }
      Legacy sample = legacy.get(600);
      assertThat(patients.search(null, null, sample.phone(), 5))
          .extracting(Patient::id)
          .containsExactly(PatientId.of(sample.id()));
      Patients.Registration again =
          patients.registration(
              new PatientDetails(
                  "ANNE",
                  sample.family(),
                  LocalDate.of(1970, 1, 1).plusDays(600),
                  null,
                  sample.email()));
      assertThat(again.created()).isFalse();
      assertThat(again.patient().id()).isEqualTo(PatientId.of(sample.id()));

      for (String value : new String[] {sample.phone(), "+33610000000", "Patient.600@"}) {
        assertThat(StoredContactDetails.tablesHolding(jdbc, value)).as(value).isEmpty();
      }
      assertThat(StoredContactDetails.tablesHolding(jdbc, "patient.600@example.org")).isEmpty();
      Boolean inFile = StoredContactDetails.fileHolds(jdbc, "patient", sample.phone());
      if (inFile != null) {
        assertThat(inFile).as("the old row versions left the table's file").isFalse();
        assertThat(StoredContactDetails.fileHolds(jdbc, "patient", sample.family())).isTrue();
        assertThat(StoredContactDetails.fileHolds(jdbc, "idempotent_request", "+33610000000"))
            .isFalse();
      }
      byte[] sealedResponse =
          jdbc.sql("SELECT response_sealed FROM idempotent_request WHERE idempotency_key = 'k'")
              .query(byte[].class)
              .single();
      assertThat(
              upgraded
                  .getBean(FieldCipher.class)
                  .decrypt(sealedResponse, "idempotent-request.response"))
          .isEqualTo(response);
    }

    try (ConfigurableApplicationContext restarted = start(url)) {
      Legacy sample = legacy.get(1_200);
      assertThat(
              restarted
                  .getBean(Patients.class)
                  .find(PatientId.of(sample.id()))
                  .orElseThrow()
                  .phone())
          .as("the generated keys were kept for the next start")
          .isEqualTo(sample.phone());
    }
  }

  private ConfigurableApplicationContext start(String url) {
    // Arguments, not default properties: application.yml's server.port and data-dir would win.
    return new SpringApplicationBuilder(AccueilApplication.class)
        .run(
            "--server.port=0",
            "--accueil.db.url=" + url,
            "--accueil.db.username=" + TestDatabase.username(),
            "--accueil.db.password=" + TestDatabase.password(),
            "--accueil.data-dir=" + dataDir,
            "--accueil.bootstrap.admin-api-key=" + Api.ADMIN_KEY,
            "--spring.jmx.enabled=false");
  }
}
