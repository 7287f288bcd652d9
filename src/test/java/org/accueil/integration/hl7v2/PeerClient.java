package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The peer's side of Accueil's listener: HAPI's MLLP client ({@code HapiContext.newClient}) for
 * messages HAPI can build, and a bare socket with MLLP framing for text it would refuse to send.
 */
final class PeerClient implements AutoCloseable {

  private final HapiContext context =
      Hl7Contexts.newContext(
          Executors.newCachedThreadPool(),
          new Hl7Contexts.ConnectingSockets(Duration.ofSeconds(2)));
  private final int port;

  PeerClient(int port) {
    this.port = port;
  }

  /** Sends with HAPI's client and returns the ACK. */
  Message send(PeerMessage message) throws Exception {
    return send(message.text());
  }

  Message send(String text) throws Exception {
    Message parsed = context.getPipeParser().parse(text);
    Connection connection = context.newClient("127.0.0.1", port, false);
    var initiator = connection.getInitiator();
    initiator.setTimeout(10, TimeUnit.SECONDS);
    return initiator.sendAndReceive(parsed);
  }

  static String ackCode(Message ack) throws Exception {
    return new Terser(ack).get("/MSA-1");
  }

  /** Frames {@code text} by hand (0x0B text 0x1C 0x0D) and returns the answer's text. */
  String sendRaw(String text) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(0x0B);
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.write(0x1C);
      out.write(0x0D);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      int b = in.read();
      if (b != 0x0B) {
        throw new IOException("No MLLP start byte: " + b);
      }
      while ((b = in.read()) != 0x1C) {
        if (b < 0) {
          throw new IOException("Connection closed before the end of the answer");
        }
        answer.write(b);
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Override
  public void close() throws IOException {
    context.getConnectionHub().discardAll();
    context.close();
  }
}
