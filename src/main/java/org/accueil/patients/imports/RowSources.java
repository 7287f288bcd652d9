package org.accueil.patients.imports;

import java.io.Reader;
import org.accueil.patients.internal.Normaliser;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Opens the rows of a stored import's file, as its format reads them. */
@Component
class RowSources {

  private final ImportStore store;
  private final JsonMapper json;
  private final Normaliser normaliser;

  RowSources(ImportStore store, JsonMapper json, Normaliser normaliser) {
    this.store = store;
    this.json = json;
    this.normaliser = normaliser;
  }

  RowSource open(PatientImport patientImport) {
    Reader file = SealedFile.reader(store, patientImport.id());
    // An address that names no country is in the practice's.
    String country = normaliser.defaultRegion();
    return switch (patientImport.format()) {
      case CSV -> CsvRows.open(file, country);
      case FHIR -> FhirRows.open(json, file, country);
    };
  }
}
