package org.accueil.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the running application: what an integrator's code does. */
public final class Api {

  public static final String ADMIN_KEY = "test-admin-key-0123456789";

  private final String base;
  private final JsonMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> headers = new LinkedHashMap<>();

  Api(String base, JsonMapper json) {
    this.base = base;
    this.json = json;
    headers.put("Authorization", "Bearer " + ADMIN_KEY);
  }

  private Api(String base, JsonMapper json, Map<String, String> headers) {
    this.base = base;
    this.json = json;
    this.headers.putAll(headers);
  }

  /** A client for an application started by the test itself, with the test admin key. */
  public static Api at(String base) {
    return new Api(base, JsonMapper.builder().build());
  }

  /** The same client talking to another node. */
  public Api withBaseUrl(String base) {
    return new Api(base, json, headers);
  }

  /** The same client sending {@code name: value} too ({@code null} removes the header). */
  public Api with(String name, @Nullable String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return new Api(base, json, copy);
  }

  /**
   * The same client with a new integration API key holding exactly {@code scopes}, created by this
   * client (an administrator's) through {@code POST /api/v1/api-keys}.
   */
  public Api withNewKey(String name, java.util.List<String> scopes) {
    Response created =
        post(
            "/api/v1/api-keys",
            Map.of("name", name, "roles", java.util.List.of("INTEGRATION"), "scopes", scopes));
    if (created.status() != 201) {
      throw new IllegalStateException("Could not create the key " + name + ": " + created);
    }
    return with("Authorization", "Bearer " + created.string("secret"));
  }

  public Api anonymous() {
    return with("Authorization", null);
  }

  public String baseUrl() {
    return base;
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  public Response post(String path, Object body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text(body))));
  }

  public Response put(String path, Object body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(text(body))));
  }

  /** A body that is not JSON (a file), as it is, under {@code contentType} (null sends none). */
  public Response post(String path, @Nullable String contentType, byte[] body) {
    var request =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  /** Any method; {@code body} null sends none. */
  public Response request(String method, String path, @Nullable Object body) {
    var request = HttpRequest.newBuilder(uri(path));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(text(body)));
    }
    return send(request);
  }

  private String text(Object body) {
    return body instanceof String s ? s : json.writeValueAsString(body);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private Response send(HttpRequest.Builder request) {
    headers.forEach(request::header);
    request.timeout(Duration.ofSeconds(60));
    try {
      HttpResponse<String> response = http.send(request.build(), TextUnlessStream.INSTANCE);
      String body = response.body();
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode node =
          body == null || body.isBlank() || !type.contains("json")
              ? json.nullNode()
              : json.readTree(body);
      return new Response(response.statusCode(), response.headers().map(), node, body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Response(
      int status, Map<String, java.util.List<String>> headers, JsonNode body, String text) {

    public @Nullable String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    public String string(String field) {
      return body.get(field).asString();
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }
}
