package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbound side, when {@code accueil.integration.hl7v2.inbound.port} is set: HAPI's MLLP server
 * ({@code HapiContext.newServer}) handing every message to {@link SiuReceiver}, and the {@link
 * InboxWorker} applying what was stored.
 *
 * <p>HAPI's server is enough for "ACK only after commit": it calls the receiving application
 * synchronously and writes the ACK it returns afterwards. Its two gaps are closed around it: it
 * binds every interface ({@link Hl7Contexts.ListeningSockets} binds the configured address) and
 * does not say which port 0 took (the same class does).
 */
@Component
class MllpListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

  private final Hl7v2Properties properties;
  private final Hl7Inbox inbox;
  private final SiuApplier applier;
  private final PracticeZones zones;
  private final PlatformTransactionManager transactions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  private @Nullable ExecutorService executor;
  private @Nullable HapiContext context;
  private @Nullable HL7Service server;
  private @Nullable InboxWorker worker;
  private volatile int port = -1;

  MllpListener(
      Hl7v2Properties properties,
      Hl7Inbox inbox,
      SiuApplier applier,
      PracticeZones zones,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.properties = properties;
    this.inbox = inbox;
    this.applier = applier;
    this.zones = zones;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    Hl7v2Properties.Inbound inbound = properties.inbound();
    if (!inbound.enabled()) {
      return;
    }
    try {
      executor =
          Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hl7v2-mllp-", 0).factory());
      var sockets = new Hl7Contexts.ListeningSockets(InetAddress.getByName(inbound.bindAddress()));
      context = Hl7Contexts.newContext(executor, sockets);
      worker =
          new InboxWorker(
              inbox, applier, context.getPipeParser(), transactions, events, clock, inbound);
      SiuReceiver receiver =
          new SiuReceiver(
              context.getPipeParser(),
              inbox,
              new TransactionTemplate(transactions),
              zones,
              clock,
              worker::wake);
      server = context.newServer(inbound.port(), false);
      server.registerApplication("*", "*", receiver);
      server.setExceptionHandler(receiver);
      server.startAndWait();
      port = sockets.port(Duration.ofSeconds(10));
      worker.start();
      log.info("HL7 v2 MLLP listener on {}:{}", inbound.bindAddress(), port);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      stop();
      throw new IllegalStateException(
          "The HL7 v2 listener could not start on "
              + inbound.bindAddress()
              + ":"
              + inbound.port()
              + " (accueil.integration.hl7v2.inbound)",
          e);
    }
  }

  @Override
  public synchronized void stop() {
    try {
      if (server != null) {
        server.stopAndWait();
      }
      if (worker != null) {
        worker.stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (context != null) {
        try {
          context.close();
        } catch (IOException e) {
          log.debug("Closing the HAPI context", e);
        }
      }
      if (executor != null) {
        executor.shutdownNow();
      }
      server = null;
      worker = null;
      context = null;
      executor = null;
      port = -1;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The port listened on; -1 when not listening. */
  int port() {
    return port;
  }

  /** Applies stored messages now, on the caller's thread (tests). */
  boolean applyNext() {
    InboxWorker current = worker;
    return current != null && current.applyNext();
  }
}
