package org.accueil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.accueil.testing.AccueilTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * HTTPS as docs/security/encryption.md configures it: a PEM certificate and key given to a Spring
 * SSL bundle, the bundle named by {@code server.ssl.bundle}.
 */
@AccueilTest
class HttpsTests {

  private static final String PASSWORD = "changeit";

  private static Path certificate;

  @Autowired WebServerApplicationContext context;

  /** A self-signed certificate for localhost, made by the JDK's keytool, written out as PEM. */
  @DynamicPropertySource
  static void servedOverHttps(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("accueil-tls");
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "accueil",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    certificate =
        Files.writeString(
            dir.resolve("certificate.pem"),
            pem("CERTIFICATE", keys.getCertificate("accueil").getEncoded()));
    Path key =
        Files.writeString(
            dir.resolve("private-key.pem"),
            pem("PRIVATE KEY", keys.getKey("accueil", PASSWORD.toCharArray()).getEncoded()));
    registry.add("spring.ssl.bundle.pem.web.keystore.certificate", () -> "file:" + certificate);
    registry.add("spring.ssl.bundle.pem.web.keystore.private-key", () -> "file:" + key);
    registry.add("server.ssl.bundle", () -> "web");
  }

  @Test
  void theApplicationAnswersOverTlsWithTheConfiguredCertificate() throws Exception {
    HttpResponse<String> health =
        trustingTheCertificate()
            .send(
                HttpRequest.newBuilder(URI.create(base("https") + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"UP\"");
    assertThat(health.sslSession())
        .hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo("TLSv1.3"));
    Certificate served = health.sslSession().orElseThrow().getPeerCertificates()[0];
    assertThat(served.getEncoded())
        .isEqualTo(
            Base64.getMimeDecoder()
                .decode(Files.readString(certificate).replaceAll("-----[A-Z ]+-----", "").strip()));
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() {
    HttpClient stranger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    assertThatThrownBy(
            () ->
                stranger.send(
                    HttpRequest.newBuilder(URI.create(base("https") + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  private String base(String scheme) {
    return scheme + "://localhost:" + context.getWebServer().getPort();
  }

  private static HttpClient trustingTheCertificate() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trusted.setCertificateEntry(
          "accueil",
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, trust.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
