package org.accueil.patients.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.accueil.patients.Identifier;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The columns of a patient CSV file, as the import reads them and the export writes them (the
 * export's file re-imports). Headers are matched ignoring case, spaces, dashes and underscores
 * ({@code Given name} is {@code givenName}); identifiers of other systems go in {@code
 * identifier:<system>} columns, the system as written ({@code identifier:urn:oid:1.2.3.4}). A cell
 * may hold several identifiers of its system separated by {@code |}, a character no identifier
 * value has.
 */
public final class CsvLayout {

  /** The fixed columns, in the order the export writes them. */
  public enum Column {
    ID("id"),
    GIVEN_NAME("givenName"),
    FAMILY_NAME("familyName"),
    BIRTH_FAMILY_NAME("birthFamilyName"),
    BIRTH_DATE("birthDate"),
    SEX("sex"),
    PHONE("phone"),
    EMAIL("email"),
    ADDRESS_LINE("addressLine"),
    POSTAL_CODE("postalCode"),
    CITY("city"),
    COUNTRY("country"),
    PREFERRED_LANGUAGE("preferredLanguage"),
    PREFERRED_CHANNEL("preferredChannel"),
    MRN("mrn"),
    INS("ins"),
    CODICE_FISCALE("codiceFiscale");

    public final String header;

    Column(String header) {
      this.header = header;
    }

    /** The identifier system this column holds, or null for a column of details. */
    public @Nullable String system() {
      return switch (this) {
        case MRN -> Identifier.MRN;
        case INS -> Identifier.INS;
        case CODICE_FISCALE -> Identifier.CODICE_FISCALE;
        default -> null;
      };
    }
  }

  static final String IDENTIFIER_PREFIX = "identifier:";

  /**
   * What a spreadsheet runs as a formula when a cell starts with it (OWASP, "CSV injection"): the
   * export writes such a cell with a quote before it, and the import reads it back without.
   */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  /** What every registration needs. */
  static final Set<Column> REQUIRED =
      EnumSet.of(Column.GIVEN_NAME, Column.FAMILY_NAME, Column.BIRTH_DATE);

  /** Identifiers cells separate several values with: no identifier value holds it. */
  public static final String VALUE_SEPARATOR = "|";

  private static final Pattern SYSTEM = Pattern.compile(Identifier.SYSTEM_PATTERN);

  /**
   * One column of a file.
   *
   * @param column one of ours, or null for {@code identifier:<system>}
   * @param system the identifier system the column holds, if it holds identifiers
   */
  public record Slot(String header, @Nullable Column column, @Nullable String system) {}

  private final List<Slot> slots;

  private CsvLayout(List<Slot> slots) {
    this.slots = List.copyOf(slots);
  }

  public List<Slot> slots() {
    return slots;
  }

  public List<String> headers() {
    return slots.stream().map(Slot::header).toList();
  }

  /**
   * The layout a file's header row declares.
   *
   * @throws ProblemException 400 naming unknown, repeated or missing columns
   */
  static CsvLayout of(List<String> header) {
    List<Slot> slots = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String raw : header) {
      String name = raw.strip();
      Slot slot = slot(name);
      if (slot == null) {
        unknown.add(name.isEmpty() ? "\"\"" : name);
        continue;
      }
      String key = slot.system() != null ? "system:" + slot.system() : slot.column().name();
      if (!seen.add(key)) {
        throw ProblemException.of(HttpStatus.BAD_REQUEST, "import-repeated-column")
            .detail("The column {0} appears twice in the header row: keep one.", name)
            .with("column", name)
            .build();
      }
      slots.add(slot);
    }
    if (!unknown.isEmpty()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "import-unknown-columns")
          .detail(
              "The header row names columns this import does not know: {0}. The columns are {1},"
                  + " and identifier:<system> for identifiers of other systems.",
              String.join(", ", unknown),
              Arrays.stream(Column.values()).map(c -> c.header).collect(Collectors.joining(", ")))
          .with("columns", unknown)
          .build();
    }
    Set<Column> present = EnumSet.noneOf(Column.class);
    slots.stream().filter(s -> s.column() != null).forEach(s -> present.add(s.column()));
    Set<String> missing = new TreeSet<>();
    REQUIRED.stream().filter(c -> !present.contains(c)).forEach(c -> missing.add(c.header));
    if (!missing.isEmpty()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "import-missing-columns")
          .detail(
              "The header row lacks {0}: every patient needs givenName, familyName and"
                  + " birthDate. Is the first row of the file the header?",
              String.join(", ", missing))
          .with("columns", List.copyOf(missing))
          .build();
    }
    return new CsvLayout(slots);
  }

  private static @Nullable Slot slot(String name) {
    if (name.toLowerCase(Locale.ROOT).startsWith(IDENTIFIER_PREFIX)) {
      String system = name.substring(IDENTIFIER_PREFIX.length()).strip();
      return SYSTEM.matcher(system).matches() ? new Slot(name, null, system) : null;
    }
    String key = key(name);
    for (Column column : Column.values()) {
      if (key(column.header).equals(key)) {
        return new Slot(column.header, column, column.system());
      }
    }
    return null;
  }

  private static String key(String header) {
    return header.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
  }

  /** Every fixed column, then one column per other identifier system, in the systems' order. */
  public static CsvLayout forExport(Collection<String> systems) {
    List<Slot> slots = new ArrayList<>();
    for (Column column : Column.values()) {
      slots.add(new Slot(column.header, column, column.system()));
    }
    Set<String> own = Set.of(Identifier.MRN, Identifier.INS, Identifier.CODICE_FISCALE);
    new TreeSet<>(systems)
        .stream()
            .filter(s -> !own.contains(s))
            .forEach(s -> slots.add(new Slot(IDENTIFIER_PREFIX + s, null, s)));
    return new CsvLayout(slots);
  }

  /** A value as the export writes it in a cell: never one a spreadsheet would run. */
  public static String guarded(String value) {
    return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }

  /** A cell's value as the import reads it: trimmed, unguarded, null when empty. */
  static @Nullable String unguarded(String cell) {
    String value = cell.strip();
    if (value.length() > 1
        && value.charAt(0) == '\''
        && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0) {
      value = value.substring(1);
    }
    return value.isEmpty() ? null : value;
  }
}
