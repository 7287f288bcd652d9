package org.accueil.patients.imports;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.accueil.patients.matching.CodiceFiscale;

/** Patient files as practices send them, and identifiers whose keys check. */
final class PatientFiles {

  private PatientFiles() {}

  /** A CSV file: the rows joined by {@code separator}, CRLF, as Excel writes it, with a BOM. */
  static byte[] csv(char separator, List<String> header, List<List<String>> rows) {
    StringBuilder text = new StringBuilder("\uFEFF");
    text.append(line(separator, header));
    rows.forEach(row -> text.append(line(separator, row)));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String line(char separator, List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      if (i > 0) {
        line.append(separator);
      }
      boolean quoted = cell.indexOf(separator) >= 0 || cell.contains("\"") || cell.contains("\n");
      line.append(quoted ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
    }
    return line.append("\r\n").toString();
  }

  /** A French INS (NIR) for someone born in Paris, with its key. */
  static String ins(char sex, int year, int month) {
    String number =
        "%c%02d%02d75%03d%03d"
            .formatted(
                sex,
                year % 100,
                month,
                ThreadLocalRandom.current().nextInt(1, 1000),
                ThreadLocalRandom.current().nextInt(1, 1000));
    long key = 97 - Long.parseLong(number) % 97;
    return number + "%02d".formatted(key);
  }

  /** The same INS with its key wrong. */
  static String wrongKey(String ins) {
    int key = Integer.parseInt(ins.substring(13));
    return ins.substring(0, 13) + "%02d".formatted(key == 1 ? 2 : key - 1);
  }

  /** A codice fiscale of someone born 10 December 1985 in Rome, with its check letter. */
  static String codiceFiscale() {
    StringBuilder surname = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      surname.append((char) ('B' + ThreadLocalRandom.current().nextInt(24)));
    }
    String start = surname + "MRA85T10H501";
    for (char check = 'A'; check <= 'Z'; check++) {
      if (CodiceFiscale.isValid(start + check)) {
        return start + check;
      }
    }
    throw new IllegalStateException("No check letter found");
  }

  /** A French mobile number nobody else in the test has. */
  static String mobile() {
    // 06 10 to 06 19: mainland France (06 92 to 06 94 are Réunion and Mayotte).
    return "+3361" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
  }
}
