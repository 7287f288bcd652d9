package org.accueil.practice.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.PersonNames;
import org.accueil.practice.Commands.AppointmentTypeDetails;
import org.accueil.practice.Commands.BookingRuleDetails;
import org.accueil.practice.Commands.ClosureDetails;
import org.accueil.practice.Commands.DayOverrideDetails;
import org.accueil.practice.Commands.LocationDetails;
import org.accueil.practice.Commands.ProfileDetails;
import org.accueil.practice.Commands.ProviderDetails;
import org.accueil.practice.Commands.RoomDetails;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.ProviderId;
import org.accueil.practice.TimeOff;
import org.accueil.practice.TimeWindow;
import org.accueil.practice.VisitMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL that changes the configuration. Callers validate first and run it in one transaction;
 * every statement bumps the practice revision through the tables' triggers.
 */
@Repository
public class PracticeRepository {

  private final JdbcClient jdbc;

  public PracticeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void updateProfile(ProfileDetails details) {
    jdbc.sql("UPDATE practice SET name = :name, languages = :languages, updated_at = now()")
        .param("name", details.name().trim())
        .param("languages", details.languages().stream().distinct().toArray(String[]::new))
        .update();
  }

  public boolean exists(String table, UUID id) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = :id")
            .param("id", id)
            .query(Integer.class)
            .single()
        > 0;
  }

  public void saveLocation(UUID id, LocationDetails details, boolean create) {
    String sql =
        create
            ? """
              INSERT INTO location (id, name, time_zone, address_line, postal_code, city, country,
                                    phone, active)
              VALUES (:id, :name, :zone, :line, :postalCode, :city, :country, :phone, :active)
              """
            : """
              UPDATE location SET name = :name, time_zone = :zone, address_line = :line,
                     postal_code = :postalCode, city = :city, country = :country, phone = :phone,
                     active = :active, updated_at = now()
               WHERE id = :id
              """;
    jdbc.sql(sql)
        .param("id", id)
        .param("name", details.name().trim())
        .param("zone", details.timeZone())
        .param("line", orEmpty(details.address().line()))
        .param("postalCode", orEmpty(details.address().postalCode()))
        .param("city", orEmpty(details.address().city()))
        .param("country", details.address().country())
        .param("phone", details.phone())
        .param("active", details.active() == null || details.active())
        .update();
    jdbc.sql("DELETE FROM location_opening_hours WHERE location_id = :id").param("id", id).update();
    for (TimeWindow window : orEmpty(details.openingHours())) {
      jdbc.sql(
              """
              INSERT INTO location_opening_hours (location_id, day_of_week, opens, closes)
              VALUES (:id, :day, :opens, :closes)
              """)
          .param("id", id)
          .param("day", window.day().getValue())
          .param("opens", window.starts())
          .param("closes", window.ends())
          .update();
    }
  }

  public void insertClosure(UUID id, ClosureDetails details) {
    jdbc.sql(
            """
            INSERT INTO closure (id, location_id, first_day, last_day, name)
            VALUES (:id, :location, :first, :last, :name)
            """)
        .param("id", id)
        .param("location", details.locationId())
        .param("first", details.firstDay())
        .param("last", details.lastDay())
        .param("name", details.name().trim())
        .update();
  }

  public boolean deleteClosure(UUID id) {
    return jdbc.sql("DELETE FROM closure WHERE id = :id").param("id", id).update() > 0;
  }

  public void saveRoom(UUID id, RoomDetails details, boolean create) {
    String sql =
        create
            ? """
              INSERT INTO room (id, location_id, name, kind, active)
              VALUES (:id, :location, :name, :kind, :active)
              """
            : """
              UPDATE room SET location_id = :location, name = :name, kind = :kind, active = :active
               WHERE id = :id
              """;
    jdbc.sql(sql)
        .param("id", id)
        .param("location", details.locationId())
        .param("name", details.name().trim())
        .param("kind", details.kind())
        .param("active", details.active() == null || details.active())
        .update();
  }

  public boolean roomNameTaken(UUID location, String name, UUID exceptRoom) {
    return jdbc.sql(
                "SELECT count(*) FROM room WHERE location_id = :location"
                    + " AND lower(name) = lower(:name) AND id <> :id")
            .param("location", location)
            .param("name", name.trim())
            .param("id", exceptRoom)
            .query(Integer.class)
            .single()
        > 0;
  }

  public void saveProvider(UUID id, ProviderDetails details, boolean create) {
    String sql =
        create
            ? """
              INSERT INTO provider (id, title, given_name, family_name, specialties, languages, active)
              VALUES (:id, :title, :given, :family, :specialties, :languages, :active)
              """
            : """
              UPDATE provider SET title = :title, given_name = :given, family_name = :family,
                     specialties = :specialties, languages = :languages, active = :active,
                     updated_at = now()
               WHERE id = :id
              """;
    jdbc.sql(sql)
        .param("id", id)
        .param("title", PersonNames.normalized(orEmpty(details.title())))
        .param("given", PersonNames.normalized(details.givenName()))
        .param("family", PersonNames.normalized(details.familyName()))
        .param("specialties", distinct(orEmpty(details.specialties())))
        .param("languages", distinct(orEmpty(details.languages())))
        .param("active", details.active() == null || details.active())
        .update();
    jdbc.sql("DELETE FROM provider_location WHERE provider_id = :id").param("id", id).update();
    for (UUID location : details.locationIds().stream().distinct().toList()) {
      jdbc.sql("INSERT INTO provider_location (provider_id, location_id) VALUES (:id, :location)")
          .param("id", id)
          .param("location", location)
          .update();
    }
  }

  /** Locations where the provider has hours (usual week or a date override). */
  public List<UUID> locationsInProviderHours(UUID provider) {
    return jdbc.sql(
            """
            SELECT location_id FROM provider_weekly_hours WHERE provider_id = :id
            UNION
            SELECT location_id FROM provider_date_override
             WHERE provider_id = :id AND location_id IS NOT NULL
            """)
        .param("id", provider)
        .query(UUID.class)
        .list();
  }

  public void saveAppointmentType(UUID id, AppointmentTypeDetails d, boolean create) {
    String sql =
        create
            ? """
              INSERT INTO appointment_type (id, code, name_en, name_fr, name_it, duration_minutes,
                  buffer_before_minutes, buffer_after_minutes, slot_step_minutes, min_notice_minutes,
                  max_days_ahead, mode, new_patients_only, required_room_kind,
                  daily_cap_per_provider, billing_code, preparation_en, preparation_fr,
                  preparation_it, active)
              VALUES (:id, :code, :nameEn, :nameFr, :nameIt, :duration, :bufferBefore, :bufferAfter,
                  :step, :notice, :maxDaysAhead, :mode, :newOnly, :roomKind, :cap, :billing,
                  :prepEn, :prepFr, :prepIt, :active)
              """
            : """
              UPDATE appointment_type SET code = :code, name_en = :nameEn, name_fr = :nameFr,
                  name_it = :nameIt, duration_minutes = :duration,
                  buffer_before_minutes = :bufferBefore, buffer_after_minutes = :bufferAfter,
                  slot_step_minutes = :step, min_notice_minutes = :notice,
                  max_days_ahead = :maxDaysAhead, mode = :mode, new_patients_only = :newOnly,
                  required_room_kind = :roomKind, daily_cap_per_provider = :cap,
                  billing_code = :billing, preparation_en = :prepEn, preparation_fr = :prepFr,
                  preparation_it = :prepIt, active = :active, updated_at = now()
               WHERE id = :id
              """;
    LocalizedText preparation = d.preparation() == null ? LocalizedText.EMPTY : d.preparation();
    jdbc.sql(sql)
        .param("id", id)
        .param("code", d.code())
        .param("nameEn", d.names().en().trim())
        .param("nameFr", d.names().fr().trim())
        .param("nameIt", d.names().it().trim())
        .param("duration", d.durationMinutes())
        .param("bufferBefore", orZero(d.bufferBeforeMinutes()))
        .param("bufferAfter", orZero(d.bufferAfterMinutes()))
        .param("step", d.slotStepMinutes() == null ? d.durationMinutes() : d.slotStepMinutes())
        .param("notice", orZero(d.minimumNoticeMinutes()))
        .param("maxDaysAhead", d.maxDaysAhead() == null ? 90 : d.maxDaysAhead())
        .param("mode", (d.mode() == null ? VisitMode.IN_PERSON : d.mode()).code())
        .param("newOnly", Boolean.TRUE.equals(d.newPatientsOnly()))
        .param("roomKind", d.requiredRoomKind())
        .param("cap", d.dailyCapPerProvider())
        .param("billing", d.billingCode())
        .param("prepEn", preparation.en())
        .param("prepFr", preparation.fr())
        .param("prepIt", preparation.it())
        .param("active", d.active() == null || d.active())
        .update();
    jdbc.sql("DELETE FROM appointment_type_provider WHERE appointment_type_id = :id")
        .param("id", id)
        .update();
    for (UUID provider : d.providerIds().stream().distinct().toList()) {
      jdbc.sql(
              "INSERT INTO appointment_type_provider (appointment_type_id, provider_id)"
                  + " VALUES (:id, :provider)")
          .param("id", id)
          .param("provider", provider)
          .update();
    }
  }

  public boolean codeTaken(String code, UUID exceptType) {
    return jdbc.sql("SELECT count(*) FROM appointment_type WHERE code = :code AND id <> :id")
            .param("code", code)
            .param("id", exceptType)
            .query(Integer.class)
            .single()
        > 0;
  }

  public void replaceWeeklyHours(UUID provider, List<WeeklyHoursDetails> hours) {
    jdbc.sql("DELETE FROM provider_weekly_hours WHERE provider_id = :id")
        .param("id", provider)
        .update();
    for (WeeklyHoursDetails h : hours) {
      jdbc.sql(
              """
              INSERT INTO provider_weekly_hours (id, provider_id, location_id, day_of_week, starts,
                                                 ends, valid_from, valid_until)
              VALUES (:id, :provider, :location, :day, :starts, :ends, :from, :until)
              """)
          .param("id", org.accueil.platform.Ids.newId())
          .param("provider", provider)
          .param("location", h.locationId())
          .param("day", h.day().getValue())
          .param("starts", h.starts())
          .param("ends", h.ends())
          .param("from", h.validFrom())
          .param("until", h.validUntil())
          .update();
    }
  }

  public void replaceDayOverride(UUID provider, LocalDate date, DayOverrideDetails details) {
    removeDayOverride(provider, date);
    if (details.hours().isEmpty()) {
      jdbc.sql(
              "INSERT INTO provider_date_override (id, provider_id, on_date)"
                  + " VALUES (:id, :provider, :date)")
          .param("id", org.accueil.platform.Ids.newId())
          .param("provider", provider)
          .param("date", date)
          .update();
      return;
    }
    for (DayOverrideDetails.Hours h : details.hours()) {
      jdbc.sql(
              """
              INSERT INTO provider_date_override (id, provider_id, on_date, location_id, starts, ends)
              VALUES (:id, :provider, :date, :location, :starts, :ends)
              """)
          .param("id", org.accueil.platform.Ids.newId())
          .param("provider", provider)
          .param("date", date)
          .param("location", h.locationId())
          .param("starts", h.starts())
          .param("ends", h.ends())
          .update();
    }
  }

  public boolean removeDayOverride(UUID provider, LocalDate date) {
    return jdbc.sql(
                "DELETE FROM provider_date_override WHERE provider_id = :provider AND on_date = :date")
            .param("provider", provider)
            .param("date", date)
            .update()
        > 0;
  }

  public void insertTimeOff(UUID id, UUID provider, TimeOffDetails details) {
    jdbc.sql(
            """
            INSERT INTO provider_time_off (id, provider_id, starts_at, ends_at, reason)
            VALUES (:id, :provider, :start, :end, :reason)
            """)
        .param("id", id)
        .param("provider", provider)
        .param("start", details.start())
        .param("end", details.end())
        .param("reason", orEmpty(details.reason()).trim())
        .update();
  }

  public boolean deleteTimeOff(UUID provider, UUID id) {
    return jdbc.sql("DELETE FROM provider_time_off WHERE id = :id AND provider_id = :provider")
            .param("id", id)
            .param("provider", provider)
            .update()
        > 0;
  }

  public Optional<TimeOff> timeOff(UUID provider, UUID id) {
    return jdbc.sql(
            """
            SELECT id, provider_id, starts_at, ends_at, reason FROM provider_time_off
             WHERE id = :id AND provider_id = :provider
            """)
        .param("id", id)
        .param("provider", provider)
        .query(PracticeRepository::timeOff)
        .optional();
  }

  /** Time off of {@code providers} overlapping [from, to). */
  public List<TimeOff> timeOff(
      Collection<UUID> providers, java.time.Instant from, java.time.Instant to) {
    return jdbc.sql(
            """
            SELECT id, provider_id, starts_at, ends_at, reason FROM provider_time_off
             WHERE provider_id = ANY(:providers)
               AND tstzrange(starts_at, ends_at) && tstzrange(:from, :to)
             ORDER BY starts_at
            """)
        .param("providers", providers.toArray(UUID[]::new))
        .param("from", from.atOffset(ZoneOffset.UTC))
        .param("to", to.atOffset(ZoneOffset.UTC))
        .query(PracticeRepository::timeOff)
        .list();
  }

  private static TimeOff timeOff(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new TimeOff(
        rs.getObject("id", UUID.class),
        ProviderId.of(rs.getObject("provider_id", UUID.class)),
        rs.getObject("starts_at", java.time.OffsetDateTime.class).toInstant(),
        rs.getObject("ends_at", java.time.OffsetDateTime.class).toInstant(),
        rs.getString("reason"));
  }

  public void saveRule(UUID id, BookingRuleDetails details, boolean create) {
    String sql =
        create
            ? """
              INSERT INTO booking_rule (id, description, provider_id, appointment_type_id,
                                        patient_category)
              VALUES (:id, :description, :provider, :type, :category)
              """
            : """
              UPDATE booking_rule SET description = :description, provider_id = :provider,
                     appointment_type_id = :type, patient_category = :category
               WHERE id = :id
              """;
    jdbc.sql(sql)
        .param("id", id)
        .param("description", details.description().trim())
        .param("provider", details.providerId())
        .param("type", details.appointmentTypeId())
        .param(
            "category", details.patientCategory() == null ? null : details.patientCategory().code())
        .update();
    jdbc.sql("DELETE FROM booking_rule_window WHERE rule_id = :id").param("id", id).update();
    for (TimeWindow w : details.windows()) {
      jdbc.sql(
              """
              INSERT INTO booking_rule_window (rule_id, day_of_week, starts, ends)
              VALUES (:id, :day, :starts, :ends)
              """)
          .param("id", id)
          .param("day", w.day().getValue())
          .param("starts", w.starts())
          .param("ends", w.ends())
          .update();
    }
  }

  public boolean deleteRule(UUID id) {
    return jdbc.sql("DELETE FROM booking_rule WHERE id = :id").param("id", id).update() > 0;
  }

  private static String[] distinct(List<String> values) {
    return values.stream().map(String::trim).distinct().toArray(String[]::new);
  }

  private static String orEmpty(@org.jspecify.annotations.Nullable String value) {
    return value == null ? "" : value;
  }

  private static <T> List<T> orEmpty(@org.jspecify.annotations.Nullable List<T> values) {
    return values == null ? List.of() : values;
  }

  private static int orZero(@org.jspecify.annotations.Nullable Integer value) {
    return value == null ? 0 : value;
  }
}
