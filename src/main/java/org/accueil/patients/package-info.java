/**
 * The patient registry: one record per person, found again on any channel, never merged by mistake.
 * Records (names, birth date, sex, phones and e-mails sealed behind blind indexes, a sealed
 * address, identifiers by system, guardian links), channel identities, the matcher (Fellegi–Sunter
 * weights over normalised, phonetic and typo-tolerant comparisons, with two thresholds), the
 * staff's review queue, merge and unmerge, search. See docs/PATIENTS.md.
 */
@ApplicationModule(
    displayName = "Patients",
    allowedDependencies = {"platform", "platform :: crypto", "practice"})
@NullMarked
package org.accueil.patients;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
