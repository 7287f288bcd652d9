package org.accueil.patients.exports;

import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.accueil.patients.Identifier;
import org.accueil.patients.Patient;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.patients.imports.CsvLayout;
import org.accueil.patients.imports.CsvLayout.Column;
import org.accueil.patients.imports.CsvLayout.Slot;
import org.accueil.patients.internal.RegistryReader;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.Ids;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The whole live registry, written as it is read: every record that is a person now (not merged
 * away, not erased) with its identifiers. Nothing is built in memory, so 200,000 patients cost what
 * one does, and the first bytes leave at once. Each export is audited as {@code
 * patient.export.bulk} with its format and how many records it wrote, also when it breaks off.
 */
@Service
public class RegistryExport {

  public enum Format {
    /** A FHIR R4 Bundle of type collection, one Patient entry per record. */
    FHIR,
    /** The import's own columns, so the file re-imports. */
    CSV
  }

  private final RegistryReader registry;
  private final Audit audit;
  private final Clock clock;

  RegistryExport(RegistryReader registry, Audit audit, Clock clock) {
    this.registry = registry;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @return how many records were written
   */
  public int write(Format format, OutputStream out) {
    int[] written = {0};
    boolean complete = false;
    try {
      Writer writer =
          new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
      switch (format) {
        case CSV -> csv(writer, written);
        case FHIR -> fhir(writer, written);
      }
      writer.flush();
      complete = true;
      return written[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      audit.record(
          "patient.export.bulk",
          "patient",
          null,
          complete ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILED,
          Map.of("format", format.name().toLowerCase(Locale.ROOT), "count", written[0]));
    }
  }

  /**
   * UTF-8 with a byte order mark (without it, Excel reads the accents of "Hélène" wrong), commas,
   * CRLF (RFC 4180); a cell a spreadsheet would run as a formula starts with a quote.
   */
  private void csv(Writer writer, int[] written) throws IOException {
    CsvLayout layout = CsvLayout.forExport(registry.identifierSystems());
    writer.write('\uFEFF');
    CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
    printer.printRecord(layout.headers());
    List<String> row = new ArrayList<>(layout.slots().size());
    registry.forEachLive(
        (patient, identifiers) -> {
          row.clear();
          for (Slot slot : layout.slots()) {
            String value =
                slot.system() != null
                    ? identifiers(identifiers, slot.system())
                    : cell(patient, slot.column());
            row.add(value == null ? "" : CsvLayout.guarded(value));
          }
          try {
            printer.printRecord(row);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          written[0]++;
        });
    printer.flush();
  }

  private static @Nullable String identifiers(List<Identifier> identifiers, String system) {
    List<String> values =
        identifiers.stream().filter(i -> i.system().equals(system)).map(Identifier::value).toList();
    return values.isEmpty() ? null : String.join(CsvLayout.VALUE_SEPARATOR, values);
  }

  private static @Nullable String cell(Patient p, @Nullable Column column) {
    if (column == null) {
      return null;
    }
    Function<Patient, @Nullable Object> value =
        switch (column) {
          case ID -> x -> x.id().value();
          case GIVEN_NAME -> Patient::givenName;
          case FAMILY_NAME -> Patient::familyName;
          case BIRTH_FAMILY_NAME -> Patient::birthFamilyName;
          case BIRTH_DATE -> Patient::birthDate;
          case SEX -> x -> x.sex() == null ? null : x.sex().code();
          case PHONE -> Patient::phone;
          case EMAIL -> Patient::email;
          case ADDRESS_LINE -> x -> x.address() == null ? null : x.address().line();
          case POSTAL_CODE -> x -> x.address() == null ? null : x.address().postalCode();
          case CITY -> x -> x.address() == null ? null : x.address().city();
          case COUNTRY -> x -> x.address() == null ? null : x.address().country();
          case PREFERRED_LANGUAGE -> Patient::preferredLanguage;
          case PREFERRED_CHANNEL ->
              x -> x.preferredChannel() == null ? null : x.preferredChannel().code();
          case MRN, INS, CODICE_FISCALE -> x -> null;
        };
    Object found = value.apply(p);
    return found == null ? null : found.toString();
  }

  /**
   * A Bundle written by hand around resources HAPI FHIR encodes one at a time: HAPI would build the
   * whole Bundle in memory first. Each entry's fullUrl is the record's {@code urn:uuid:}.
   */
  private void fhir(Writer writer, int[] written) throws IOException {
    IParser parser = FhirPatients.context().newJsonParser();
    writer.write(
        "{\"resourceType\":\"Bundle\",\"id\":\""
            + Ids.newId()
            + "\",\"type\":\"collection\",\"timestamp\":\""
            + clock.instant().truncatedTo(ChronoUnit.MILLIS)
            + "\",\"entry\":[");
    registry.forEachLive(
        (patient, identifiers) -> {
          try {
            writer.write(written[0] == 0 ? "\n" : ",\n");
            writer.write("{\"fullUrl\":\"urn:uuid:" + patient.id().value() + "\",\"resource\":");
            writer.write(
                parser.encodeResourceToString(FhirPatients.resource(patient, identifiers)));
            writer.write('}');
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          written[0]++;
        });
    writer.write("\n]}\n");
  }
}
