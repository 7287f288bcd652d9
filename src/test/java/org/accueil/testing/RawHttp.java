package org.accueil.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * HTTP/1.1 over a plain socket, for what a polite client cannot send: a body far over the limit, in
 * full, while the server has already answered. The body is written on another thread and failures
 * to write it (the server closing the connection) are expected; the answer is read as it comes.
 */
public final class RawHttp {

  public record Answer(int status, Map<String, String> headers, String body, long bytesWritten) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  /**
   * @param head the request line and header fields, without the blank line
   * @param body writes the body to the stream it is given
   */
  public static Answer exchange(int port, String head, Consumer<OutputStream> body)
      throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      CountingStream counting = new CountingStream(out);
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try {
                  body.accept(counting);
                  counting.flush();
                } catch (RuntimeException e) {
                  // The server closed the connection: it stopped reading, as it should.
                }
              });
      Answer answer = read(socket.getInputStream(), counting);
      writing.cancel(true);
      return new Answer(answer.status(), answer.headers(), answer.body(), counting.count);
    }
  }

  private static Answer read(InputStream in, CountingStream counting) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; ) {
        body.write(in.readNBytes(size));
        line(in);
        size = Integer.parseInt(line(in).trim(), 16);
      }
    } else if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    }
    return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), counting.count);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("The connection closed in the middle of the answer: " + line);
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** Counts what was written, so a test can tell how much of the body went out. */
  static final class CountingStream extends OutputStream {
    private final OutputStream out;
    volatile long count;

    CountingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      try {
        out.write(bytes, offset, length);
        count += length;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
