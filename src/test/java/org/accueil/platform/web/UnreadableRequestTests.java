package org.accueil.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Tomcat refuses before the application sees them still get problem JSON, in the caller's
 * language, not Tomcat's HTML page.
 */
@AccueilTest
class UnreadableRequestTests {

  @Autowired Api api;
  @Autowired JsonMapper json;

  @Test
  void anAddressWithCharactersHttpDoesNotAllowIsAnUnreadableRequestProblem() throws IOException {
    var answer =
        RawHttp.exchange(
            port(), "GET /api/v1/prac<tice|\"x\" HTTP/1.1\r\nHost: localhost", out -> {});

    assertUnreadable(answer);
    assertThat(problem(answer).path("detail").asString()).contains("characters");
  }

  @Test
  void brokenChunkedFramingIsAnUnreadableRequestProblem() throws IOException {
    var answer =
        RawHttp.exchange(
            port(),
            "POST /api/v1/patients HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + Api.ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
            out -> {
              try {
                out.write("zz-not-a-size\r\n{}\r\n0\r\n\r\n".getBytes());
                out.flush();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void theRefusalSpeaksTheCallersLanguage() throws IOException {
    var answer =
        RawHttp.exchange(
            port(),
            "GET /api/v1/practice HTTP/1.1\r\nHost: localhost\r\nAccept-Language: it\r\nX-Padding: "
                + "x".repeat(20 * 1024),
            out -> {});

    assertUnreadable(answer);
    assertThat(problem(answer).path("title").asString()).isEqualTo("Richiesta illeggibile");
  }

  private void assertUnreadable(RawHttp.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = problem(answer);
    assertThat(problem.path("type").asString()).isEqualTo("/problems/unreadable-request");
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("title").isMissingNode()).isFalse();
    assertThat(problem.path("detail").isMissingNode()).isFalse();
  }

  private JsonNode problem(RawHttp.Answer answer) {
    return json.readTree(answer.body());
  }

  private int port() {
    return URI.create(api.baseUrl()).getPort();
  }
}
