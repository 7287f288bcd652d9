package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.impl.ApplicationRouterImpl;
import ca.uhn.hl7v2.util.Terser;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The practice-management system of the tests: a HAPI MLLP server ({@code HapiContext.newServer})
 * on 127.0.0.1 that keeps what it receives and, like a careful receiver, applies a control id once.
 * It can be stopped and started again on the same port, and told how to answer.
 */
final class TestPeer {

  /** One message as received. */
  record Received(String controlId, String event, String text, Message message) {}

  private static TestPeer instance;

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private HapiContext context;
  private HL7Service server;
  private int port;
  private final List<Received> received = new ArrayList<>();
  private final Map<String, Received> applied = new LinkedHashMap<>();
  private volatile AcknowledgmentCode answer = AcknowledgmentCode.AA;
  private volatile ErrorCode error = ErrorCode.APPLICATION_INTERNAL_ERROR;

  static synchronized TestPeer get() {
    if (instance == null) {
      instance = new TestPeer();
      instance.start();
    }
    return instance;
  }

  int port() {
    return port;
  }

  synchronized void start() {
    var sockets = new Hl7Contexts.ListeningSockets(InetAddress.getLoopbackAddress());
    context = Hl7Contexts.newContext(executor, sockets);
    server = context.newServer(port, false);
    server.registerApplication("*", "*", new Application());
    try {
      server.startAndWait();
      port = sockets.port(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Down: connections are refused until {@link #start()}. */
  synchronized void stop() throws IOException {
    server.stopAndWait();
    context.close();
  }

  void answer(AcknowledgmentCode code, ErrorCode error) {
    this.answer = code;
    this.error = error;
  }

  void reset() {
    answer(AcknowledgmentCode.AA, ErrorCode.APPLICATION_INTERNAL_ERROR);
    synchronized (received) {
      received.clear();
      applied.clear();
    }
  }

  /** Every message received, repeats included. */
  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Each control id once, in the order first received: what a deduplicating peer applies. */
  List<Received> applied() {
    synchronized (received) {
      return List.copyOf(applied.values());
    }
  }

  private final class Application implements ReceivingApplication<Message> {

    @Override
    public Message processMessage(Message message, Map<String, Object> metadata)
        throws HL7Exception {
      Terser terser = new Terser(message);
      Received r =
          new Received(
              terser.get("/MSH-10"),
              terser.get("/MSH-9-2"),
              (String) metadata.get(ApplicationRouterImpl.RAW_MESSAGE_KEY),
              message);
      AcknowledgmentCode code = answer;
      synchronized (received) {
        received.add(r);
        if (code == AcknowledgmentCode.AA) {
          applied.putIfAbsent(r.controlId(), r);
        }
      }
      try {
        return code == AcknowledgmentCode.AA
            ? message.generateACK()
            : message.generateACK(code, new HL7Exception("Refused by the test peer", error));
      } catch (IOException e) {
        throw new HL7Exception(e);
      }
    }

    @Override
    public boolean canProcess(Message message) {
      return true;
    }
  }

  static class Settings {
    @Bean
    DynamicPropertyRegistrar hl7PeerSettings() {
      return registry -> {
        registry.add("accueil.integration.hl7v2.outbound.host", () -> "127.0.0.1");
        registry.add("accueil.integration.hl7v2.outbound.port", () -> get().port());
      };
    }
  }
}
