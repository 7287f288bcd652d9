/**
 * The patient registry. For now the minimal record scheduling needs (names, birth date, phone in
 * E.164, email; phone and email stored sealed, found through blind indexes); the patients issue
 * adds identifiers, channel identities, matching and merge.
 */
@ApplicationModule(
    displayName = "Patients",
    allowedDependencies = {"platform", "platform :: crypto", "practice"})
@NullMarked
package org.accueil.patients;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
