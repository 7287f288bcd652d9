package org.accueil.patients.matching;

/**
 * One field's part in a comparison.
 *
 * @param weight its log-likelihood ratio in bits: log2(m/u), where m is the chance of this
 *     agreement between two records of one person and u between records of two people
 */
public record FieldComparison(Field field, Agreement agreement, double weight) {}
