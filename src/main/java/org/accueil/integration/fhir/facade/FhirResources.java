package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.TimeWindow;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Hold;
import org.accueil.scheduling.model.Slot;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.jspecify.annotations.Nullable;

/**
 * The practice and its calendar as FHIR R4 resources. Times are written in the location's zone (its
 * offset), as the REST API writes them.
 */
final class FhirResources {

  private static final String LANGUAGE_SYSTEM = "urn:ietf:bcp:47";

  /** FHIR's {@code time}: hh:mm:ss. */
  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

  private FhirResources() {}

  // ---------------------------------------------------------------------------- the practice

  static Practitioner practitioner(Provider provider) {
    Practitioner resource = new Practitioner();
    resource.setId(provider.id().toString());
    resource.addIdentifier(FhirIds.identifier(provider.id().value()));
    resource.setActive(provider.active());
    HumanName name =
        resource
            .addName()
            .setUse(HumanName.NameUse.OFFICIAL)
            .setText(provider.displayName())
            .setFamily(provider.familyName());
    name.addGiven(provider.givenName());
    if (!provider.title().isBlank()) {
      name.addPrefix(provider.title());
    }
    for (String language : provider.languages()) {
      resource.addCommunication(new CodeableConcept(new Coding(LANGUAGE_SYSTEM, language, null)));
    }
    return resource;
  }

  static org.hl7.fhir.r4.model.Location location(Location location) {
    var resource = new org.hl7.fhir.r4.model.Location();
    resource.setId(location.id().toString());
    resource.addIdentifier(FhirIds.identifier(location.id().value()));
    resource.setStatus(
        location.active()
            ? org.hl7.fhir.r4.model.Location.LocationStatus.ACTIVE
            : org.hl7.fhir.r4.model.Location.LocationStatus.INACTIVE);
    resource.setMode(org.hl7.fhir.r4.model.Location.LocationMode.INSTANCE);
    resource.setName(location.name());
    if (location.phone() != null) {
      resource
          .addTelecom()
          .setSystem(ContactPoint.ContactPointSystem.PHONE)
          .setValue(location.phone());
    }
    var address = resource.getAddress();
    if (!location.address().line().isBlank()) {
      address.addLine(location.address().line());
    }
    address.setPostalCode(blankToNull(location.address().postalCode()));
    address.setCity(blankToNull(location.address().city()));
    address.setCountry(location.address().country());
    for (TimeWindow window : location.openingHours()) {
      resource
          .addHoursOfOperation()
          .addDaysOfWeek(day(window.day()))
          .setOpeningTime(window.starts().format(TIME))
          .setClosingTime(window.ends().format(TIME));
    }
    return resource;
  }

  /** An appointment type: what a patient can book, where, and how long it lasts. */
  static HealthcareService healthcareService(
      AppointmentType type, PracticeSnapshot snapshot, Locale locale) {
    HealthcareService resource = new HealthcareService();
    resource.setId(type.id().toString());
    resource.addIdentifier(FhirIds.identifier(type.id().value()));
    resource.setActive(type.active());
    resource.addType(serviceType(type, locale));
    resource.setName(type.name().in(locale));
    for (LocationId location : locationsOf(type, snapshot)) {
      snapshot
          .location(location)
          .ifPresent(l -> resource.addLocation(FhirIds.reference("Location", l.id(), l.name())));
    }
    String preparation = type.preparation().in(locale);
    if (!preparation.isBlank()) {
      resource.setExtraDetails(preparation);
    }
    resource.setAppointmentRequired(true);
    return resource;
  }

  /** One schedule per provider: their calendar at every location they work at. */
  static Schedule schedule(Provider provider, PracticeSnapshot snapshot, Locale locale) {
    Schedule resource = new Schedule();
    resource.setId(provider.id().toString());
    resource.addIdentifier(FhirIds.identifier(provider.id().value()));
    resource.setActive(provider.active());
    resource.addActor(FhirIds.reference("Practitioner", provider.id(), provider.displayName()));
    for (LocationId id : provider.locations()) {
      snapshot
          .location(id)
          .ifPresent(l -> resource.addActor(FhirIds.reference("Location", l.id(), l.name())));
    }
    snapshot.appointmentTypes().stream()
        .filter(t -> t.active() && t.offeredBy(provider.id()))
        .sorted(java.util.Comparator.comparing(AppointmentType::code))
        .forEach(t -> resource.addServiceType(serviceType(t, locale)));
    return resource;
  }

  static CodeableConcept serviceType(AppointmentType type, Locale locale) {
    String name = type.name().in(locale);
    return new CodeableConcept(new Coding(FhirIds.APPOINTMENT_TYPE_SYSTEM, type.code(), name))
        .setText(name);
  }

  // ---------------------------------------------------------------------------- the calendar

  static org.hl7.fhir.r4.model.Slot slot(Slot slot, AppointmentType type, Locale locale) {
    var resource = new org.hl7.fhir.r4.model.Slot();
    resource.setId(new SlotCode(slot.provider(), type.id(), slot.start()).id());
    resource.setSchedule(new Reference("Schedule/" + slot.provider()));
    resource.setStatus(org.hl7.fhir.r4.model.Slot.SlotStatus.FREE);
    resource.addServiceType(serviceType(type, locale));
    resource.setStartElement(instant(slot.start(), slot.zone()));
    resource.setEndElement(instant(slot.end(), slot.zone()));
    return resource;
  }

  /** A free slot offered by {@code $find}: nothing is kept for it until it is held or booked. */
  static Appointment proposed(
      Slot slot,
      AppointmentType type,
      PracticeSnapshot snapshot,
      @Nullable String patient,
      Locale locale) {
    String code = new SlotCode(slot.provider(), type.id(), slot.start()).id();
    Appointment resource = new Appointment();
    resource.setId(code);
    resource.setStatus(Appointment.AppointmentStatus.PROPOSED);
    resource.addServiceType(serviceType(type, locale));
    times(resource, slot.start(), slot.end(), slot.zone());
    resource.addSlot(new Reference("Slot/" + code));
    if (patient != null) {
      participant(resource, FhirIds.reference("Patient", patient, null))
          .setStatus(ParticipationStatus.NEEDSACTION);
    }
    participants(
        resource, snapshot, slot.provider(), slot.location(), ParticipationStatus.NEEDSACTION);
    return resource;
  }

  /**
   * A hold: its time is kept for nobody else until it expires (extension {@value
   * FhirIds#HOLD_EXPIRES_EXTENSION}); an expired or released one is {@code cancelled}.
   */
  static Appointment hold(Hold hold, PracticeSnapshot snapshot, boolean live, Locale locale) {
    Appointment resource = new Appointment();
    resource.setId(hold.id().toString());
    resource.addIdentifier(FhirIds.identifier(hold.id().value()));
    resource.setStatus(
        live ? Appointment.AppointmentStatus.PENDING : Appointment.AppointmentStatus.CANCELLED);
    snapshot
        .appointmentType(hold.type())
        .ifPresent(
            type -> {
              resource.addServiceType(serviceType(type, locale));
              resource.addSlot(
                  new Reference(
                      "Slot/" + new SlotCode(hold.provider(), type.id(), hold.start()).id()));
            });
    times(resource, hold.start(), hold.end(), hold.zone());
    resource.addExtension(FhirIds.HOLD_EXPIRES_EXTENSION, instant(hold.expiresAt(), hold.zone()));
    participants(
        resource, snapshot, hold.provider(), hold.location(), ParticipationStatus.ACCEPTED);
    return resource;
  }

  static Appointment appointment(
      org.accueil.scheduling.Appointment appointment, PracticeSnapshot snapshot, Locale locale) {
    Appointment resource = new Appointment();
    resource.setId(appointment.id().toString());
    resource.getMeta().setVersionId(Integer.toString(appointment.version()));
    resource.getMeta().setLastUpdated(Date.from(appointment.updatedAt()));
    resource.addIdentifier(FhirIds.identifier(appointment.id().value()));
    // Our statuses are FHIR R4's AppointmentStatus codes; a hold is never listed as one.
    resource.setStatus(Appointment.AppointmentStatus.fromCode(status(appointment.status())));
    snapshot
        .appointmentType(appointment.type())
        .ifPresent(type -> resource.addServiceType(serviceType(type, locale)));
    times(resource, appointment.start(), appointment.end(), appointment.zone());
    resource.setCreated(Date.from(appointment.createdAt()));
    var cancellation = appointment.cancellation();
    if (appointment.status() == AppointmentStatus.CANCELLED
        && cancellation != null
        && !cancellation.reason().isBlank()) {
      resource.setCancelationReason(new CodeableConcept().setText(cancellation.reason()));
    }
    participant(resource, FhirIds.reference("Patient", appointment.patient(), null))
        .setStatus(ParticipationStatus.ACCEPTED);
    participants(
        resource,
        snapshot,
        appointment.provider(),
        appointment.location(),
        ParticipationStatus.ACCEPTED);
    return resource;
  }

  private static String status(AppointmentStatus status) {
    return status == AppointmentStatus.PROPOSED ? "pending" : status.code();
  }

  private static void times(Appointment resource, Instant start, Instant end, ZoneId zone) {
    resource.setStartElement(instant(start, zone));
    resource.setEndElement(instant(end, zone));
    resource.setMinutesDuration((int) Duration.between(start, end).toMinutes());
  }

  private static void participants(
      Appointment resource,
      PracticeSnapshot snapshot,
      ProviderId provider,
      LocationId location,
      ParticipationStatus status) {
    String providerName = snapshot.provider(provider).map(Provider::displayName).orElse(null);
    participant(resource, FhirIds.reference("Practitioner", provider, providerName))
        .setStatus(status);
    String locationName = snapshot.location(location).map(Location::name).orElse(null);
    participant(resource, FhirIds.reference("Location", location, locationName)).setStatus(status);
  }

  private static AppointmentParticipantComponent participant(
      Appointment resource, Reference actor) {
    return resource.addParticipant().setActor(actor).setRequired(ParticipantRequired.REQUIRED);
  }

  static InstantType instant(Instant instant, ZoneId zone) {
    return new InstantType(
        Date.from(instant), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(zone));
  }

  private static Set<LocationId> locationsOf(AppointmentType type, PracticeSnapshot snapshot) {
    Set<LocationId> locations = new LinkedHashSet<>();
    for (var id : type.providers()) {
      snapshot.provider(id).ifPresent(p -> locations.addAll(p.locations()));
    }
    return locations;
  }

  private static org.hl7.fhir.r4.model.Location.DaysOfWeek day(DayOfWeek day) {
    return org.hl7.fhir.r4.model.Location.DaysOfWeek.fromCode(
        day.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)
            .toLowerCase(Locale.ROOT));
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
