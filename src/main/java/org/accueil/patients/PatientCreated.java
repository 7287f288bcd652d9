package org.accueil.patients;

/**
 * A record was added to the registry (by staff, a booking, a conversation, an import): published in
 * the transaction that created it. A record found again by the matcher is not created.
 */
public record PatientCreated(PatientId patient, PatientStatus status, Origin origin) {}
