package org.accueil.privacy.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentDecision;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.ConsentRecord;
import org.accueil.privacy.ConsentSource;
import org.accueil.privacy.ConsentWording;
import org.accueil.privacy.Erasure;
import org.accueil.privacy.PersonalData;
import org.accueil.privacy.RequestedVia;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.PatientAppointment;
import org.accueil.scheduling.Source;
import org.jspecify.annotations.Nullable;

/** JSON shapes of the privacy API and of the patient's export. */
final class PrivacyViews {

  private PrivacyViews() {}

  /**
   * @param text {@code null} once the patient was erased; {@code sha256} still names the wording
   */
  record WordingView(@Nullable String text, String language, String sha256) {
    static @Nullable WordingView of(@Nullable ConsentWording wording) {
      return wording == null
          ? null
          : new WordingView(wording.text(), wording.language(), wording.sha256());
    }
  }

  record ConsentRecordView(
      UUID id,
      ConsentChannel channel,
      ConsentPurpose purpose,
      boolean granted,
      ConsentSource source,
      @Nullable WordingView wording,
      Instant recordedAt,
      String recordedBy) {
    static ConsentRecordView of(ConsentRecord r) {
      return new ConsentRecordView(
          r.id(),
          r.channel(),
          r.purpose(),
          r.granted(),
          r.source(),
          WordingView.of(r.wording()),
          r.recordedAt(),
          r.recordedBy());
    }
  }

  /**
   * @param basis {@code recorded} when a record decides, {@code default} when the purpose's default
   *     holds (appointment messages allowed; marketing and surveys not)
   * @param decidedOn the channel of the deciding record: this one, or {@code any}
   */
  record DecisionView(
      ConsentChannel channel,
      ConsentPurpose purpose,
      boolean permitted,
      String basis,
      @Nullable UUID recordId,
      @Nullable ConsentChannel decidedOn,
      @Nullable Instant decidedAt) {
    static DecisionView of(ConsentDecision d) {
      ConsentRecord by = d.decidedBy();
      return new DecisionView(
          d.channel(),
          d.purpose(),
          d.permitted(),
          by == null ? "default" : "recorded",
          by == null ? null : by.id(),
          by == null ? null : by.channel(),
          by == null ? null : by.recordedAt());
    }
  }

  /**
   * @param current every channel × purpose
   * @param history every record, oldest first
   */
  record ConsentsView(UUID patientId, List<DecisionView> current, List<ConsentRecordView> history) {
    static ConsentsView of(UUID patient, List<ConsentDecision> current, List<ConsentRecord> all) {
      return new ConsentsView(
          patient,
          current.stream().map(DecisionView::of).toList(),
          all.stream().map(ConsentRecordView::of).toList());
    }
  }

  record ErasureView(
      UUID patientId,
      Instant erasedAt,
      String erasedBy,
      String reason,
      RequestedVia requestedVia,
      List<UUID> cancelledAppointments) {
    static ErasureView of(Erasure e) {
      return new ErasureView(
          e.patient().value(),
          e.erasedAt(),
          e.erasedBy(),
          e.reason(),
          e.requestedVia(),
          e.cancelledAppointments().stream().map(AppointmentId::value).toList());
    }
  }

  /** The registry's record as the patient's export shows it: every detail held. */
  record PatientView(
      UUID id,
      String status,
      @Nullable String givenName,
      @Nullable String familyName,
      @Nullable String birthFamilyName,
      @Nullable LocalDate birthDate,
      @Nullable String sex,
      @Nullable String phone,
      @Nullable String email,
      org.accueil.patients.@Nullable PostalAddress address,
      @Nullable String preferredLanguage,
      @Nullable String preferredChannel,
      String origin) {
    static PatientView of(Patient p) {
      return new PatientView(
          p.id().value(),
          p.status().code(),
          p.givenName(),
          p.familyName(),
          p.birthFamilyName(),
          p.birthDate(),
          p.sex() == null ? null : p.sex().code(),
          p.phone(),
          p.email(),
          p.address(),
          p.preferredLanguage(),
          p.preferredChannel() == null ? null : p.preferredChannel().code(),
          p.origin().code());
    }
  }

  record IdentifierView(String system, String value, java.time.Instant recordedAt) {}

  record ChannelIdentityView(
      String channel,
      String address,
      String verification,
      java.time.Instant linkedAt,
      java.time.@Nullable Instant lastSeenAt) {}

  record RelationshipView(UUID guardianId, UUID dependentId, String relationship) {}

  record Named(UUID id, String name) {}

  record CancellationView(String reason, String by, OffsetDateTime at) {}

  /** Times in the location's zone, as the rest of the API shows them. */
  record AppointmentView(
      UUID id,
      AppointmentStatus status,
      OffsetDateTime start,
      OffsetDateTime end,
      String zone,
      Named appointmentType,
      Named provider,
      Named location,
      @Nullable UUID roomId,
      Source source,
      @Nullable Boolean newPatient,
      String createdBy,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      int version,
      @Nullable CancellationView cancellation) {
    static AppointmentView of(PatientAppointment a) {
      var zone = a.zone();
      var cancellation = a.cancellation();
      return new AppointmentView(
          a.id().value(),
          a.status(),
          a.start().atZone(zone).toOffsetDateTime(),
          a.end().atZone(zone).toOffsetDateTime(),
          zone.getId(),
          new Named(a.appointmentTypeId(), a.appointmentTypeName()),
          new Named(a.providerId(), a.providerName()),
          new Named(a.locationId(), a.locationName()),
          a.roomId(),
          a.source(),
          a.newPatient(),
          a.createdBy(),
          a.createdAt().atZone(zone).toOffsetDateTime(),
          a.updatedAt().atZone(zone).toOffsetDateTime(),
          a.version(),
          cancellation == null
              ? null
              : new CancellationView(
                  cancellation.reason(),
                  cancellation.by(),
                  cancellation.at().atZone(zone).toOffsetDateTime()));
    }
  }

  /**
   * The JSON export: the privacy module's sections first, then each contributor's under its name.
   */
  static Map<String, Object> export(PersonalData data) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("exportedAt", data.exportedAt());
    var record = data.record();
    document.put("patient", PatientView.of(data.patient()));
    document.put("contacts", record.contacts());
    document.put(
        "identifiers",
        record.identifiers().stream()
            .map(i -> new IdentifierView(i.system(), i.value(), i.createdAt()))
            .toList());
    document.put(
        "channelIdentities",
        record.channelIdentities().stream()
            .map(
                c ->
                    new ChannelIdentityView(
                        c.channel().code(),
                        c.address(),
                        c.verification().code(),
                        c.createdAt(),
                        c.lastSeenAt()))
            .toList());
    document.put(
        "guardians",
        record.guardians().stream()
            .map(
                r ->
                    new RelationshipView(
                        r.guardian().value(), r.dependent().value(), r.kind().code()))
            .toList());
    document.put(
        "dependents",
        record.dependents().stream()
            .map(
                r ->
                    new RelationshipView(
                        r.guardian().value(), r.dependent().value(), r.kind().code()))
            .toList());
    document.put("mergedRecords", data.mergedRecords().stream().map(PatientView::of).toList());
    document.put("appointments", data.appointments().stream().map(AppointmentView::of).toList());
    document.put(
        "consents",
        ConsentsView.of(data.patient().id().value(), data.currentConsents(), data.consents()));
    if (data.erasure() != null) {
      document.put("erasure", ErasureView.of(data.erasure()));
    }
    document.putAll(data.contributed());
    return document;
  }
}
