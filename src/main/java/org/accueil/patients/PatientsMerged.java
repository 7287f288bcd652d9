package org.accueil.patients;

import java.util.UUID;

/** A duplicate record was merged into the record that survives. */
public record PatientsMerged(UUID merge, PatientId survivor, PatientId duplicate) {}
