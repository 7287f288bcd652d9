package org.accueil.patients;

import java.util.UUID;

/** A merge was undone: the duplicate is a record of its own again. */
public record PatientsUnmerged(UUID merge, PatientId survivor, PatientId duplicate) {}
