package org.accueil.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a person's browser does with the web UI: keeps cookies, sends forms, follows redirects when
 * asked to (one hop at a time otherwise, so a test can look at each), and sends the CSRF token the
 * last page carried when {@link #submit} is used.
 */
public final class Browser {

  private static final Pattern CSRF =
      Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private @Nullable Page last;

  public Browser(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * A browser signed in through the sign-in form as a new staff member with {@code role}, created
   * through the users API with {@code admin}.
   */
  public static Browser signedIn(Api admin, String role) {
    String email = "staff-" + java.util.UUID.randomUUID() + "@clinic.example";
    var created =
        admin.post(
            "/api/v1/users",
            Map.of(
                "email",
                email,
                "displayName",
                "Staff " + role,
                "roles",
                java.util.List.of(role),
                "password",
                StaffSessions.PASSWORD));
    if (created.status() != 201) {
      throw new IllegalStateException("Could not create a staff user: " + created);
    }
    Browser browser = new Browser(admin.baseUrl());
    browser.get("/login");
    browser.submit("/login", Map.of("email", email, "password", StaffSessions.PASSWORD));
    return browser;
  }

  /** Sends {@code name: value} with every request from now on. */
  public Browser header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Page get(String pathOrUrl) {
    return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
  }

  /** GET, then every redirect until a page that is not one. */
  public Page open(String pathOrUrl) {
    return follow(get(pathOrUrl));
  }

  /** A form POST exactly as given: no CSRF token unless the fields hold one. */
  public Page post(String path, Map<String, String> fields) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
  }

  /** A form POST with the CSRF token of the last page shown. */
  public Page submit(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    String token = last == null ? null : last.csrf();
    if (token == null) {
      throw new IllegalStateException("The last page carried no CSRF token: " + last);
    }
    withToken.put("_csrf", token);
    return post(path, withToken);
  }

  public Page follow(Page page) {
    Page current = page;
    for (int hops = 0; current.isRedirect(); hops++) {
      if (hops == 10) {
        throw new IllegalStateException("Too many redirects: " + current);
      }
      current = get(current.uri().resolve(current.location()).toString());
    }
    return current;
  }

  public @Nullable String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Drops every cookie, as a browser does when its session cookie expires or is cleared. */
  public void forgetCookies() {
    cookies.getCookieStore().removeAll();
  }

  public @Nullable Page last() {
    return last;
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
  }

  private Page send(HttpRequest.Builder request) {
    headers.forEach(request::header);
    request.timeout(Duration.ofSeconds(60));
    HttpRequest built = request.build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      Page page =
          new Page(response.statusCode(), response.headers().map(), response.body(), built.uri());
      if (page.csrf() != null || !page.isRedirect()) {
        last = page;
      }
      return page;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public record Page(
      int status, Map<String, java.util.List<String>> headers, String body, URI uri) {

    public @Nullable String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    public java.util.List<String> all(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .toList();
    }

    public boolean isRedirect() {
      return status >= 300 && status < 400 && header("Location") != null;
    }

    public String location() {
      String location = header("Location");
      if (location == null) {
        throw new IllegalStateException("Not a redirect: " + this);
      }
      return location;
    }

    /** The path (and query) the redirect points to, on whichever host. */
    public String redirectPath() {
      URI target = uri.resolve(location());
      return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    public @Nullable String csrf() {
      Matcher matcher = CSRF.matcher(body);
      return matcher.find() ? matcher.group(1) : null;
    }

    @Override
    public String toString() {
      return status + " " + uri + " " + headers + "\n" + body;
    }
  }
}
