package org.accueil.channels.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Calls Accueil's webhooks as Twilio does: a form POST to the public URL (here, straight to the
 * server), signed with the account's auth token over that URL and every parameter.
 */
public final class TwilioWebhookClient {

  public record Answer(int status, @Nullable String contentType, String body) {}

  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  TwilioWebhookClient(int port) {
    this.port = port;
  }

  /** A signed form POST. */
  public Answer post(String pathAndQuery, Map<String, String> params) {
    String url = TwilioTestConfiguration.PUBLIC_BASE_URL + pathAndQuery;
    return post(
        pathAndQuery,
        params,
        TwilioSignatures.sign(TwilioTestConfiguration.AUTH_TOKEN, url, multi(params)));
  }

  /** A form POST with the given signature header, or none when null. */
  public Answer post(String pathAndQuery, Map<String, String> params, @Nullable String signature) {
    String body =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .header("Accept", "*/*")
            .header("User-Agent", "TwilioProxy/1.1")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header(TwilioWebhooks.SIGNATURE, signature);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Parameters in the order written, for building a Twilio request. */
  /** Twilio's first webhook of an inbound call from {@code from} to the practice, a new CallSid. */
  public static Map<String, String> incomingCall(String from) {
    return params(
        "AccountSid",
        TwilioTestConfiguration.ACCOUNT_SID,
        "CallSid",
        "CA" + java.util.UUID.randomUUID().toString().replace("-", ""),
        "CallStatus",
        "ringing",
        "Direction",
        "inbound",
        "From",
        from,
        "Caller",
        from,
        "To",
        TwilioTestConfiguration.VOICE_NUMBER,
        "Called",
        TwilioTestConfiguration.VOICE_NUMBER);
  }

  public static Map<String, String> params(String... namesAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return params;
  }

  private static Map<String, List<String>> multi(Map<String, String> params) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    params.forEach((k, v) -> multi.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    return multi;
  }
}
