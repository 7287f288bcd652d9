/**
 * Moving a practice's patients in: a file (CSV, or FHIR R4 JSON) checked row by row with the rules
 * of a registration, matched against the registry and against its own earlier rows, then registered
 * in batches by a durable db-scheduler task, or only reported on (a dry run). See docs/PATIENTS.md,
 * "Import and export".
 */
@NullMarked
package org.accueil.patients.imports;

import org.jspecify.annotations.NullMarked;
