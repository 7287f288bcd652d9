package org.accueil.assistant.understanding;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.practice.Address;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeProfile;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.VisitMode;

/**
 * The demo practice's providers and appointment types as {@code org.accueil.demo.DemoPractice}
 * creates them, without a database: what the corpus is understood against, in milliseconds. {@code
 * UnderstandingApiTests} checks it against the real demo practice.
 */
public final class DemoSnapshot {

  private DemoSnapshot() {}

  /** Surname to specialties. */
  public static Map<String, List<String>> providers() {
    Map<String, List<String>> providers = new LinkedHashMap<>();
    create().providers().forEach(p -> providers.put(p.familyName(), p.specialties()));
    return providers;
  }

  /** Code to names in fr, en, it. */
  public static Map<String, List<String>> types() {
    Map<String, List<String>> types = new LinkedHashMap<>();
    create()
        .appointmentTypes()
        .forEach(t -> types.put(t.code(), List.of(t.name().fr(), t.name().en(), t.name().it())));
    return types;
  }

  static PracticeSnapshot create() {
    LocationId site = new LocationId(UUID.nameUUIDFromBytes("site".getBytes()));
    Location location =
        new Location(
            site,
            "Centre Médical Riverside",
            ZoneId.of("Europe/Paris"),
            new Address("42 High Street", "75011", "Paris", "FR"),
            "+33 1 44 55 66 77",
            List.of(),
            true);
    List<Provider> providers = new ArrayList<>();
    providers.add(provider(site, "Emma", "Phillips", "dermatology"));
    providers.add(provider(site, "Marc", "Johnson", "general practice"));
    providers.add(provider(site, "Sofia", "Martinez", "paediatrics"));
    providers.add(provider(site, "Wei", "Chen", "general practice"));
    providers.add(provider(site, "Luca", "Williams", "orthopaedics"));
    providers.add(provider(site, "Anna", "Smith", "general practice"));
    List<AppointmentType> types = new ArrayList<>();
    types.add(
        type(
            "annual-checkup",
            new LocalizedText("Bilan annuel", "Annual check-up", "Visita di controllo annuale")));
    types.add(
        type(
            "follow-up",
            new LocalizedText("Consultation de suivi", "Follow-up visit", "Visita di follow-up")));
    types.add(
        type(
            "new-patient-visit",
            new LocalizedText("Première consultation", "New-patient visit", "Prima visita")));
    types.add(
        type(
            "dermatology-consultation",
            new LocalizedText(
                "Consultation de dermatologie",
                "Dermatology consultation",
                "Visita dermatologica")));
    types.add(
        type(
            "video-consultation",
            new LocalizedText("Téléconsultation", "Video consultation", "Televisita")));
    types.add(
        type(
            "joint-injection",
            new LocalizedText(
                "Infiltration articulaire", "Joint injection", "Infiltrazione articolare")));
    types.add(
        type(
            "paediatric-visit",
            new LocalizedText(
                "Consultation pédiatrique", "Paediatric visit", "Visita pediatrica")));
    types.add(type("vaccination", new LocalizedText("Vaccination", "Vaccination", "Vaccinazione")));
    return new PracticeSnapshot(
        1,
        new PracticeProfile("Centre Médical Riverside", List.of("fr", "en", "it")),
        List.of(location),
        List.of(),
        providers,
        types,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private static Provider provider(LocationId site, String given, String family, String specialty) {
    return new Provider(
        new ProviderId(UUID.nameUUIDFromBytes(family.getBytes())),
        "Dr",
        given,
        family,
        List.of(specialty),
        List.of("fr", "en"),
        List.of(site),
        true);
  }

  private static AppointmentType type(String code, LocalizedText name) {
    return new AppointmentType(
        new AppointmentTypeId(UUID.nameUUIDFromBytes(code.getBytes())),
        code,
        name,
        Duration.ofMinutes(30),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        90,
        VisitMode.IN_PERSON,
        false,
        null,
        null,
        null,
        LocalizedText.EMPTY,
        List.of(),
        true);
  }
}
