package org.accueil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ClinicFixture} built through the administration API, for an Accueil the test reaches over
 * HTTP only ({@link AccueilProcess}): a site in Paris, one provider working Monday to Saturday
 * 08:00-18:00, a 30-minute consultation on a 30-minute grid. Bookings go through {@code POST
 * /api/v1/appointments}, as an integrator's.
 */
public final class RestClinic {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  public final String location;
  public final String provider;
  public final String consultation;

  private RestClinic(String location, String provider, String consultation) {
    this.location = location;
    this.provider = provider;
    this.consultation = consultation;
  }

  public static RestClinic create(Api api) {
    String tag = Tags.letters();
    Map<String, Object> site = new LinkedHashMap<>();
    site.put("name", "Clinic " + tag);
    site.put("timeZone", "Europe/Paris");
    site.put(
        "address",
        Map.of("line", "3 place du Test", "postalCode", "75004", "city", "Paris", "country", "FR"));
    site.put("active", true);
    String location = created(api.post("/api/v1/locations", site));

    Map<String, Object> doctor = new LinkedHashMap<>();
    doctor.put("title", "Dr");
    doctor.put("givenName", "Camille");
    doctor.put("familyName", "Crash-" + tag);
    doctor.put("specialties", List.of("general-practice"));
    doctor.put("languages", List.of("fr"));
    doctor.put("locationIds", List.of(location));
    doctor.put("active", true);
    String provider = created(api.post("/api/v1/providers", doctor));

    List<Map<String, Object>> week = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day != DayOfWeek.SUNDAY) {
        week.add(
            Map.of("locationId", location, "day", day.name(), "starts", "08:00", "ends", "18:00"));
      }
    }
    var hours = api.put("/api/v1/providers/" + provider + "/weekly-hours", week);
    assertThat(hours.status()).as(hours.toString()).isEqualTo(200);

    Map<String, Object> type = new LinkedHashMap<>();
    type.put("code", "consultation-" + tag);
    type.put(
        "names",
        Map.of("fr", "Consultation " + tag, "en", "Consultation " + tag, "it", "Visita " + tag));
    type.put("durationMinutes", 30);
    type.put("providerIds", List.of(provider));
    String consultation = created(api.post("/api/v1/appointment-types", type));
    return new RestClinic(location, provider, consultation);
  }

  /**
   * {@code count} consecutive half-hour starts of the provider's working hours, from 08:00 on the
   * first working day at least two days from now: far enough for any notice, near enough for the
   * 90-day horizon (20 a day).
   */
  public static List<ZonedDateTime> starts(int count) {
    List<ZonedDateTime> starts = new ArrayList<>();
    LocalDate day = LocalDate.now(PARIS).plusDays(2);
    while (starts.size() < count) {
      if (day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        for (LocalTime t = LocalTime.of(8, 0);
            t.isBefore(LocalTime.of(18, 0)) && starts.size() < count;
            t = t.plusMinutes(30)) {
          starts.add(day.atTime(t).atZone(PARIS));
        }
      }
      day = day.plusDays(1);
    }
    return starts;
  }

  /** Books the consultation at {@code start} for a new patient; the appointment's id. */
  public String book(Api api, ZonedDateTime start, String givenName, String familyName) {
    var booked =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId",
                consultation,
                "providerId",
                provider,
                "start",
                start.toOffsetDateTime().toString(),
                "patient",
                Map.of(
                    "givenName", givenName,
                    "familyName", familyName,
                    "birthDate", "1985-04-12")));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return booked.string("id");
  }

  public void cancel(Api api, String appointment) {
    var cancelled =
        api.post(
            "/api/v1/appointments/" + appointment + "/cancel",
            Map.of("reason", "Changed plans", "cancelledBy", "the crash test"));
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
  }

  private static String created(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.string("id");
  }
}
