package org.accueil.patients.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.accueil.patients.Identifier;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PostalAddress;
import org.accueil.patients.Sex;
import org.accueil.patients.fhir.Countries;
import org.accueil.patients.fhir.FhirPatients.Unreadable;
import org.accueil.patients.imports.CsvLayout.Column;
import org.accueil.patients.imports.CsvLayout.Slot;
import org.accueil.platform.ProblemException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * The patients of a CSV file (RFC 4180: quoted fields, quotes doubled inside them, line breaks
 * inside quotes), one per record after the header row. The separator is the header row's: a comma,
 * a semicolon (what French and Italian Excel write) or a tab. Blank records are skipped, and do not
 * count as rows.
 */
final class CsvRows implements RowSource {

  private static final DateTimeFormatter DAY_MONTH_YEAR =
      DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

  private final CsvLayout layout;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final String defaultCountry;
  private final boolean mapping;
  private @Nullable ImportRow ahead;
  private int number;

  private CsvRows(Reader in, String defaultCountry, boolean mapping) {
    this.defaultCountry = defaultCountry;
    this.mapping = mapping;
    BufferedReader reader = new BufferedReader(in, 64 * 1024);
    try {
      String header = reader.readLine();
      if (header == null || header.isBlank()) {
        throw ImportProblems.empty();
      }
      CSVFormat format =
          CSVFormat.RFC4180
              .builder()
              .setDelimiter(delimiter(header))
              .setIgnoreEmptyLines(false)
              .get();
      List<String> names = new ArrayList<>();
      try (CSVParser headerParser = format.parse(new StringReader(header))) {
        headerParser.iterator().next().forEach(names::add);
      }
      this.layout = CsvLayout.of(names);
      this.parser = format.parse(reader);
      this.records = parser.iterator();
    } catch (IOException | UncheckedIOException e) {
      throw ImportProblems.unreadable(e, ImportFormat.CSV, 1);
    }
  }

  /** The file's rows, mapped to details; the file was checked at upload. */
  static CsvRows open(Reader in, String defaultCountry) {
    return new CsvRows(in, defaultCountry, true);
  }

  /**
   * Counts the file's rows, reading it to its end.
   *
   * @throws ProblemException 400 when the header or the file's syntax is wrong, or it holds no row
   */
  static int count(Reader in) {
    try (CsvRows rows = new CsvRows(in, "FR", false)) {
      int n = 0;
      while (rows.hasNext()) {
        rows.next();
        n++;
      }
      if (n == 0) {
        throw ImportProblems.empty();
      }
      return n;
    }
  }

  /** The separator the header row uses most, outside quotes; a comma when none. */
  static char delimiter(String header) {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (char c : header.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        switch (c) {
          case ',' -> commas++;
          case ';' -> semicolons++;
          case '\t' -> tabs++;
          default -> {}
        }
      }
    }
    if (semicolons > commas && semicolons >= tabs) {
      return ';';
    }
    return tabs > commas ? '\t' : ',';
  }

  @Override
  public boolean hasNext() {
    if (ahead == null) {
      ahead = advance();
    }
    return ahead != null;
  }

  @Override
  public ImportRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ImportRow row = ahead;
    ahead = null;
    return row;
  }

  private @Nullable ImportRow advance() {
    while (true) {
      // The lines read before the record are the lines before it (the header's is the first).
      long before = parser.getCurrentLineNumber();
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return null;
        }
        record = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        throw ImportProblems.unreadable(e, ImportFormat.CSV, (int) before + 2);
      }
      if (blank(record)) {
        continue;
      }
      number++;
      int line = (int) before + 2;
      return mapping ? row(record, line) : ImportRow.placeholder(number, line);
    }
  }

  private static boolean blank(CSVRecord record) {
    for (String value : record) {
      if (!value.isBlank()) {
        return false;
      }
    }
    return true;
  }

  private ImportRow row(CSVRecord record, int line) {
    List<Unreadable> unreadable = new ArrayList<>();
    Map<String, String> fields = new HashMap<>();
    Map<Column, String> values = new HashMap<>();
    List<Identifier> identifiers = new ArrayList<>();
    List<Slot> slots = layout.slots();
    if (record.size() > slots.size()) {
      unreadable.add(
          new Unreadable(
              ImportRow.WHOLE_ROW,
              "import.too-many-fields",
              "This row has {0} fields where the header row names fewer: a separator or quote"
                  + " too many?",
              String.valueOf(record.size())));
    }
    for (int i = 0; i < Math.min(record.size(), slots.size()); i++) {
      Slot slot = slots.get(i);
      String value = CsvLayout.unguarded(record.get(i));
      if (value == null) {
        continue;
      }
      if (slot.system() != null) {
        for (String part : value.split("\\" + CsvLayout.VALUE_SEPARATOR)) {
          if (!part.isBlank()) {
            fields.put("identifiers[" + identifiers.size() + "].value", slot.header());
            fields.put("identifiers[" + identifiers.size() + "].system", slot.header());
            identifiers.add(new Identifier(slot.system(), part.strip()));
          }
        }
      } else {
        values.put(slot.column(), value);
      }
    }
    for (Column column : Column.values()) {
      fields.putIfAbsent(path(column), column.header);
    }
    UUID recordId = parse(values, Column.ID, CsvRows::uuid, "import.unreadable-id", unreadable);
    LocalDate birthDate =
        parse(values, Column.BIRTH_DATE, CsvRows::date, "import.unreadable-date", unreadable);
    Sex sex = parse(values, Column.SEX, CsvRows::sex, "import.unknown-sex", unreadable);
    Channel channel =
        parse(
            values,
            Column.PREFERRED_CHANNEL,
            v -> Channel.ofCode(v.toLowerCase(Locale.ROOT)),
            "import.unknown-channel",
            unreadable);
    PatientDetails details =
        new PatientDetails(
            values.get(Column.GIVEN_NAME),
            values.get(Column.FAMILY_NAME),
            birthDate,
            values.get(Column.PHONE),
            values.get(Column.EMAIL),
            values.get(Column.BIRTH_FAMILY_NAME),
            sex,
            address(values, unreadable),
            lower(values.get(Column.PREFERRED_LANGUAGE)),
            channel,
            identifiers.isEmpty() ? null : identifiers);
    return new ImportRow(number, line, details, recordId, fields, unreadable);
  }

  private @Nullable PostalAddress address(Map<Column, String> values, List<Unreadable> unreadable) {
    String line = values.get(Column.ADDRESS_LINE);
    String postalCode = values.get(Column.POSTAL_CODE);
    String city = values.get(Column.CITY);
    String written = values.get(Column.COUNTRY);
    if (line == null && postalCode == null && city == null) {
      return null;
    }
    String country = defaultCountry;
    if (written != null) {
      Optional<String> code = Countries.code(written);
      if (code.isEmpty()) {
        unreadable.add(
            new Unreadable(
                Column.COUNTRY.header,
                "import.unknown-country",
                "\"{0}\" is not a country we recognise: write its ISO code, e.g. FR or IT.",
                written));
      }
      country = code.orElse(defaultCountry);
    }
    return new PostalAddress(line, postalCode, city, country);
  }

  private static <T> @Nullable T parse(
      Map<Column, String> values,
      Column column,
      java.util.function.Function<String, Optional<T>> reader,
      String code,
      List<Unreadable> unreadable) {
    String value = values.get(column);
    if (value == null) {
      return null;
    }
    Optional<T> read = reader.apply(value);
    if (read.isEmpty()) {
      unreadable.add(new Unreadable(column.header, code, ENGLISH.get(code), value));
    }
    return read.orElse(null);
  }

  private static final Map<String, String> ENGLISH =
      Map.of(
          "import.unreadable-id",
          "\"{0}\" is not a record id: the id column holds the ids Accueil's export writes.",
          "import.unreadable-date",
          "\"{0}\" is not a date: write it 1980-05-17 or 17/05/1980.",
          "import.unknown-sex",
          "\"{0}\" is not a sex: write female, male, other or unknown (or F, M).",
          "import.unknown-channel",
          "\"{0}\" is not a channel: write sms, whatsapp, email, phone or webchat.");

  private static String path(Column column) {
    return switch (column) {
      case ADDRESS_LINE -> "address.line";
      case POSTAL_CODE -> "address.postalCode";
      case CITY -> "address.city";
      case COUNTRY -> "address.country";
      default -> column.header;
    };
  }

  private static @Nullable String lower(@Nullable String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static Optional<UUID> uuid(String value) {
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Optional<LocalDate> date(String value) {
    try {
      return Optional.of(
          value.contains("/") ? LocalDate.parse(value, DAY_MONTH_YEAR) : LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Sex> sex(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "f" -> Optional.of(Sex.FEMALE);
      case "m" -> Optional.of(Sex.MALE);
      default -> Sex.ofCode(value.toLowerCase(Locale.ROOT));
    };
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
