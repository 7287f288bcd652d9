package org.accueil.integration.hl7v2;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.accueil.patients.Identifier;
import org.accueil.patients.Origin;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.patients.Sex;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who a PID segment is, through the registry's front door: our own id when the peer sends it back,
 * else an exact identifier match, else the registry's matcher (which never creates a second record
 * for an identifier it holds). Never a duplicate by identifier.
 */
@Component
class SiuPatients {

  private final Patients patients;
  private final Hl7v2Properties properties;
  private final TransactionTemplate savepoint;

  SiuPatients(
      Patients patients, Hl7v2Properties properties, PlatformTransactionManager transactions) {
    this.patients = patients;
    this.properties = properties;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  PatientId resolve(Siu.Pid pid) {
    for (Siu.PatientIdentifier id : pid.identifiers()) {
      if (isOurs(id)) {
        Optional<PatientId> ours =
            ConfiguredMappings.parse(id.value())
                .map(PatientId::of)
                .flatMap(patients::current)
                .filter(p -> !patients.isErased(p.id()))
                .map(Patient::id);
        if (ours.isPresent()) {
          return ours.get();
        }
      }
    }
    List<Identifier> identifiers = identifiers(pid);
    for (Identifier identifier : identifiers) {
      List<Patient> found =
          patients.search(null, null, null, null, null, identifier, Patients.LIVE, 2);
      if (found.size() == 1) {
        return patients.current(found.getFirst().id()).orElseThrow().id();
      }
    }
    return register(pid, identifiers);
  }

  /** Our identifiers of a patient, as PID-3 carries them to the peer. */
  boolean isOurs(Siu.PatientIdentifier id) {
    return id.authority() != null
        && id.authority().equalsIgnoreCase(properties.sendingApplication());
  }

  private PatientId register(Siu.Pid pid, List<Identifier> identifiers) {
    if (pid.familyName() == null || pid.givenName() == null || pid.birthDate() == null) {
      throw new NotApplicable(
          "The patient is not known by PID-3; registering them needs PID-5 (family and given"
              + " names) and PID-7 (birth date).");
    }
    LocalDate birthDate = birthDate(pid.birthDate());
    PatientDetails withPhone = details(pid, birthDate, pid.phone(), identifiers);
    try {
      return savepoint.execute(s -> patients.registration(withPhone, Origin.EHR).patient().id());
    } catch (ProblemException e) {
      if (pid.phone() == null) {
        throw e;
      }
      // A number our registry cannot read (an extension, a local format) must not keep the
      // patient out: register without it.
      PatientDetails without = details(pid, birthDate, null, identifiers);
      return patients.registration(without, Origin.EHR).patient().id();
    }
  }

  private static PatientDetails details(
      Siu.Pid pid, LocalDate birthDate, @Nullable String phone, List<Identifier> identifiers) {
    return new PatientDetails(
        pid.givenName(),
        pid.familyName(),
        birthDate,
        phone,
        null,
        null,
        sex(pid.sex()),
        null,
        null,
        null,
        identifiers.isEmpty() ? null : identifiers);
  }

  private List<Identifier> identifiers(Siu.Pid pid) {
    List<Identifier> list = new ArrayList<>();
    Hl7v2Properties.Inbound inbound = properties.inbound();
    for (Siu.PatientIdentifier id : pid.identifiers()) {
      if (isOurs(id)) {
        continue;
      }
      String system =
          id.authority() == null
              ? inbound.identifierSystem()
              : inbound
                  .identifierSystems()
                  .getOrDefault(id.authority(), inbound.identifierSystem());
      list.add(new Identifier(system, id.value()));
    }
    return list;
  }

  private static LocalDate birthDate(String value) {
    String v = value.strip();
    try {
      if (v.length() < 8) {
        throw new DateTimeParseException("short", v, 0);
      }
      return LocalDate.of(
          Integer.parseInt(v.substring(0, 4)),
          Integer.parseInt(v.substring(4, 6)),
          Integer.parseInt(v.substring(6, 8)));
    } catch (RuntimeException e) {
      throw new NotApplicable("PID-7 is not a birth date (YYYYMMDD).");
    }
  }

  /** HL7 table 0001. */
  private static @Nullable Sex sex(@Nullable String code) {
    if (code == null) {
      return null;
    }
    return switch (code.toUpperCase(Locale.ROOT)) {
      case "F" -> Sex.FEMALE;
      case "M" -> Sex.MALE;
      case "O", "A", "N" -> Sex.OTHER;
      case "U" -> Sex.UNKNOWN;
      default -> null;
    };
  }
}
