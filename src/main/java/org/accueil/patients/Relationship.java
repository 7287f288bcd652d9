package org.accueil.patients;

/** A patient who books and speaks for another: a parent for a child, a carer. */
public record Relationship(PatientId guardian, PatientId dependent, RelationshipKind kind) {}
