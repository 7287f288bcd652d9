package org.accueil.channels.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP hop between Accueil and the test mail server that a test can cut, as a network outage or a
 * mail server that is down would, and restore on the same port.
 */
final class Relay {

  private final int port;
  private final int target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  Relay(int target) {
    this.target = target;
    this.port = freePort();
    restore();
  }

  int port() {
    return port;
  }

  /** Refuses new connections and drops the open ones. */
  synchronized void cut() {
    close(server);
    sockets.forEach(Relay::close);
    sockets.clear();
  }

  synchronized void restore() {
    if (server != null && !server.isClosed()) {
      return;
    }
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server = s;
      Thread.ofVirtual().name("relay-" + port).start(() -> accept(s));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket upstream;
        synchronized (this) {
          // Accepted just before cut() closed the server: that connection is cut too (it once
          // slipped through, and a mailbox "down" was read).
          if (s.isClosed()) {
            close(client);
            continue;
          }
          upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          sockets.add(client);
          sockets.add(upstream);
        }
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException e) {
        // cut(): the server socket closed.
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // One side went away.
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(java.io.Closeable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
