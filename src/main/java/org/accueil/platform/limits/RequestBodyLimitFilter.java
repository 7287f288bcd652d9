package org.accueil.platform.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.accueil.platform.LargeRequestBody;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over {@code accueil.http.max-body-size}: at once with 413 when {@code
 * Content-Length} announces one, before a byte of it is read; and when the body comes chunked, by
 * failing the read that crosses the limit, so no reader (Jackson, a webhook's signature check) ever
 * holds more than the limit in memory.
 *
 * <p>The calls declared as {@link LargeRequestBody} beans (a patient import's file) get their own
 * limit instead, on their exact method and path only.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

  private final long defaultLimit;
  private final List<LargeRequestBody> exceptions;
  private final FilterProblems problems;

  RequestBodyLimitFilter(
      DataSize limit, List<LargeRequestBody> exceptions, FilterProblems problems) {
    this.defaultLimit = limit.toBytes();
    this.exceptions = List.copyOf(exceptions);
    this.problems = problems;
  }

  /** The limit of this request: its declared exception's, else the default. */
  long limitOf(HttpServletRequest request) {
    // The raw path, as sent: an encoded or otherwise disguised path gets the default limit.
    String path = request.getRequestURI().substring(request.getContextPath().length());
    for (LargeRequestBody exception : exceptions) {
      if (exception.covers(request.getMethod(), path)) {
        return exception.maxSize().toBytes();
      }
    }
    return defaultLimit;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limitOf(request);
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      problems.write(response, tooLarge(request, problems, limit));
      return;
    }
    chain.doFilter(declared >= 0 ? request : new Capped(request, limit), response);
  }

  static org.springframework.http.ProblemDetail tooLarge(
      HttpServletRequest request, FilterProblems problems, long limit) {
    var problem =
        problems.problem(
            request,
            HttpStatus.CONTENT_TOO_LARGE,
            "body-too-large",
            "problem.body-too-large",
            "The request body is larger than the {0} this server accepts; send less at once.",
            RequestBodyTooLarge.readable(limit));
    problem.setProperty("maxBodySize", limit);
    return problem;
  }

  /** A request whose body stream fails once more than {@code limit} bytes have been read. */
  private static final class Capped extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Capped(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CappedStream(super.getInputStream(), limit);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class CappedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    CappedStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws RequestBodyTooLarge {
      read += n;
      if (read > limit) {
        throw new RequestBodyTooLarge(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
