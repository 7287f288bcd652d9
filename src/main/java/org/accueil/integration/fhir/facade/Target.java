package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentId;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * The time {@code $hold} or {@code $book} is asked for, as {@code appt-id} or {@code appt-resource}
 * give it: a hold of ours (its id), a proposal or slot (its id), or an appointment that says its
 * start, its practitioner and its service type.
 */
sealed interface Target {

  /** Time held by {@code $hold}: booking it turns the hold into the appointment. */
  record Held(AppointmentId hold) implements Target {}

  /** A free time, booked or held only if it still is. */
  record Free(
      AppointmentTypeId type, ProviderId provider, Instant start, @Nullable LocationId location)
      implements Target {}

  static Target of(
      @Nullable String appointmentId, @Nullable Appointment resource, PracticeSnapshot snapshot) {
    if (appointmentId != null && !appointmentId.isBlank()) {
      return byId("appt-id", FhirIds.idPart("Appointment", appointmentId), null)
          .orElseThrow(
              () ->
                  new InvalidRequestException(
                      ("appt-id: \"%s\" names no hold or proposal of this server; give the id of"
                              + " an Appointment that $find proposed or $hold returned.")
                          .formatted(appointmentId)));
    }
    if (resource == null) {
      throw new InvalidRequestException(
          "Say which time: appt-id (an Appointment that $find proposed or $hold returned) or"
              + " appt-resource (an Appointment with its start, a Practitioner participant and a"
              + " service type).");
    }
    LocationId location = location(resource);
    Optional<Target> named = byId("appt-resource", resource.getIdElement().getIdPart(), location);
    if (named.isPresent()) {
      return named.get();
    }
    for (Reference slot : resource.getSlot()) {
      String id = FhirIds.idPart("Slot", slot.getReference());
      Optional<SlotCode> code = id == null ? Optional.empty() : SlotCode.parse(id);
      if (code.isPresent()) {
        return free(code.get(), location);
      }
    }
    List<String> missing = new ArrayList<>();
    Instant start = resource.hasStart() ? resource.getStart().toInstant() : null;
    if (start == null) {
      missing.add("start");
    }
    UUID provider = actor(resource, "Practitioner");
    if (provider == null) {
      missing.add("a participant whose actor is Practitioner/<id>");
    }
    Optional<AppointmentType> type = ServiceTypes.of(resource.getServiceType(), snapshot);
    if (type.isEmpty()) {
      UUID service = actor(resource, "HealthcareService");
      type =
          service == null
              ? Optional.empty()
              : snapshot.appointmentType(AppointmentTypeId.of(service));
    }
    if (type.isEmpty()) {
      missing.add(
          "a serviceType coding of system " + FhirIds.APPOINTMENT_TYPE_SYSTEM + " (or none)");
    }
    if (!missing.isEmpty()) {
      throw new InvalidRequestException(
          "appt-resource does not say which time; it needs " + String.join(", ", missing) + ".");
    }
    return new Free(type.get().id(), ProviderId.of(provider), start, location);
  }

  private static Optional<Target> byId(
      String parameter, @Nullable String id, @Nullable LocationId location) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    UUID hold = FhirIds.uuidOrNull(id);
    if (hold != null) {
      return Optional.of(new Held(AppointmentId.of(hold)));
    }
    return SlotCode.parse(id).map(code -> free(code, location));
  }

  private static Free free(SlotCode code, @Nullable LocationId location) {
    return new Free(code.type(), code.provider(), code.start(), location);
  }

  private static @Nullable LocationId location(Appointment resource) {
    UUID id = actor(resource, "Location");
    return id == null ? null : LocationId.of(id);
  }

  /** The first participant whose actor is a {@code type} of ours. */
  static @Nullable UUID actor(Appointment resource, String type) {
    for (AppointmentParticipantComponent participant : resource.getParticipant()) {
      String reference = participant.getActor().getReference();
      if (reference != null && !reference.startsWith("#")) {
        UUID id = FhirIds.uuidOrNull(FhirIds.idPart(type, reference));
        if (id != null && (reference.contains(type + "/"))) {
          return id;
        }
      }
    }
    return null;
  }
}
