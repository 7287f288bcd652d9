package org.accueil.platform.limits;

import java.io.IOException;

/**
 * A body sent without a {@code Content-Length} (chunked) grew past {@code
 * accueil.http.max-body-size} while it was read. An {@link IOException}, as a stream's failure is;
 * whoever reads the body sees it, and the problem handling answers 413.
 */
public final class RequestBodyTooLarge extends IOException {

  private final long limit;

  RequestBodyTooLarge(long limit) {
    super("The request body is larger than " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }

  /** The limit as an administrator configured it: "256 KB", "1 MB". */
  public String readableLimit() {
    return readable(limit);
  }

  static String readable(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KB";
    }
    return bytes + " bytes";
  }
}
