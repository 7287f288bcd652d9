package org.accueil.integration.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Which addresses webhooks may be sent to. A webhook URL is typed by an administrator (or an
 * integration key holding webhooks:manage), and Accueil then POSTs to it from inside the practice's
 * network: without a check, it would reach the database's admin port, a cloud metadata service
 * (169.254.169.254) or an intranet page (server-side request forgery). So: https only, no
 * credentials in the address, and no loopback, private or link-local address, both when the
 * endpoint is saved (a literal address) and before every attempt (what the name resolves to now).
 *
 * <p>What remains: a name that resolves to a public address when checked and to a private one a
 * moment later, when the HTTP client resolves it again (DNS rebinding). Where that matters, send
 * webhooks through an egress proxy that filters addresses (Standard Webhooks names smokescreen).
 */
final class EndpointAddresses {

  private final boolean allowLocalhost;
  private final boolean allowPrivateNetworks;

  EndpointAddresses(boolean allowLocalhost, boolean allowPrivateNetworks) {
    this.allowLocalhost = allowLocalhost;
    this.allowPrivateNetworks = allowPrivateNetworks;
  }

  /**
   * The address as it will be stored, or a 400 problem saying what is wrong with it.
   *
   * @throws ProblemException {@code /problems/invalid-webhook-url}
   */
  URI accepted(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw refused(
          "malformed",
          url,
          "{0} is not a web address; give one such as" + " https://hooks.example.org/accueil.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.isOpaque()
        || uri.getHost() == null
        || uri.getRawFragment() != null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw refused(
          "malformed",
          url,
          "{0} is not a web address; give one such as" + " https://hooks.example.org/accueil.");
    }
    if (uri.getRawUserInfo() != null) {
      throw refused(
          "credentials",
          url,
          "{0} holds a user name or password: put none in the"
              + " address, the signature of each message proves it comes from Accueil.");
    }
    String host = host(uri);
    boolean local = isLocalhostName(host);
    InetAddress literal = literal(host);
    if (literal != null && literal.isLoopbackAddress()) {
      local = true;
    }
    if (local) {
      if (!allowLocalhost) {
        throw refused(
            "private",
            url,
            "{0} is on this machine or a private network; webhooks are"
                + " only sent to public https addresses.");
      }
      return uri;
    }
    if (!scheme.equals("https")) {
      throw refused(
          "https",
          url,
          "{0} is not an https address; webhooks are only sent over"
              + " https, so that nobody on the way reads them.");
    }
    if (literal != null && refusal(literal) != null) {
      throw refused(
          "private",
          url,
          "{0} is on this machine or a private network; webhooks are"
              + " only sent to public https addresses.");
    }
    return uri;
  }

  /**
   * Why an attempt to {@code uri} must not be made now (its name resolves to an address refused, or
   * to none), or empty when it may.
   */
  Optional<String> refusalBeforeSending(URI uri) {
    String host = host(uri);
    if (isLocalhostName(host)) {
      return allowLocalhost
          ? Optional.empty()
          : Optional.of("the endpoint is on this machine (" + host + "); not sent");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("the name " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      String refused = refusal(address);
      if (refused != null) {
        return Optional.of(
            host + " resolves to " + address.getHostAddress() + ", " + refused + "; not sent");
      }
    }
    return Optional.empty();
  }

  /** Why an address is refused under the current settings, or null. */
  @Nullable String refusal(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return allowLocalhost ? null : "a loopback address";
    }
    if (address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isMulticastAddress()
        || reserved(address)) {
      return "a link-local, multicast or reserved address";
    }
    if (address.isSiteLocalAddress() || sharedOrUniqueLocal(address)) {
      return allowPrivateNetworks ? null : "a private network address";
    }
    return null;
  }

  /** 0/8, 192.0.0/24, 198.18/15 (benchmarks), 240/4 and the broadcast address. */
  private static boolean reserved(InetAddress address) {
    if (!(address instanceof Inet4Address)) {
      return false;
    }
    byte[] b = address.getAddress();
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first == 0
        || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
        || (first == 198 && (second == 18 || second == 19))
        || first >= 240;
  }

  /** Carrier-grade NAT (100.64/10) and IPv6 unique local addresses (fc00::/7). */
  private static boolean sharedOrUniqueLocal(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
    return address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
  }

  private static String host(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return "";
    }
    // java.net.URI keeps an IPv6 literal's brackets.
    host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return host.toLowerCase(Locale.ROOT);
  }

  private static boolean isLocalhostName(String host) {
    // RFC 6761: localhost and every name under it are this machine.
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    return name.equals("localhost") || name.endsWith(".localhost");
  }

  /** The address when {@code host} is written as one (no name lookup), else null. */
  private static @Nullable InetAddress literal(String host) {
    boolean ipv4 = host.matches("[0-9.]+");
    boolean ipv6 = host.contains(":");
    if (!ipv4 && !ipv6) {
      return null;
    }
    try {
      // A literal is parsed, never looked up.
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static ProblemException refused(String reason, String url, String english) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-webhook-url")
        .messageCode("problem.invalid-webhook-url." + reason)
        .detail(english, url)
        .with("field", "url")
        .with("reason", reason)
        .build();
  }
}
