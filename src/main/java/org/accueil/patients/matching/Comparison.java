package org.accueil.patients.matching;

import java.util.List;

/**
 * Two records compared: the sum of the fields' weights, what it concludes, and why.
 *
 * @param score in bits: how much likelier the fields' agreement is between records of one person
 *     than between records of two people (log2 of the likelihood ratio)
 */
public record Comparison(double score, Band band, List<FieldComparison> fields, List<Note> notes) {

  public Comparison {
    fields = List.copyOf(fields);
    notes = List.copyOf(notes);
  }

  public Agreement agreementOf(Field field) {
    return fields.stream()
        .filter(f -> f.field() == field)
        .map(FieldComparison::agreement)
        .findFirst()
        .orElse(Agreement.MISSING);
  }
}
