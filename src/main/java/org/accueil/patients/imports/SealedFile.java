package org.accueil.patients.imports;

import java.io.Reader;
import java.io.Writer;
import java.util.UUID;

/**
 * An import's file as the database keeps it: text in pieces of {@value #PIECE} characters, each
 * sealed on its own, so that neither writing nor reading it ever holds more than a piece (and the
 * resealing after a key rotation, which reads 500 rows at a time, holds 500 pieces, not 500 files).
 */
final class SealedFile {

  static final int PIECE = 64 * 1024;

  private SealedFile() {}

  /** Writes the file's text as it comes; {@link Writer#close} stores the last piece. */
  static Writer writer(ImportStore store, UUID id) {
    return new Writer() {
      private final StringBuilder piece = new StringBuilder(PIECE);
      private int seq;

      @Override
      public void write(char[] text, int offset, int length) {
        while (length > 0) {
          int n = Math.min(length, PIECE - piece.length());
          piece.append(text, offset, n);
          offset += n;
          length -= n;
          if (piece.length() == PIECE) {
            flush();
          }
        }
      }

      @Override
      public void flush() {
        if (!piece.isEmpty()) {
          store.addChunk(id, seq++, piece.toString());
          piece.setLength(0);
        }
      }

      @Override
      public void close() {
        flush();
      }
    };
  }

  /** Reads the file's text back, a piece at a time. */
  static Reader reader(ImportStore store, UUID id) {
    return new Reader() {
      private String piece = "";
      private int position;
      private int seq;
      private boolean ended;

      @Override
      public int read(char[] buffer, int offset, int length) {
        if (length == 0) {
          return 0;
        }
        while (position == piece.length()) {
          if (ended) {
            return -1;
          }
          var next = store.chunk(id, seq++);
          if (next.isEmpty()) {
            ended = true;
            return -1;
          }
          piece = next.get();
          position = 0;
        }
        int n = Math.min(length, piece.length() - position);
        piece.getChars(position, position + n, buffer, offset);
        position += n;
        return n;
      }

      @Override
      public void close() {
        ended = true;
      }
    };
  }
}
