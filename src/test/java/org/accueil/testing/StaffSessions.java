package org.accueil.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Staff members signed in as a browser signs in: a user created through the API, the sign-in form
 * fetched for its CSRF token, posted, and the session cookie kept. The returned {@link Api} calls
 * the API with that cookie and the session's CSRF token, and no API key.
 */
public final class StaffSessions {

  public static final String PASSWORD = "staff test password 1";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final Api admin;

  StaffSessions(Api admin) {
    this.admin = admin;
  }

  /** A new user with {@code roles} (and a provider link), signed in. */
  public Api signIn(List<String> roles, @Nullable UUID provider) {
    String email = "staff-" + UUID.randomUUID() + "@clinic.example";
    Map<String, Object> user = new HashMap<>();
    user.put("email", email);
    user.put("displayName", "Staff " + String.join(" ", roles));
    user.put("roles", roles);
    user.put("password", PASSWORD);
    if (provider != null) {
      user.put("providerId", provider.toString());
    }
    var created = admin.post("/api/v1/users", user);
    if (created.status() != 201) {
      throw new IllegalStateException("Could not create a staff user: " + created);
    }
    return signIn(email, PASSWORD);
  }

  public Api signIn(String email, String password) {
    var cookies = new CookieManager();
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String base = admin.baseUrl();
    try {
      String form =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher token = CSRF.matcher(form);
      if (!token.find()) {
        throw new IllegalStateException("No CSRF token on the sign-in page");
      }
      String body =
          "email=%s&password=%s&_csrf=%s"
              .formatted(encode(email), encode(password), encode(token.group(1)));
      var posted =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String landing = posted.headers().firstValue("Location").orElse("");
      if (posted.statusCode() != 302 || landing.contains("error")) {
        throw new IllegalStateException("Sign-in refused: " + posted.statusCode() + " " + landing);
      }
      String cookie =
          String.join(
              "; ",
              cookies.getCookieStore().get(URI.create(base)).stream()
                  .map(c -> c.getName() + "=" + c.getValue())
                  .toList());
      Api session = admin.with("Authorization", null).with("Cookie", cookie);
      var me = session.get("/api/v1/me");
      if (me.status() != 200) {
        throw new IllegalStateException("The session does not reach the API: " + me);
      }
      return session.with(me.string("csrfHeader"), me.string("csrfToken"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
