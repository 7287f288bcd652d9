package org.accueil.patients.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Patient imports, as the API offers them: a file accepted (checked as a whole, stored sealed and
 * queued for its task), then where it stands and the rows it refused.
 */
@Service
public class PatientImports {

  /** Refused rows a report lists; the count says how many there are in all. */
  public static final int BAD_ROWS_SHOWN = 1000;

  private final ImportStore store;
  private final ImportQueue queue;
  private final JsonMapper json;
  private final TransactionTemplate transactions;
  private final Clock clock;

  PatientImports(
      ImportStore store,
      ImportQueue queue,
      JsonMapper json,
      PlatformTransactionManager transactionManager,
      Clock clock) {
    this.store = store;
    this.queue = queue;
    this.json = json;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /**
   * Reads the file to its end while storing it, and queues its import. A file that cannot be
   * imported at all (not UTF-8, not CSV or JSON, no header row, no patient) is refused with 400,
   * and nothing of it is stored: the file, the import and its task are written in one transaction.
   */
  public PatientImport start(
      ImportFormat format, boolean dryRun, OnError onError, InputStream body) {
    Actor uploader = Actor.current();
    return transactions.execute(
        status -> {
          UUID id = Ids.newId();
          Counted counted = new Counted(body);
          Reader text =
              new InputStreamReader(
                  counted,
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .onMalformedInput(CodingErrorAction.REPORT)
                      .onUnmappableCharacter(CodingErrorAction.REPORT));
          Writer file = SealedFile.writer(store, id);
          Reader read = new Copying(text, file);
          int rows;
          int ignored = 0;
          try {
            if (format == ImportFormat.CSV) {
              rows = CsvRows.count(read);
            } else {
              FhirRows.Count count = FhirRows.count(json, read);
              rows = count.patients();
              ignored = count.ignored();
            }
            char[] rest = new char[8192];
            while (read.read(rest) != -1) {
              // What the reader left unread (trailing blank lines) is part of the file.
            }
            file.close();
          } catch (ProblemException e) {
            throw e;
          } catch (IOException | RuntimeException e) {
            throw ImportProblems.unreadable(e, format, 0);
          }
          PatientImport accepted =
              new PatientImport(
                  id,
                  ImportStatus.QUEUED,
                  format,
                  dryRun,
                  onError,
                  counted.bytes,
                  rows,
                  ignored,
                  0,
                  Counts.NONE,
                  null,
                  uploader.reference(),
                  uploader.name(),
                  clock.instant(),
                  null,
                  null);
          store.insert(accepted);
          queue.enqueue(id);
          return accepted;
        });
  }

  public Optional<PatientImport> find(UUID id) {
    return store.find(id);
  }

  /** The latest imports, newest first. */
  public List<PatientImport> recent(int limit) {
    return store.recent(limit);
  }

  /** The first {@link #BAD_ROWS_SHOWN} rows the import refused, in file order. */
  public List<BadRow> badRows(UUID id) {
    return store.badRows(id, BAD_ROWS_SHOWN);
  }

  public int badRowCount(UUID id) {
    return store.badRowCount(id);
  }

  /** Counts the bytes of the upload. */
  private static final class Counted extends FilterInputStream {
    long bytes;

    Counted(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        bytes++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        bytes += n;
      }
      return n;
    }
  }

  /**
   * Hands the text to whoever reads it and to the stored file at once, without the byte order mark
   * Excel puts at the start of "CSV UTF-8".
   */
  private static final class Copying extends Reader {
    private final Reader in;
    private final Writer copy;
    private boolean started;

    Copying(Reader in, Writer copy) {
      this.in = in;
      this.copy = copy;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      int n;
      do {
        n = in.read(buffer, offset, length);
        if (n > 0 && !started) {
          started = true;
          if (buffer[offset] == '\uFEFF') {
            System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
            n--;
          }
        }
      } while (n == 0);
      if (n > 0) {
        copy.write(buffer, offset, n);
      }
      return n;
    }

    /** The request's stream is the server's to close; what is left of it is read after. */
    @Override
    public void close() {}
  }
}
