package org.accueil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark's HTTP client: the JDK's, over HTTP/1.1 keep-alive connections to the server on the
 * loopback, as an integrator's code would call Accueil. Its own threads, not the server's.
 */
final class HttpApi implements AutoCloseable {

  private final String base;
  private final String key;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final HttpClient http;

  HttpApi(int port, String key) {
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  HttpResponse<String> post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    request.header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(60));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    http.close();
    executor.shutdownNow();
  }
}
