package org.accueil.privacy;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.privacy.internal.ConsentRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each patient decided about being contacted, per channel and purpose. Every module that sends
 * a message asks {@link #permits} first, every time; a STOP keyword or an unsubscribe link calls
 * {@link #optOut}.
 *
 * <p>The latest record for (patient, channel, purpose) or (patient, {@code any}, purpose) decides;
 * without one, {@link ConsentPurpose#allowedByDefault()} holds. Nothing is cached: a decision
 * committed on one node is what every node answers from the next call on.
 */
@Service
public class Consents {

  private final ConsentRepository repository;
  private final Patients patients;
  private final Audit audit;
  private final Clock clock;

  Consents(ConsentRepository repository, Patients patients, Audit audit, Clock clock) {
    this.repository = repository;
    this.patients = patients;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Whether a message for {@code purpose} may be sent to the patient on {@code channel} now. One
   * indexed query.
   *
   * @param channel the channel the message goes out on, not {@link ConsentChannel#ANY}
   */
  public boolean permits(PatientId patient, ConsentChannel channel, ConsentPurpose purpose) {
    if (channel == ConsentChannel.ANY) {
      throw new IllegalArgumentException(
          "Ask about the channel the message goes out on; 'any' is only for recording decisions");
    }
    return repository
        .latestDecision(recordsOf(patient), channel, purpose)
        .orElse(purpose.allowedByDefault());
  }

  /** Records a decision; it applies from the moment the transaction commits. */
  @Transactional
  public ConsentRecord record(RecordConsent command) {
    if (patients.find(command.patient()).isEmpty()) {
      throw ProblemException.notFound("patient", command.patient());
    }
    if (command.granted() && patients.isErased(command.patient())) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "patient-erased")
          .messageCode("problem.patient-erased.consent")
          .detail(
              "The patient {0} was erased at their request; no consent can be given for them.",
              command.patient())
          .build();
    }
    ConsentRecord record = append(command);
    audit.success(
        "consent.record",
        "consent",
        record.id(),
        Map.of(
            "patient", record.patient(),
            "channel", record.channel().code(),
            "purpose", record.purpose().code(),
            "granted", record.granted()));
    return record;
  }

  /**
   * The patient withdraws: nothing more for {@code purpose} on {@code channel} ({@link
   * ConsentChannel#ANY} for every channel). Honoured by every node once this call returns.
   */
  @Transactional
  public ConsentRecord optOut(
      PatientId patient, ConsentChannel channel, ConsentPurpose purpose, ConsentSource source) {
    return record(new RecordConsent(patient, channel, purpose, false, source, null));
  }

  /**
   * Every record of the patient, in the order they were made, those made on records since merged
   * into theirs included: a merge moves no consent record (they are never rewritten), the person's
   * decisions are read from all of their records.
   */
  public List<ConsentRecord> history(PatientId patient) {
    return repository.history(recordsOf(patient));
  }

  public Optional<ConsentRecord> find(PatientId patient, UUID record) {
    return repository.find(recordsOf(patient), record);
  }

  private List<UUID> recordsOf(PatientId patient) {
    return patients.recordsOf(patient).stream().map(PatientId::value).toList();
  }

  /** What holds now for every concrete channel and purpose, and which record decided it. */
  public List<ConsentDecision> current(PatientId patient) {
    return current(history(patient));
  }

  /**
   * The same rule as {@link #permits}, over a history already read: for each channel and purpose,
   * the latest record on that channel or on {@code any}.
   */
  static List<ConsentDecision> current(List<ConsentRecord> history) {
    List<ConsentDecision> decisions = new ArrayList<>();
    for (ConsentChannel channel : ConsentChannel.CONCRETE) {
      for (ConsentPurpose purpose : ConsentPurpose.values()) {
        @Nullable ConsentRecord latest = null;
        for (ConsentRecord record : history) {
          if (record.purpose() == purpose
              && (record.channel() == channel || record.channel() == ConsentChannel.ANY)) {
            latest = record;
          }
        }
        decisions.add(
            new ConsentDecision(
                channel,
                purpose,
                latest == null ? purpose.allowedByDefault() : latest.granted(),
                latest));
      }
    }
    return decisions;
  }

  /** Appends a record without an audit row of its own, for callers that audit the whole act. */
  ConsentRecord append(RecordConsent command) {
    ConsentRecord record =
        new ConsentRecord(
            Ids.newId(),
            // A decision given under a merged record's id is the person's: their current record.
            patients.current(command.patient()).map(p -> p.id()).orElse(command.patient()),
            command.channel(),
            command.purpose(),
            command.granted(),
            command.source(),
            command.wording(),
            // Microseconds, as PostgreSQL keeps them: the answer and the history agree.
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            Actor.current().reference());
    repository.insert(record);
    return record;
  }

  /** For erasure: the texts of the wordings go; their language and hash stay as proof. */
  int forgetWordings(PatientId patient) {
    return repository.forgetWordings(recordsOf(patient));
  }
}
