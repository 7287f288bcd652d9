package org.accueil.patients.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import org.accueil.platform.ProblemException;
import org.apache.commons.csv.CSVException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Why a file cannot be imported at all, answered to its upload (400) before anything is stored.
 * Problems of single rows are not here: they are reported in the import's result.
 */
final class ImportProblems {

  private ImportProblems() {}

  static ProblemException empty() {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "import-empty")
        .detail(
            "The file holds no patient: a CSV file needs its header row and at least one row, a"
                + " FHIR file a Patient or a Bundle with Patient entries.")
        .build();
  }

  static ProblemException notPatients(String resourceType) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "import-not-patients")
        .detail(
            "The file is a FHIR {0}, not a Patient or a Bundle of them.",
            resourceType.isEmpty() ? "document without resourceType" : resourceType)
        .build();
  }

  static ProblemException bundleType(String type) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "import-bundle-type")
        .detail(
            "A Bundle of type \"{0}\" cannot be imported: send a collection, transaction, batch"
                + " or searchset.",
            type)
        .build();
  }

  /**
   * The file could not be read as its format says: a syntax error, or bytes that are not UTF-8.
   * Anything else (the body outgrowing its limit, the client going away) is not the file's fault
   * and goes on as it was thrown.
   *
   * @param line where reading was when it failed, if known
   */
  static RuntimeException unreadable(Throwable e, ImportFormat format, int line) {
    if (causeOf(e, CharacterCodingException.class) != null) {
      return ProblemException.of(HttpStatus.BAD_REQUEST, "import-not-utf8")
          .detail(
              "The file is not UTF-8 text: save it as UTF-8 (in Excel, \"CSV UTF-8\") and send it"
                  + " again.")
          .build();
    }
    StreamReadException json = causeOf(e, StreamReadException.class);
    if (json != null) {
      TokenStreamLocation at = json.getLocation();
      return ProblemException.of(HttpStatus.BAD_REQUEST, "import-malformed-json")
          .detail(
              "The file is not valid JSON at line {0}, column {1}.",
              String.valueOf(at == null ? line : at.getLineNr()),
              String.valueOf(at == null ? 0 : at.getColumnNr()))
          .build();
    }
    if (causeOf(e, CSVException.class) != null) {
      return ProblemException.of(HttpStatus.BAD_REQUEST, "import-malformed-csv")
          .detail(
              "The file is not valid CSV from line {0}: a quoted field is not closed, or its"
                  + " closing quote is followed by something other than a separator.",
              String.valueOf(line))
          .with("line", line)
          .build();
    }
    // A limit of the JSON reader (nesting too deep, a number too long): the file's fault too.
    if (format == ImportFormat.FHIR
        && causeOf(e, JacksonException.class) != null
        && causeOf(e, JacksonIOException.class) == null) {
      return ProblemException.of(HttpStatus.BAD_REQUEST, "import-malformed-json")
          .detail("The file is not valid JSON at line {0}, column {1}.", String.valueOf(line), "0")
          .build();
    }
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    return new UncheckedIOException(
        e instanceof IOException io ? io : new IOException(e.getMessage(), e));
  }

  static <T extends Throwable> @Nullable T causeOf(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
