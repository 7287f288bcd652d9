package org.accueil.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Mail received through a Mailgun route: Mailgun's signature, then stored and threaded. */
@EmailTest
class MailgunRouteTests {

  @Autowired WebServerApplicationContext server;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void signsMailgunsReferenceVectorT12() {
    assertThat(
            MailgunSignature.of(
                "test-signing-key",
                "1515458821",
                "2b90a03befc0b98ae2b641b0080850cada918a2d2f670e0141"))
        .isEqualTo("8562cf723b0c5ee7dfdac4bd5132a5770b604b24acb7b2b137b6432e7e1c68f0");
    assertThat(
            MailgunSignature.matches(
                "test-signing-key",
                "1515458821",
                "2b90a03befc0b98ae2b641b0080850cada918a2d2f670e0141",
                "8562CF723B0C5EE7DFDAC4BD5132A5770B604B24ACB7B2B137B6432E7E1C68F0"))
        .isTrue();
    assertThat(MailgunSignature.matches("another-key", "1515458821", "2b90", "8562cf72")).isFalse();
  }

  @Test
  void aSignedRouteIsStoredOnceAndAReplyFindsItsThread() throws Exception {
    String messageId = "<" + UUID.randomUUID() + "@patient.example>";
    String mime =
        mail(messageId, "reply+0123456789abcdef0123456789abcdef@" + MailServer.REPLY_DOMAIN);

    assertThat(post(signed(mime, clock.instant().getEpochSecond())).statusCode()).isEqualTo(200);
    assertThat(post(signed(mime, clock.instant().getEpochSecond())).statusCode()).isEqualTo(200);

    assertThat(stored(messageId)).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM email_thread WHERE token = :t")
                .param("t", "0123456789abcdef0123456789abcdef")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void anUnsignedForgedOrStaleRouteIsRefusedAndNothingIsStored() throws Exception {
    String messageId = "<" + UUID.randomUUID() + "@patient.example>";
    String mime = mail(messageId, "cabinet@" + MailServer.REPLY_DOMAIN);
    long now = clock.instant().getEpochSecond();

    Map<String, String> unsigned = signed(mime, now);
    unsigned.remove("signature");
    assertThat(post(unsigned).statusCode()).isEqualTo(401);
    Map<String, String> forged = signed(mime, now);
    forged.put(
        "signature",
        MailgunSignature.of("not-the-key", forged.get("timestamp"), forged.get("token")));
    assertThat(post(forged).statusCode()).isEqualTo(403);
    assertThat(post(signed(mime, now - 3600)).statusCode()).isEqualTo(403);
    Map<String, String> noMime = signed(mime, now);
    noMime.remove("body-mime");
    assertThat(post(noMime).statusCode()).isEqualTo(406);

    assertThat(stored(messageId)).isZero();
  }

  private long stored(String messageId) {
    return jdbc.sql(
            "SELECT count(*) FROM channel_inbound WHERE channel = 'email' AND provider_key = :id")
        .param("id", messageId)
        .query(Long.class)
        .single();
  }

  private static String mail(String messageId, String to) {
    return "From: Lucie Martin <lucie.martin@patient.example>\r\n"
        + "To: "
        + to
        + "\r\n"
        + "Subject: Re: Votre message\r\n"
        + "Message-ID: "
        + messageId
        + "\r\n"
        + "Date: Tue, 9 Mar 2027 21:00:00 +0100\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "\r\n"
        + "Merci, je viendrai mardi.\r\n"
        + "\r\n"
        + "Le 9 mars 2027 à 20:00, Cabinet <cabinet@reply.accueil.test> a écrit :\r\n"
        + "> Votre rendez-vous est confirmé.\r\n";
  }

  private static Map<String, String> signed(String mime, long timestamp) {
    String token = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef01";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("recipient", "cabinet@" + MailServer.REPLY_DOMAIN);
    form.put("sender", "lucie.martin@patient.example");
    form.put("timestamp", Long.toString(timestamp));
    form.put("token", token);
    form.put(
        "signature", MailgunSignature.of(EmailTest.MAILGUN_KEY, Long.toString(timestamp), token));
    form.put("body-mime", mime);
    return form;
  }

  private HttpResponse<String> post(Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + server.getWebServer().getPort()
                        + "/channels/email/mailgun/mime"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
