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
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.Provider;
import org.accueil.practice.VisitMode;

/**
 * A small clinic of its own in Paris: one provider working Monday to Saturday 08:00-18:00 and a
 * 30-minute consultation (15-minute grid, one hour's notice, 90 days ahead). Tests that book get a
 * calendar nobody else writes to.
 */
public final class ClinicFixture {

  public final Location site;
  public final Provider provider;
  public final AppointmentType consultation;

  private ClinicFixture(Location site, Provider provider, AppointmentType consultation) {
    this.site = site;
    this.provider = provider;
    this.consultation = consultation;
  }

  public static ClinicFixture create(PracticeAdministration admin) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Location site =
        admin.createLocation(
            new LocationDetails(
                "Clinic " + tag,
                "Europe/Paris",
                new Address("3 place du Test", "75004", "Paris", "FR"),
                null,
                null,
                true));
    Provider provider =
        admin.createProvider(
            new ProviderDetails(
                "Dr",
                "Camille",
                "Clinic-" + tag,
                List.of("general practice"),
                List.of("fr"),
                List.of(site.id().value()),
                true));
    List<WeeklyHoursDetails> week = new ArrayList<>();
    for (DayOfWeek day :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY,
            DayOfWeek.SATURDAY)) {
      week.add(
          new WeeklyHoursDetails(
              site.id().value(), day, LocalTime.of(8, 0), LocalTime.of(18, 0), null, null));
    }
    admin.replaceWeeklyHours(provider.id(), week);
    AppointmentType consultation =
        admin.createAppointmentType(
            new AppointmentTypeDetails(
                "consultation-" + tag,
                new LocalizedText("Consultation " + tag, "Consultation " + tag, "Visita " + tag),
                30,
                0,
                0,
                15,
                60,
                90,
                VisitMode.IN_PERSON,
                false,
                null,
                null,
                null,
                null,
                List.of(provider.id().value()),
                true));
    return new ClinicFixture(site, provider, consultation);
  }
}
