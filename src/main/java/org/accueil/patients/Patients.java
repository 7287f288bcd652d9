package org.accueil.patients;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.internal.PatientRepository;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.PersonNames;
import org.accueil.platform.ProblemException;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The registry's front door. */
@Service
public class Patients {

  private final PatientRepository repository;
  private final PracticeDirectory practice;
  private final Audit audit;
  private final Clock clock;

  private final CareRelationships care;

  Patients(
      PatientRepository repository,
      PracticeDirectory practice,
      Audit audit,
      Clock clock,
      CareRelationships care) {
    this.care = care;
    this.repository = repository;
    this.practice = practice;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The record if the current caller may see it: a clinician only the patients booked with them.
   * Anyone else sees every patient. A record the caller may not see is "not found", so ids cannot
   * be probed.
   */
  public Patient visibleToCaller(PatientId id) {
    return find(id)
        .filter(p -> !visibleToCaller(List.of(p)).isEmpty())
        .orElseThrow(() -> ProblemException.notFound("patient", id.value()));
  }

  /** Those of {@code found} the current caller may see. */
  public List<Patient> visibleToCaller(List<Patient> found) {
    UUID own = Actor.current().ownCalendarOnly();
    if (own == null || found.isEmpty()) {
      return found;
    }
    var ids = care.bookedWith(own, found.stream().map(p -> p.id().value()).toList());
    return found.stream().filter(p -> ids.contains(p.id().value())).toList();
  }

  /** The patient's record; an erased patient's is the placeholder that replaced their details. */
  public Optional<Patient> find(PatientId id) {
    return repository.find(id.value());
  }

  /**
   * Replaces what identifies the patient (names, birth date but its year, phone, email) for good,
   * on their request. Erased patients are no longer found by search or matched by registration.
   *
   * @return true when this call erased the record, false when it had been erased before
   */
  @Transactional
  public boolean erase(PatientId id) {
    // The UPDATE locks the row: a concurrent erasure waits, then finds it erased and returns false.
    if (repository.erase(id.value(), clock.instant())) {
      return true;
    }
    if (repository.find(id.value()).isEmpty()) {
      throw ProblemException.notFound("patient", id);
    }
    return false;
  }

  public boolean isErased(PatientId id) {
    return repository.isErased(id.value());
  }

  /**
   * The patient these details describe: an existing record when names, birth date and a phone or
   * email agree; otherwise a new record. Names and birth date alone never reuse a record: two
   * people can share them, and booking for the wrong one is worse than a duplicate staff merge.
   */
  /** Who the details describe, and whether this call created their record. */
  public record Registration(Patient patient, boolean created) {}

  @Transactional
  public Patient register(PatientDetails details) {
    return registration(details).patient();
  }

  /** As {@link #register}, telling whether the record is new. */
  @Transactional
  public Registration registration(PatientDetails details) {
    String phone = details.phone() == null ? null : normalisedPhone(details.phone());
    String email =
        details.email() == null || details.email().isBlank()
            ? null
            : details.email().trim().toLowerCase(Locale.ROOT);
    String given = PersonNames.normalized(details.givenName());
    String family = PersonNames.normalized(details.familyName());
    Optional<Patient> known =
        repository.findByIdentityAndContact(given, family, details.birthDate(), phone, email);
    if (known.isPresent()) {
      return new Registration(known.get(), false);
    }
    Patient patient =
        new Patient(PatientId.of(Ids.newId()), given, family, details.birthDate(), phone, email);
    repository.insert(patient);
    audit.success("patient.create", "patient", patient.id().value());
    return new Registration(patient, true);
  }

  public List<Patient> search(
      @Nullable String familyName,
      @Nullable LocalDate birthDate,
      @Nullable String phone,
      int limit) {
    String e164 = phone == null ? null : normalisedPhone(phone);
    return repository.search(familyName, birthDate, e164, limit);
  }

  private @Nullable String normalisedPhone(String text) {
    if (text.isBlank()) {
      return null;
    }
    return PhoneNumbers.toE164(text, defaultRegion())
        .orElseThrow(
            () ->
                ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-phone")
                    .detail(
                        "\"{0}\" is not a phone number we can reach; write it with its country code,"
                            + " e.g. +33 6 12 34 56 78.",
                        text)
                    .with("field", "phone")
                    .build());
  }

  /**
   * Numbers written without a country code belong to the practice's country: the country of most of
   * its active locations (alphabetically first on a tie), France when it has none yet.
   */
  private String defaultRegion() {
    return practice.snapshot().locations().stream()
        .filter(Location::active)
        .collect(
            java.util.stream.Collectors.groupingBy(
                l -> l.address().country(),
                java.util.TreeMap::new,
                java.util.stream.Collectors.counting()))
        .entrySet()
        .stream()
        .max(
            java.util.Map.Entry.<String, Long>comparingByValue()
                .thenComparing(
                    java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
        .map(java.util.Map.Entry::getKey)
        .orElse("FR");
  }
}
