package org.accueil.patients;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.accueil.patients.internal.PatientRepository;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
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

  Patients(PatientRepository repository, PracticeDirectory practice, Audit audit) {
    this.repository = repository;
    this.practice = practice;
    this.audit = audit;
  }

  public Optional<Patient> find(PatientId id) {
    return repository.find(id.value());
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
    String given = details.givenName().trim();
    String family = details.familyName().trim();
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
