package org.accueil.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.accueil.AccueilApplication;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.accueil.testing.Api;
import org.accueil.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The procedure docs/security/encryption.md gives, run as an operator would: the command-line modes
 * in processes of their own, the application restarted in between.
 */
class KeyRotationProcedureTests {

  @TempDir Path dataDir;

  private record Command(int status, String output) {}

  @Test
  void rotatingThenRetiringKeysKeepsEveryPatientReadableAndFindable() throws Exception {
    String url = TestDatabase.createDatabase();
    List<Patient> registered = new ArrayList<>();
    int firstAeadKey;
    try (ConfigurableApplicationContext node = start(url)) {
      Patients patients = node.getBean(Patients.class);
      for (int i = 0; i < 5; i++) {
        registered.add(patients.register(details("Before" + i, "+3361100000" + i)));
      }
      firstAeadKey = node.getBean(Keyring.class).primaryKeyId(KeysetKind.AEAD);
    }

    Command rotation = run("--accueil.crypto.rotate=aead,index");

    assertThat(rotation.status()).as(rotation.output()).isZero();
    assertThat(rotation.output())
        .contains("aead-keyset.json (the AEAD keyset) as its primary key")
        .contains("index-keyset.json (the blind-index keyset) as its primary key");
    assertThat(Keys.keyring(Keys.nothingConfigured(), dataDir).aead().size()).isEqualTo(2);

    int secondAeadKey;
    try (ConfigurableApplicationContext node = start(url)) {
      Patients patients = node.getBean(Patients.class);
      Keyring keyring = node.getBean(Keyring.class);
      secondAeadKey = keyring.primaryKeyId(KeysetKind.AEAD);
      assertThat(secondAeadKey).isNotEqualTo(firstAeadKey);
      for (Patient before : registered) {
        assertThat(patients.find(before.id())).contains(before);
        assertThat(patients.search(null, null, before.phone(), 5)).containsExactly(before);
      }
      Patient after = patients.register(details("After", "+33611000009"));
      registered.add(after);
      assertThat(sealedPhoneKeys(node)).contains(firstAeadKey, secondAeadKey);
    }

    Command retirement = run("--accueil.crypto.retire=aead,index", "--accueil.db.url=" + url);

    assertThat(retirement.status()).as(retirement.output()).isZero();
    assertThat(retirement.output())
        .contains("Resealed 5 rows of patient.phone_ciphertext (+phone_index).")
        .contains("Removed keys [" + Integer.toUnsignedString(firstAeadKey) + "]");
    Keyring retired = Keys.keyring(Keys.nothingConfigured(), dataDir);
    assertThat(retired.aead().size()).isEqualTo(1);
    assertThat(retired.index().size()).isEqualTo(1);

    try (ConfigurableApplicationContext node = start(url)) {
      Patients patients = node.getBean(Patients.class);
      for (Patient patient : registered) {
        assertThat(patients.find(patient.id())).contains(patient);
        assertThat(patients.search(null, null, patient.phone(), 5)).containsExactly(patient);
      }
      assertThat(sealedPhoneKeys(node)).containsOnly(secondAeadKey);
    }
  }

  private static List<Integer> sealedPhoneKeys(ConfigurableApplicationContext node) {
    return node
        .getBean(JdbcClient.class)
        .sql("SELECT phone_ciphertext FROM patient")
        .query(byte[].class)
        .list()
        .stream()
        .map(TinkFieldCipher::keyIdOf)
        .distinct()
        .toList();
  }

  private static PatientDetails details(String given, String phone) {
    return new PatientDetails(given, "Rotation", LocalDate.of(1985, 6, 7), phone, null);
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

  /** {@code java -jar accueil.jar <arguments>}, with this JVM's class path instead of the jar. */
  private Command run(String... arguments) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AccueilApplication.class.getName(),
                "--accueil.data-dir=" + dataDir,
                "--accueil.db.username=" + TestDatabase.username(),
                "--accueil.db.password=" + TestDatabase.password(),
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Command(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
