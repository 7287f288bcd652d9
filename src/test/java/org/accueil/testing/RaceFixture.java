package org.accueil.testing;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.accueil.practice.Address;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Commands.AppointmentTypeDetails;
import org.accueil.practice.Commands.LocationDetails;
import org.accueil.practice.Commands.ProviderDetails;
import org.accueil.practice.Commands.RoomDetails;
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.Provider;
import org.accueil.practice.Room;
import org.accueil.practice.VisitMode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A site of its own for race tests: providers working every day 07:00-21:00, one procedure room,
 * and a 30-minute procedure with a 10-minute buffer after it that needs that room. Nothing else in
 * the database touches it.
 */
public final class RaceFixture {

  public final Location site;
  public final Room room;
  public final AppointmentType procedure;
  public final List<Provider> providers;

  private RaceFixture(
      Location site, Room room, AppointmentType procedure, List<Provider> providers) {
    this.site = site;
    this.room = room;
    this.procedure = procedure;
    this.providers = providers;
  }

  public static RaceFixture create(PracticeAdministration admin, int providerCount) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Location site =
        admin.createLocation(
            new LocationDetails(
                "Race site " + tag,
                "Europe/Paris",
                new Address("1 rue du Test", "75001", "Paris", "FR"),
                null,
                null,
                true));
    UUID siteId = site.id().value();
    Room room = admin.createRoom(new RoomDetails(siteId, "Procedure " + tag, "race-" + tag, true));
    List<Provider> providers = new ArrayList<>();
    for (int i = 0; i < providerCount; i++) {
      Provider provider =
          admin.createProvider(
              new ProviderDetails(
                  "Dr",
                  "Racer" + i,
                  "Race-" + tag,
                  List.of("testing"),
                  List.of("en"),
                  List.of(siteId),
                  true));
      List<WeeklyHoursDetails> week = new ArrayList<>();
      for (DayOfWeek day : DayOfWeek.values()) {
        week.add(
            new WeeklyHoursDetails(
                siteId, day, LocalTime.of(7, 0), LocalTime.of(21, 0), null, null));
      }
      admin.replaceWeeklyHours(provider.id(), week);
      providers.add(provider);
    }
    AppointmentType procedure =
        admin.createAppointmentType(
            new AppointmentTypeDetails(
                "race-" + tag,
                new LocalizedText("Course " + tag, "Race " + tag, "Corsa " + tag),
                30,
                0,
                10,
                5,
                0,
                730,
                VisitMode.IN_PERSON,
                false,
                "race-" + tag,
                null,
                null,
                null,
                providers.stream().map(p -> p.id().value()).toList(),
                true));
    return new RaceFixture(site, room, procedure, providers);
  }

  /**
   * Pairs of active appointments (holds included) of this fixture's providers or room whose blocked
   * times overlap: what the database must make impossible.
   */
  public int overlaps(JdbcClient jdbc) {
    String active = "('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled')";
    return jdbc.sql(
            "SELECT count(*) FROM appointment a JOIN appointment b ON a.id < b.id"
                + " AND tstzrange(a.blocked_from, a.blocked_until) && tstzrange(b.blocked_from, b.blocked_until)"
                + " AND (a.provider_id = b.provider_id OR a.room_id = b.room_id)"
                + " WHERE a.status IN "
                + active
                + " AND b.status IN "
                + active
                + " AND (a.room_id = :room OR a.provider_id = ANY(:providers))")
        .param("room", room.id().value())
        .param("providers", providers.stream().map(p -> p.id().value()).toArray(UUID[]::new))
        .query(Integer.class)
        .single();
  }
}
