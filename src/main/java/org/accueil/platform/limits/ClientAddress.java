package org.accueil.platform.limits;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * Who a request comes from, as rate limits count clients: the address the connection came from
 * ({@code getRemoteAddr()}, which is the client's own address only when {@code
 * server.forward-headers-strategy} trusts the reverse proxy in front).
 */
final class ClientAddress {

  private ClientAddress() {}

  /**
   * The client's IPv4 address, or the /64 network of its IPv6 address: one subscriber usually gets
   * a whole /64, so counting single IPv6 addresses would give one attacker 2^64 buckets.
   */
  static String of(HttpServletRequest request) {
    String address = request.getRemoteAddr();
    if (address == null || address.indexOf(':') < 0) {
      return address == null ? "unknown" : address;
    }
    try {
      // A literal address: getByName parses it without asking DNS.
      InetAddress parsed = InetAddress.getByName(address);
      if (parsed instanceof Inet6Address v6) {
        byte[] bytes = v6.getAddress();
        return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
      }
      return parsed.getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
