/**
 * The whole live registry out, as a FHIR R4 Bundle or as CSV in the import's own columns, streamed
 * record by record. See docs/PATIENTS.md, "Import and export".
 */
@NullMarked
package org.accueil.patients.exports;

import org.jspecify.annotations.NullMarked;
