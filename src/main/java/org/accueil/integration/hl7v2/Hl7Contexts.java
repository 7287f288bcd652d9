package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.StandardSocketFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** HAPI contexts as Accueil uses them: every 2.x message read into the v2.5.1 model, leniently. */
final class Hl7Contexts {

  private Hl7Contexts() {}

  /**
   * A context that parses any v2.x into v2.5.1 classes (so S13-S26 arrive as SIU_S12) without
   * HAPI's validation: senders' minor deviations (a long field, an odd code) must not cost a
   * booking; {@link SiuReader} checks what Accueil needs.
   */
  static HapiContext newContext(ExecutorService executor, StandardSocketFactory sockets) {
    DefaultHapiContext context = new DefaultHapiContext(executor);
    context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
    context.setValidationContext(ValidationContextFactory.noValidation());
    context.setSocketFactory(sockets);
    context.getParserConfiguration().setIdGenerator(new ControlIds.Generator());
    return context;
  }

  /**
   * Server sockets bound where the configuration says: HAPI's acceptor binds every interface on the
   * given port ({@code new InetSocketAddress(port)}); this binds the configured address instead,
   * and tells which port was taken when 0 asked for any.
   */
  static final class ListeningSockets extends StandardSocketFactory {

    private final InetAddress address;
    private final CountDownLatch bound = new CountDownLatch(1);
    private volatile @Nullable ServerSocket socket;

    ListeningSockets(InetAddress address) {
      this.address = address;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
      ServerSocket created =
          new ServerSocket() {
            @Override
            public void bind(@Nullable SocketAddress endpoint, int backlog) throws IOException {
              int port = endpoint instanceof InetSocketAddress a ? a.getPort() : 0;
              super.bind(new InetSocketAddress(address, port), backlog);
              bound.countDown();
            }
          };
      socket = created;
      return created;
    }

    /** The port listened on, once bound. */
    int port(Duration wait) throws InterruptedException {
      if (!bound.await(wait.toMillis(), TimeUnit.MILLISECONDS) || socket == null) {
        throw new IllegalStateException("The HL7 v2 listener did not bind within " + wait);
      }
      return socket.getLocalPort();
    }
  }

  /** Client sockets that give up connecting after a timeout (HAPI connects without one). */
  static final class ConnectingSockets extends StandardSocketFactory {

    private final int connectTimeoutMillis;

    ConnectingSockets(Duration connectTimeout) {
      this.connectTimeoutMillis = (int) connectTimeout.toMillis();
    }

    @Override
    public Socket createSocket() throws IOException {
      Socket socket =
          new Socket() {
            @Override
            public void connect(SocketAddress endpoint) throws IOException {
              super.connect(endpoint, connectTimeoutMillis);
            }
          };
      socket.setKeepAlive(true);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(getAcceptedSocketTimeout());
      return socket;
    }
  }
}
