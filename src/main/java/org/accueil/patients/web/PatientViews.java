package org.accueil.patients.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.accueil.patients.ChannelIdentity;
import org.accueil.patients.ContactPoint;
import org.accueil.patients.Merge;
import org.accueil.patients.Origin;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientIdentifier;
import org.accueil.patients.PatientRecord;
import org.accueil.patients.PatientStatus;
import org.accueil.patients.PostalAddress;
import org.accueil.patients.Relationship;
import org.accueil.patients.RelationshipKind;
import org.accueil.patients.Sex;
import org.accueil.patients.Verification;
import org.jspecify.annotations.Nullable;

/** The JSON the patients API answers. */
final class PatientViews {

  private PatientViews() {}

  /** A record as lists show it. */
  record PatientView(
      UUID id,
      PatientStatus status,
      @Nullable String givenName,
      @Nullable String familyName,
      @Nullable String birthFamilyName,
      @Nullable LocalDate birthDate,
      @Nullable Sex sex,
      @Nullable String phone,
      @Nullable String email,
      @Nullable PostalAddress address,
      @Nullable String preferredLanguage,
      @Nullable Channel preferredChannel,
      Origin origin,
      @Nullable UUID mergedInto) {

    static PatientView of(Patient p) {
      return new PatientView(
          p.id().value(),
          p.status(),
          p.givenName(),
          p.familyName(),
          p.birthFamilyName(),
          p.birthDate(),
          p.sex(),
          p.phone(),
          p.email(),
          p.address(),
          p.preferredLanguage(),
          p.preferredChannel(),
          p.origin(),
          p.mergedInto() == null ? null : p.mergedInto().value());
    }
  }

  /** A record with everything the registry holds about the person: its fields, then its lists. */
  record PatientRecordView(
      @JsonUnwrapped PatientView patient,
      List<ContactPoint> contacts,
      List<IdentifierView> identifiers,
      List<ChannelIdentityView> channelIdentities,
      List<RelationshipView> guardians,
      List<RelationshipView> dependents,
      List<UUID> mergedRecords) {

    static PatientRecordView of(PatientRecord r) {
      return new PatientRecordView(
          PatientView.of(r.patient()),
          r.contacts(),
          r.identifiers().stream().map(IdentifierView::of).toList(),
          r.channelIdentities().stream().map(ChannelIdentityView::of).toList(),
          r.guardians().stream().map(RelationshipView::of).toList(),
          r.dependents().stream().map(RelationshipView::of).toList(),
          r.mergedRecords().stream().map(PatientId::value).toList());
    }

    UUID id() {
      return patient.id();
    }
  }

  record IdentifierView(UUID id, String system, String value, Instant createdAt) {
    static IdentifierView of(PatientIdentifier i) {
      return new IdentifierView(i.id(), i.system(), i.value(), i.createdAt());
    }
  }

  record ChannelIdentityView(
      UUID id,
      Channel channel,
      String address,
      Verification verification,
      @Nullable Instant verifiedAt,
      Instant createdAt,
      @Nullable Instant lastSeenAt) {
    static ChannelIdentityView of(ChannelIdentity c) {
      return new ChannelIdentityView(
          c.id(),
          c.channel(),
          c.address(),
          c.verification(),
          c.verifiedAt(),
          c.createdAt(),
          c.lastSeenAt());
    }
  }

  record RelationshipView(UUID guardianId, UUID dependentId, RelationshipKind relationship) {
    static RelationshipView of(Relationship r) {
      return new RelationshipView(r.guardian().value(), r.dependent().value(), r.kind());
    }
  }

  record MergeView(
      UUID id,
      UUID survivorId,
      UUID duplicateId,
      String reason,
      java.util.Map<String, Integer> moved,
      Instant mergedAt,
      String mergedBy,
      Instant unmergeableUntil,
      @Nullable Instant unmergedAt,
      @Nullable String unmergedBy,
      @Nullable String unmergeReason) {
    static MergeView of(Merge m) {
      java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
      m.moved().forEach((kind, ids) -> counts.put(kind, ids.size()));
      return new MergeView(
          m.id(),
          m.survivor().value(),
          m.duplicate().value(),
          m.reason(),
          counts,
          m.mergedAt(),
          m.mergedBy(),
          m.unmergeableUntil(),
          m.unmergedAt(),
          m.unmergedBy(),
          m.unmergeReason());
    }
  }

  /** Whose record some details may be: {@link MatchResult} with plain ids. */
  record MatchView(
      org.accueil.patients.matching.Band decision, List<MatchCandidateView> candidates) {
    static MatchView of(org.accueil.patients.MatchResult result) {
      return new MatchView(
          result.decision(),
          result.candidates().stream()
              .map(
                  c ->
                      new MatchCandidateView(
                          c.patientId().value(), c.score(), c.band(), c.fields(), c.notes()))
              .toList());
    }
  }

  record MatchCandidateView(
      UUID patientId,
      double score,
      org.accueil.patients.matching.Band band,
      List<org.accueil.patients.matching.FieldComparison> fields,
      List<org.accueil.patients.matching.Note> notes) {}
}
