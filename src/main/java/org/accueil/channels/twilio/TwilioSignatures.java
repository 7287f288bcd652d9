package org.accueil.channels.twilio;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64(HMAC-SHA1(auth token, URL + each POST parameter's
 * name and value, sorted by name)). See https://www.twilio.com/docs/usage/security and
 * twilio-java's {@code RequestValidator}, whose test vectors the tests replay.
 */
public final class TwilioSignatures {

  private TwilioSignatures() {}

  /**
   * The signature of a form post. A name sent several times contributes each distinct value once,
   * in sorted order (twilio-php's behaviour, T7 of the reference).
   */
  public static String sign(
      String authToken, String url, Map<String, ? extends Collection<String>> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params)
        .forEach(
            (name, values) -> {
              for (String value : new TreeSet<>(values)) {
                data.append(name).append(value);
              }
            });
    return hmacSha1(authToken, data.toString());
  }

  /**
   * Whether {@code signature} signs the form post at {@code url}: as written, and with its port
   * removed or the scheme's default port added, since proxies and Twilio's own URL handling may add
   * or drop ":443" (vectors T2 to T4).
   */
  public static boolean validForm(
      String authToken,
      String url,
      Map<String, ? extends Collection<String>> params,
      @Nullable String signature) {
    if (signature == null || signature.isEmpty()) {
      return false;
    }
    for (String candidate : variants(url)) {
      if (matches(sign(authToken, candidate, params), signature)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code signature} signs a JSON post: Twilio signs the URL alone, which carries the
   * body's SHA-256 as {@code bodySHA256} (vectors T8, T9).
   */
  public static boolean validJson(
      String authToken, String url, byte[] body, @Nullable String signature) {
    String expectedHash = queryParameter(url, "bodySHA256");
    if (expectedHash == null || !matches(sha256Hex(body), expectedHash)) {
      return false;
    }
    return validForm(authToken, url, Map.of(), signature);
  }

  /** Lower-case hex SHA-256 of a body, as Twilio writes it in {@code bodySHA256}. */
  public static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The URL as given, then without its port, or with the scheme's default port. */
  static List<String> variants(String url) {
    List<String> variants = new ArrayList<>();
    variants.add(url);
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return variants;
    }
    String authority = uri.getRawAuthority();
    String scheme = uri.getScheme();
    if (authority == null || scheme == null) {
      return variants;
    }
    int hostStart = authority.lastIndexOf('@') + 1;
    int portColon = authority.lastIndexOf(':');
    boolean hasPort = portColon > hostStart && portColon > authority.lastIndexOf(']');
    String prefix = scheme + "://";
    if (!url.startsWith(prefix + authority)) {
      return variants;
    }
    String rest = url.substring(prefix.length() + authority.length());
    if (hasPort) {
      variants.add(prefix + authority.substring(0, portColon) + rest);
    } else {
      int port =
          switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
            case "https" -> 443;
            case "http" -> 80;
            default -> -1;
          };
      if (port > 0) {
        variants.add(prefix + authority + ":" + port + rest);
      }
    }
    return variants;
  }

  private static @Nullable String queryParameter(String url, String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return null;
    }
    int end = url.indexOf('#', query);
    String text = end < 0 ? url.substring(query + 1) : url.substring(query + 1, end);
    for (String pair : text.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (key.equals(name)) {
        return equals < 0 ? "" : pair.substring(equals + 1);
      }
    }
    return null;
  }

  private static boolean matches(String expected, String given) {
    // Constant time: a signature is not guessed byte by byte from response times.
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmacSha1(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
