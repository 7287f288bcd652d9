package org.accueil.integration.hl7v2;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.springframework.stereotype.Component;

/**
 * {@link Hl7Mappings} from the configuration ({@code remote id -> our id}). An id not configured is
 * ours when it names one of ours (a peer that keeps the ids we send it); an appointment type may
 * also be named by its code.
 */
@Component
class ConfiguredMappings implements Hl7Mappings {

  private final Hl7v2Properties.Mapping mapping;
  private final PracticeDirectory practice;

  ConfiguredMappings(Hl7v2Properties properties, PracticeDirectory practice) {
    this.mapping = properties.mapping();
    this.practice = practice;
  }

  @Override
  public Optional<ProviderId> provider(String remoteId) {
    PracticeSnapshot snapshot = practice.snapshot();
    return ours(mapping.providers(), remoteId)
        .map(ProviderId::of)
        .filter(id -> snapshot.provider(id).isPresent());
  }

  @Override
  public String remoteId(ProviderId provider) {
    return remote(mapping.providers(), provider.value());
  }

  @Override
  public Optional<LocationId> location(String remoteId) {
    PracticeSnapshot snapshot = practice.snapshot();
    return ours(mapping.locations(), remoteId)
        .map(LocationId::of)
        .filter(id -> snapshot.location(id).isPresent());
  }

  @Override
  public String remoteId(LocationId location) {
    return remote(mapping.locations(), location.value());
  }

  @Override
  public Optional<AppointmentTypeId> appointmentType(String remoteId) {
    PracticeSnapshot snapshot = practice.snapshot();
    Optional<AppointmentTypeId> byId =
        ours(mapping.appointmentTypes(), remoteId)
            .map(AppointmentTypeId::of)
            .filter(id -> snapshot.appointmentType(id).isPresent());
    if (byId.isPresent()) {
      return byId;
    }
    return snapshot.appointmentTypes().stream()
        .filter(t -> t.code().equalsIgnoreCase(remoteId.strip()))
        .map(t -> t.id())
        .findFirst();
  }

  @Override
  public String remoteId(AppointmentTypeId type) {
    return remote(mapping.appointmentTypes(), type.value());
  }

  private static Optional<UUID> ours(Map<String, String> configured, String remoteId) {
    String id = remoteId.strip();
    String local = configured.getOrDefault(id, id);
    return parse(local);
  }

  private static String remote(Map<String, String> configured, UUID ours) {
    return configured.entrySet().stream()
        .filter(e -> parse(e.getValue()).filter(ours::equals).isPresent())
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(ours.toString());
  }

  static Optional<UUID> parse(String value) {
    try {
      return Optional.of(UUID.fromString(value.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
