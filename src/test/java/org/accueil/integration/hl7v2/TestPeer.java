package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
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
 * on 127.0.0.1 that keeps what it receives and, like a careful receiver, applies a control id
 * (MSH-10) once. It can be stopped and started again on the same port, told how to answer, and told
 * to take its time before answering (the ACK of a message it has already applied then arrives late,
 * or never when the sender dies meanwhile).
 *
 * <p>{@link #get()} is the one every {@code @AccueilTest} context sends its bookings to; the crash
 * tests start peers of their own ({@link #startNew()}).
 */
public final class TestPeer {

  /** One message as received; the HAPI model is parsed again from the text when asked for. */
  public record Received(String controlId, String event, String placerId, String text) {

    Message message() throws HL7Exception {
      return PARSER.parse(text);
    }
  }

  private static final PipeParser PARSER =
      Hl7Contexts.newContext(
              Executors.newVirtualThreadPerTaskExecutor(),
              new Hl7Contexts.ConnectingSockets(Duration.ofSeconds(1)))
          .getPipeParser();

  private static TestPeer shared;

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private HapiContext context;
  private HL7Service server;
  private int port;
  private final List<Received> received = new ArrayList<>();
  private final Map<String, Received> applied = new LinkedHashMap<>();
  private volatile AcknowledgmentCode answer = AcknowledgmentCode.AA;
  private volatile ErrorCode error = ErrorCode.APPLICATION_INTERNAL_ERROR;
  private volatile Duration ackDelay = Duration.ZERO;
  private final java.util.concurrent.atomic.AtomicInteger awaitingAck =
      new java.util.concurrent.atomic.AtomicInteger();

  private TestPeer() {}

  /** The peer of the test JVM's application contexts, started on first use. */
  public static synchronized TestPeer get() {
    if (shared == null) {
      shared = startNew();
    }
    return shared;
  }

  /** A peer of the caller's own, on a free port; {@link #close()} it. */
  static TestPeer startNew() {
    TestPeer peer = new TestPeer();
    peer.start();
    return peer;
  }

  public int port() {
    return port;
  }

  public synchronized void start() {
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
  public synchronized void stop() throws IOException {
    server.stopAndWait();
    context.close();
  }

  /** Stopped for good, threads included. */
  void close() throws IOException {
    stop();
    executor.shutdownNow();
  }

  void answer(AcknowledgmentCode code, ErrorCode error) {
    this.answer = code;
    this.error = error;
  }

  /** How long the peer waits, after applying a message, before it answers. */
  void ackDelay(Duration delay) {
    this.ackDelay = delay;
  }

  void reset() {
    answer(AcknowledgmentCode.AA, ErrorCode.APPLICATION_INTERNAL_ERROR);
    ackDelay(Duration.ZERO);
    synchronized (received) {
      received.clear();
      applied.clear();
    }
  }

  /** Messages received and applied whose ACK has not been written yet (see {@link #ackDelay}). */
  int awaitingAck() {
    return awaitingAck.get();
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

  /** What was applied of one of our appointments (SCH-1) or responses (OBR-2), in order. */
  public List<Received> appliedOf(Object appointmentId) {
    String id = appointmentId.toString();
    return applied().stream().filter(r -> r.placerId().equals(id)).toList();
  }

  /** What was received about one of our appointments (SCH-1), repeats included. */
  public List<Received> receivedOf(Object appointmentId) {
    String id = appointmentId.toString();
    return received().stream().filter(r -> r.placerId().equals(id)).toList();
  }

  private final class Application implements ReceivingApplication<Message> {

    @Override
    public Message processMessage(Message message, Map<String, Object> metadata)
        throws HL7Exception {
      Terser terser = new Terser(message);
      // An SIU names our appointment in SCH-1, an ORU (a completed form) our response in OBR-2.
      String placer =
          "ORU".equals(terser.get("/MSH-9-1")) ? terser.get("/.OBR-2-1") : terser.get("/SCH-1-1");
      Received r =
          new Received(
              terser.get("/MSH-10"),
              terser.get("/MSH-9-2"),
              placer == null ? "" : placer,
              (String) metadata.get(ApplicationRouterImpl.RAW_MESSAGE_KEY));
      AcknowledgmentCode code = answer;
      synchronized (received) {
        received.add(r);
        if (code == AcknowledgmentCode.AA) {
          applied.putIfAbsent(r.controlId(), r);
        }
      }
      Duration delay = ackDelay;
      if (!delay.isZero()) {
        awaitingAck.incrementAndGet();
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          awaitingAck.decrementAndGet();
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

  /**
   * Points every {@code @AccueilTest} context's outbound HL7 v2 at {@link #get()}. Public for
   * {@code org.accueil.testing.TestConfiguration}.
   */
  public static class Settings {
    @Bean
    DynamicPropertyRegistrar hl7PeerSettings() {
      return registry -> {
        registry.add("accueil.integration.hl7v2.outbound.host", () -> "127.0.0.1");
        registry.add("accueil.integration.hl7v2.outbound.port", () -> get().port());
      };
    }
  }
}
