package org.accueil.platform.limits;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies over {@code accueil.http.max-body-size} (256 KB) are refused with a 413 problem, whether
 * they announce their size or come chunked, and nothing of them is stored.
 */
@AccueilTest
class RequestSizeLimitTests {

  static final int TEN_MEGABYTES = 10 * 1024 * 1024;

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  final String tag = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aBodyAnnouncedAsTenMegabytesIsRefusedBeforeAByteOfItIsRead() throws IOException {
    // Nothing follows the header fields: a server that tried to read the body would wait.
    var answer =
        RawHttp.exchange(
            port(), head("Content-Length: " + TEN_MEGABYTES, "Accept-Language: fr"), out -> {});

    assertTooLarge(answer);
    assertThat(json.readTree(answer.body()).path("detail").asString()).contains("256 KB");
    assertThat(json.readTree(answer.body()).path("title").asString())
        .isEqualTo("Corps de requête trop volumineux");
  }

  @Test
  void aTenMegabyteBodySentInFullWithItsLengthIsRefusedAndNothingIsWritten() throws IOException {
    var answer =
        RawHttp.exchange(port(), head("Content-Length: " + TEN_MEGABYTES), this::tenMegabytes);

    assertTooLarge(answer);
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aTenMegabyteChunkedBodyIsCutOffAtTheLimitAndNothingIsWritten() throws IOException {
    var answer =
        RawHttp.exchange(
            port(),
            head("Transfer-Encoding: chunked"),
            out -> {
              var chunked = new ChunkedStream(out);
              tenMegabytes(chunked);
              chunked.finish();
            });

    assertTooLarge(answer);
    assertThat(answer.headers()).containsKey("content-type");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aBodyUnderTheLimitIsReadAndJudgedOnItsContent() {
    String longName = "a".repeat(200 * 1024);

    var refused = api.post("/api/v1/locations", location(longName));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.string("type")).isEqualTo("/problems/invalid-request");
  }

  @Test
  void headerFieldsOverTheirLimitAreAnUnreadableRequestProblem() {
    var refused = api.with("X-Padding", "x".repeat(20 * 1024)).get("/api/v1/practice");

    assertThatProblem(refused).is(400, "unreadable-request");
  }

  private void assertTooLarge(RawHttp.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = json.readTree(answer.body());
    assertThat(problem.path("type").asString()).isEqualTo("/problems/body-too-large");
    assertThat(problem.path("status").asInt()).isEqualTo(413);
    assertThat(problem.path("maxBodySize").asLong()).isEqualTo(256 * 1024);
    assertThat(locationsTagged()).isZero();
  }

  /** A location whose name is ten megabytes long: valid JSON if it were ever read whole. */
  private void tenMegabytes(OutputStream out) {
    byte[] start = ("{\"name\": \"Site " + tag + " ").getBytes(StandardCharsets.UTF_8);
    byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] filler = new byte[64 * 1024];
    Arrays.fill(filler, (byte) 'a');
    try {
      out.write(start);
      long left = TEN_MEGABYTES - start.length - end.length;
      while (left > 0) {
        int n = (int) Math.min(filler.length, left);
        out.write(filler, 0, n);
        left -= n;
      }
      out.write(end);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String head(String... fields) {
    return "POST /api/v1/locations HTTP/1.1\r\n"
        + "Host: localhost\r\n"
        + "Authorization: Bearer "
        + Api.ADMIN_KEY
        + "\r\n"
        + "Content-Type: application/json\r\n"
        + String.join("\r\n", fields);
  }

  private Object location(String name) {
    return java.util.Map.of(
        "name",
        name,
        "timeZone",
        "Europe/Paris",
        "address",
        java.util.Map.of("line", "1 rue", "postalCode", "75001", "city", "Paris", "country", "FR"));
  }

  private int port() {
    return URI.create(api.baseUrl()).getPort();
  }

  private int locationsTagged() {
    return jdbc.sql("SELECT count(*) FROM location WHERE name LIKE :tag")
        .param("tag", "%" + tag + "%")
        .query(Integer.class)
        .single();
  }

  /** HTTP/1.1 chunked transfer coding (RFC 9112 7.1) over {@code out}. */
  private static final class ChunkedStream extends OutputStream {
    private final OutputStream out;

    ChunkedStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return;
      }
      out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, offset, length);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    void finish() {
      try {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
