package org.accueil.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.accueil.patients.PatientId;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.ImportAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;

/**
 * A clinic of its own, "now" on Monday 5 April 2027 at 07:00 in Paris, and patients with
 * recognisable, unique details: {@code fixture.patient("Marie", "Dupont")}.
 */
final class PrivacyFixture {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDateTime NOW = LocalDateTime.of(2027, 4, 5, 7, 0);

  final ClinicFixture clinic;
  private final Api api;
  private final Appointments appointments;

  /** What a test knows of a patient it registered. */
  record Person(
      PatientId id,
      String givenName,
      String familyName,
      LocalDate birthDate,
      String phone,
      String email) {
    String path() {
      return "/api/v1/patients/" + id;
    }
  }

  private PrivacyFixture(ClinicFixture clinic, Api api, Appointments appointments) {
    this.clinic = clinic;
    this.api = api;
    this.appointments = appointments;
  }

  static PrivacyFixture create(
      PracticeAdministration admin, Api api, Appointments appointments, TestClock clock) {
    clock.setParis(NOW);
    return new PrivacyFixture(ClinicFixture.create(admin), api, appointments);
  }

  /** A patient registered over the API, with a unique family name, mobile and email. */
  Person patient(String given, String family) {
    return patient(given, family, LocalDate.of(1984, 6, 17));
  }

  Person patient(String given, String family, LocalDate birth) {
    String tag = Tags.letters();
    String phone = "+33612" + (100_000 + ThreadLocalRandom.current().nextInt(900_000));
    String email = given.toLowerCase() + "." + tag + "@example.org";
    String familyName = family + "-" + tag;
    var created =
        api.post(
            "/api/v1/patients",
            Map.of(
                "givenName", given,
                "familyName", familyName,
                "birthDate", birth.toString(),
                "phone", phone,
                "email", email));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(
        PatientId.of(UUID.fromString(created.string("id"))),
        given,
        familyName,
        birth,
        phone,
        email);
  }

  /** Today at {@code hour:minute} in Paris, plus {@code days}. */
  static OffsetDateTime at(int days, int hour, int minute) {
    return NOW.toLocalDate().plusDays(days).atTime(hour, minute).atZone(PARIS).toOffsetDateTime();
  }

  /** Books a consultation over the API, as the front desk would. */
  String book(Person patient, OffsetDateTime start) {
    var booked =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId", clinic.consultation.id().value().toString(),
                "providerId", clinic.provider.id().value().toString(),
                "start", start.toString(),
                "patientId", patient.id().toString()));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return booked.string("id");
  }

  /** A visit that took place before "now", as the practice's previous system recorded it. */
  String pastVisit(Person patient, OffsetDateTime start) {
    var result =
        appointments.importAppointment(
            new ImportAppointment(
                clinic.consultation.id(),
                clinic.provider.id(),
                clinic.site.id(),
                null,
                patient.id(),
                start.toInstant(),
                AppointmentStatus.FULFILLED,
                Source.STAFF,
                "import:previous-system"));
    assertThat(result).isInstanceOf(BookingResult.Success.class);
    return ((BookingResult.Success<org.accueil.scheduling.Appointment>) result)
        .value()
        .id()
        .toString();
  }
}
