package org.accueil.practice.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.practice.Address;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.BookingRule;
import org.accueil.practice.BookingRuleId;
import org.accueil.practice.Closure;
import org.accueil.practice.DayOverride;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeProfile;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.Room;
import org.accueil.practice.RoomId;
import org.accueil.practice.TimeWindow;
import org.accueil.practice.VisitMode;
import org.accueil.practice.WeeklyHours;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads the whole configuration in one snapshot, so its revision and its content agree. */
@Component
public class SnapshotLoader {

  private final JdbcClient jdbc;

  public SnapshotLoader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long currentRevision() {
    return jdbc.sql("SELECT revision FROM practice_revision").query(Long.class).single();
  }

  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public PracticeSnapshot load() {
    long revision = currentRevision();
    PracticeProfile profile =
        jdbc.sql("SELECT name, languages FROM practice")
            .query((rs, n) -> new PracticeProfile(rs.getString("name"), strings(rs, "languages")))
            .single();
    return new PracticeSnapshot(
        revision,
        profile,
        locations(),
        jdbc.sql("SELECT id, location_id, name, kind, active FROM room").query(this::room).list(),
        providers(),
        appointmentTypes(),
        weeklyHours(),
        overrides(),
        closures(),
        rules());
  }

  private List<Location> locations() {
    Map<UUID, List<TimeWindow>> hours = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT location_id, day_of_week, opens, closes FROM location_opening_hours"
                + " ORDER BY location_id, day_of_week, opens")
        .query(
            rs -> {
              hours
                  .computeIfAbsent(rs.getObject("location_id", UUID.class), k -> new ArrayList<>())
                  .add(
                      new TimeWindow(
                          DayOfWeek.of(rs.getInt("day_of_week")),
                          rs.getObject("opens", LocalTime.class),
                          rs.getObject("closes", LocalTime.class)));
            });
    return jdbc.sql(
            """
            SELECT id, name, time_zone, address_line, postal_code, city, country, phone, active
              FROM location ORDER BY name
            """)
        .query(
            (rs, n) -> {
              UUID id = rs.getObject("id", UUID.class);
              return new Location(
                  LocationId.of(id),
                  rs.getString("name"),
                  ZoneId.of(rs.getString("time_zone")),
                  new Address(
                      rs.getString("address_line"),
                      rs.getString("postal_code"),
                      rs.getString("city"),
                      rs.getString("country")),
                  rs.getString("phone"),
                  List.copyOf(hours.getOrDefault(id, List.of())),
                  rs.getBoolean("active"));
            })
        .list();
  }

  private Room room(ResultSet rs, int n) throws SQLException {
    return new Room(
        RoomId.of(rs.getObject("id", UUID.class)),
        LocationId.of(rs.getObject("location_id", UUID.class)),
        rs.getString("name"),
        rs.getString("kind"),
        rs.getBoolean("active"));
  }

  private List<Provider> providers() {
    Map<UUID, List<LocationId>> locations = new LinkedHashMap<>();
    jdbc.sql("SELECT provider_id, location_id FROM provider_location ORDER BY location_id")
        .query(
            rs -> {
              locations
                  .computeIfAbsent(rs.getObject("provider_id", UUID.class), k -> new ArrayList<>())
                  .add(LocationId.of(rs.getObject("location_id", UUID.class)));
            });
    return jdbc.sql(
            """
            SELECT id, title, given_name, family_name, specialties, languages, active
              FROM provider ORDER BY family_name, given_name
            """)
        .query(
            (rs, n) -> {
              UUID id = rs.getObject("id", UUID.class);
              return new Provider(
                  ProviderId.of(id),
                  rs.getString("title"),
                  rs.getString("given_name"),
                  rs.getString("family_name"),
                  strings(rs, "specialties"),
                  strings(rs, "languages"),
                  List.copyOf(locations.getOrDefault(id, List.of())),
                  rs.getBoolean("active"));
            })
        .list();
  }

  private List<AppointmentType> appointmentTypes() {
    Map<UUID, List<ProviderId>> providers = new LinkedHashMap<>();
    jdbc.sql("SELECT appointment_type_id, provider_id FROM appointment_type_provider")
        .query(
            rs -> {
              providers
                  .computeIfAbsent(
                      rs.getObject("appointment_type_id", UUID.class), k -> new ArrayList<>())
                  .add(ProviderId.of(rs.getObject("provider_id", UUID.class)));
            });
    return jdbc.sql("SELECT * FROM appointment_type ORDER BY name_en")
        .query(
            (rs, n) -> {
              UUID id = rs.getObject("id", UUID.class);
              Integer cap = rs.getObject("daily_cap_per_provider", Integer.class);
              return new AppointmentType(
                  AppointmentTypeId.of(id),
                  rs.getString("code"),
                  new LocalizedText(
                      rs.getString("name_fr"), rs.getString("name_en"), rs.getString("name_it")),
                  minutes(rs, "duration_minutes"),
                  minutes(rs, "buffer_before_minutes"),
                  minutes(rs, "buffer_after_minutes"),
                  minutes(rs, "slot_step_minutes"),
                  minutes(rs, "min_notice_minutes"),
                  rs.getInt("max_days_ahead"),
                  VisitMode.ofCode(rs.getString("mode")),
                  rs.getBoolean("new_patients_only"),
                  rs.getString("required_room_kind"),
                  cap,
                  rs.getString("billing_code"),
                  new LocalizedText(
                      rs.getString("preparation_fr"),
                      rs.getString("preparation_en"),
                      rs.getString("preparation_it")),
                  List.copyOf(providers.getOrDefault(id, List.of())),
                  rs.getBoolean("active"));
            })
        .list();
  }

  private List<WeeklyHours> weeklyHours() {
    return jdbc.sql(
            """
            SELECT id, provider_id, location_id, day_of_week, starts, ends, valid_from, valid_until
              FROM provider_weekly_hours ORDER BY provider_id, day_of_week, starts
            """)
        .query(
            (rs, n) ->
                new WeeklyHours(
                    rs.getObject("id", UUID.class),
                    ProviderId.of(rs.getObject("provider_id", UUID.class)),
                    LocationId.of(rs.getObject("location_id", UUID.class)),
                    new TimeWindow(
                        DayOfWeek.of(rs.getInt("day_of_week")),
                        rs.getObject("starts", LocalTime.class),
                        rs.getObject("ends", LocalTime.class)),
                    rs.getObject("valid_from", LocalDate.class),
                    rs.getObject("valid_until", LocalDate.class)))
        .list();
  }

  private List<DayOverride> overrides() {
    record Row(ProviderId provider, LocalDate date, DayOverride.@Nullable Hours hours) {}
    List<Row> rows =
        jdbc.sql(
                """
                SELECT provider_id, on_date, location_id, starts, ends FROM provider_date_override
                 ORDER BY provider_id, on_date, starts NULLS FIRST
                """)
            .query(
                (rs, n) -> {
                  UUID location = rs.getObject("location_id", UUID.class);
                  return new Row(
                      ProviderId.of(rs.getObject("provider_id", UUID.class)),
                      rs.getObject("on_date", LocalDate.class),
                      location == null
                          ? null
                          : new DayOverride.Hours(
                              LocationId.of(location),
                              rs.getObject("starts", LocalTime.class),
                              rs.getObject("ends", LocalTime.class)));
                })
            .list();
    Map<ProviderId, Map<LocalDate, List<DayOverride.Hours>>> grouped = new LinkedHashMap<>();
    for (Row row : rows) {
      List<DayOverride.Hours> hours =
          grouped
              .computeIfAbsent(row.provider(), k -> new LinkedHashMap<>())
              .computeIfAbsent(row.date(), k -> new ArrayList<>());
      if (row.hours() != null) {
        hours.add(row.hours());
      }
    }
    List<DayOverride> overrides = new ArrayList<>();
    grouped.forEach(
        (provider, days) ->
            days.forEach(
                (date, hours) ->
                    overrides.add(new DayOverride(provider, date, List.copyOf(hours)))));
    return overrides;
  }

  private List<Closure> closures() {
    return jdbc.sql(
            "SELECT id, location_id, first_day, last_day, name FROM closure ORDER BY first_day")
        .query(
            (rs, n) -> {
              UUID location = rs.getObject("location_id", UUID.class);
              return new Closure(
                  rs.getObject("id", UUID.class),
                  location == null ? null : LocationId.of(location),
                  rs.getObject("first_day", LocalDate.class),
                  rs.getObject("last_day", LocalDate.class),
                  rs.getString("name"));
            })
        .list();
  }

  private List<BookingRule> rules() {
    Map<UUID, List<TimeWindow>> windows = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT rule_id, day_of_week, starts, ends FROM booking_rule_window"
                + " ORDER BY rule_id, day_of_week, starts")
        .query(
            rs -> {
              windows
                  .computeIfAbsent(rs.getObject("rule_id", UUID.class), k -> new ArrayList<>())
                  .add(
                      new TimeWindow(
                          DayOfWeek.of(rs.getInt("day_of_week")),
                          rs.getObject("starts", LocalTime.class),
                          rs.getObject("ends", LocalTime.class)));
            });
    return jdbc.sql(
            """
            SELECT id, description, provider_id, appointment_type_id, patient_category
              FROM booking_rule ORDER BY created_at, id
            """)
        .query(
            (rs, n) -> {
              UUID id = rs.getObject("id", UUID.class);
              UUID provider = rs.getObject("provider_id", UUID.class);
              UUID type = rs.getObject("appointment_type_id", UUID.class);
              String category = rs.getString("patient_category");
              return new BookingRule(
                  BookingRuleId.of(id),
                  rs.getString("description"),
                  provider == null ? null : ProviderId.of(provider),
                  type == null ? null : AppointmentTypeId.of(type),
                  category == null ? null : PatientCategory.ofCode(category),
                  List.copyOf(windows.getOrDefault(id, List.of())));
            })
        .list();
  }

  static List<String> strings(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  private static java.time.Duration minutes(ResultSet rs, String column) throws SQLException {
    return java.time.Duration.ofMinutes(rs.getInt(column));
  }
}
