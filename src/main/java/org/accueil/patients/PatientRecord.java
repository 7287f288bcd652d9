package org.accueil.patients;

import java.util.List;

/**
 * Everything the registry holds about one patient: the record, their other phone numbers and e-mail
 * addresses, identifiers, channel identities, who speaks for them and for whom they speak, and the
 * records merged into theirs.
 */
public record PatientRecord(
    Patient patient,
    List<ContactPoint> contacts,
    List<PatientIdentifier> identifiers,
    List<ChannelIdentity> channelIdentities,
    List<Relationship> guardians,
    List<Relationship> dependents,
    List<PatientId> mergedRecords) {

  public PatientRecord {
    contacts = List.copyOf(contacts);
    identifiers = List.copyOf(identifiers);
    channelIdentities = List.copyOf(channelIdentities);
    guardians = List.copyOf(guardians);
    dependents = List.copyOf(dependents);
    mergedRecords = List.copyOf(mergedRecords);
  }
}
