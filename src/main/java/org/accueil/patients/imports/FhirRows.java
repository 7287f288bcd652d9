package org.accueil.patients.imports;

import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.patients.fhir.FhirPatients.Unreadable;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The patients of a FHIR R4 JSON file: a {@code Patient}, or the {@code Patient} entries of a
 * {@code Bundle} (collection, transaction, batch or searchset; other entries are counted and left
 * alone). The file is read as a stream, an entry at a time, so a Bundle of 50,000 patients never
 * sits in memory; each entry's resource is parsed by HAPI FHIR's JSON parser and mapped by {@link
 * FhirPatients}.
 */
final class FhirRows implements RowSource {

  static final Set<String> BUNDLE_TYPES = Set.of("collection", "transaction", "batch", "searchset");

  /** A patient found in the file, and the line its entry starts on. */
  private record Found(ObjectNode resource, int line) {}

  // A member's value in the midst of the document: what follows it is the rest of the document.
  private final ObjectReader member;
  private final JsonParser parser;
  private final @Nullable IParser hapi;
  private final String defaultCountry;
  private final ObjectNode root;
  private boolean started;
  private boolean inEntries;
  private boolean ended;
  private @Nullable Found ahead;
  private int number;
  private int ignored;

  private FhirRows(JsonMapper json, Reader in, @Nullable IParser hapi, String defaultCountry) {
    this.member =
        json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.parser = json.createParser(in);
    this.hapi = hapi;
    this.defaultCountry = defaultCountry;
    this.root = json.createObjectNode();
  }

  /** The file's patients, mapped to details; the file was checked at upload. */
  static FhirRows open(JsonMapper json, Reader in, String defaultCountry) {
    // HAPI's lenient handler logs the values it refuses; it must not log patient data.
    IParser hapi =
        FhirPatients.context()
            .newJsonParser()
            .setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
    return new FhirRows(json, in, hapi, defaultCountry);
  }

  /** What counting a file found. */
  record Count(int patients, int ignored) {}

  /**
   * Counts the file's patients, reading it to its end.
   *
   * @throws ProblemException 400 when the file is not JSON, not a Patient or an importable Bundle,
   *     or holds no patient
   */
  static Count count(JsonMapper json, Reader in) {
    try (FhirRows rows = new FhirRows(json, in, null, "FR")) {
      int n = 0;
      while (rows.hasNext()) {
        rows.next();
        n++;
      }
      if (rows.parser.nextToken() != null) {
        throw ImportProblems.unreadable(
            new tools.jackson.core.exc.StreamReadException(
                rows.parser, "Content after the end of the document"),
            ImportFormat.FHIR,
            0);
      }
      String type = rows.root.path("resourceType").asString("");
      if (type.equals("Bundle")) {
        String bundleType = rows.root.path("type").asString("");
        if (!BUNDLE_TYPES.contains(bundleType)) {
          throw ImportProblems.bundleType(bundleType);
        }
      } else if (!type.equals("Patient")) {
        throw ImportProblems.notPatients(type);
      }
      if (n == 0) {
        throw ImportProblems.empty();
      }
      return new Count(n, rows.ignored);
    } catch (RuntimeException e) {
      if (e instanceof ProblemException) {
        throw e;
      }
      throw ImportProblems.unreadable(e, ImportFormat.FHIR, 0);
    }
  }

  @Override
  public boolean hasNext() {
    if (ahead == null && !ended) {
      ahead = advance();
    }
    return ahead != null;
  }

  @Override
  public ImportRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Found found = ahead;
    ahead = null;
    number++;
    return hapi == null ? ImportRow.placeholder(number, found.line()) : row(found);
  }

  /**
   * The next patient: the next Patient entry of the Bundle, or, at the end of a document that is a
   * Patient, the document. The root's other members are kept, whatever their order: a Bundle may
   * say its type after its entries, a Patient its resourceType last.
   */
  private @Nullable Found advance() {
    if (!started) {
      started = true;
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw ImportProblems.empty();
      }
      if (first != JsonToken.START_OBJECT) {
        throw ImportProblems.notPatients("");
      }
    }
    while (true) {
      if (inEntries) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
          inEntries = false;
          continue;
        }
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode entry = member.readValue(parser);
        JsonNode resource = entry.path("resource");
        if (resource instanceof ObjectNode patient
            && resource.path("resourceType").asString("").equals("Patient")) {
          return new Found(patient, line);
        }
        ignored++;
        continue;
      }
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_OBJECT || token == null) {
        ended = true;
        return root.path("resourceType").asString("").equals("Patient") ? new Found(root, 1) : null;
      }
      String name = parser.currentName();
      token = parser.nextToken();
      if (name.equals("entry")
          && token == JsonToken.START_ARRAY
          && !root.path("resourceType").asString("").equals("Patient")) {
        inEntries = true;
        continue;
      }
      root.set(name, member.<JsonNode>readValue(parser));
    }
  }

  private ImportRow row(Found found) {
    org.hl7.fhir.r4.model.Patient patient;
    try {
      patient =
          hapi.parseResource(org.hl7.fhir.r4.model.Patient.class, found.resource().toString());
    } catch (RuntimeException e) {
      return new ImportRow(
          number,
          found.line(),
          ImportRow.nothing(),
          null,
          Map.of(),
          List.of(
              new Unreadable(
                  ImportRow.WHOLE_ROW,
                  "import.unreadable-patient",
                  "This entry is not a FHIR R4 Patient that can be read: {0}",
                  String.valueOf(e.getMessage()))));
    }
    FhirPatients.Mapped mapped = FhirPatients.details(patient, defaultCountry);
    return new ImportRow(
        number,
        found.line(),
        mapped.details(),
        mapped.recordId(),
        mapped.fields(),
        mapped.unreadable());
  }

  @Override
  public void close() {
    parser.close();
  }
}
