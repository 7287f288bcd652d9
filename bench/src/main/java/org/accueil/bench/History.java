package org.accueil.bench;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.DayOverride;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.Room;
import org.accueil.practice.TimeOff;
import org.accueil.practice.WeeklyHours;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The practice's appointments over 60 days (30 before today, 30 from today): a register of patients
 * and, for every provider's working period, a day filled from its start with visits of the types
 * they offer, some slots left free.
 *
 * <p>Written with batched SQL rather than {@code Appointments#importAppointment}: 70,000 calls
 * through the front door would take minutes for rows that prove nothing about it. The database
 * still judges every row: {@code ON CONFLICT DO NOTHING} without a target skips any row an
 * exclusion constraint refuses, and {@link #count} reports what landed, not what was sent.
 *
 * <p>Occupancy is what a busy practice sees: the past is 85% booked; the future is 92% booked today
 * and 2 points less each day after, down to 35%.
 */
final class History {

  static final int PAST_DAYS = 30;
  static final int FUTURE_DAYS = 30;
  static final int PATIENTS = 30_000;

  private static final Duration GAP = Duration.ofMinutes(15);
  private static final int BATCH = 2_000;

  private static final Map<String, Integer> WEIGHTS =
      Map.of(
          LargePractice.CONSULTATION,
          40,
          "follow-up",
          25,
          "new-patient-visit",
          8,
          "procedure",
          6,
          "video-consultation",
          5,
          "paediatric-visit",
          30,
          "vaccination",
          6,
          "dermatology-consultation",
          30);

  private final JdbcTemplate jdbc;
  private final PracticeDirectory directory;
  private final FieldCipher cipher;
  private final BlindIndex index;
  private final JsonMapper json;
  private final Random random = new Random(20_260_329);
  private final List<UUID> patients = new ArrayList<>();
  private final List<Object[]> pending = new ArrayList<>();
  private final Map<String, List<long[]>> roomBookings = new HashMap<>();
  private int sent;

  History(
      JdbcTemplate jdbc,
      PracticeDirectory directory,
      FieldCipher cipher,
      BlindIndex index,
      JsonMapper json) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.cipher = cipher;
    this.index = index;
    this.json = json;
  }

  /** Generates the patients and appointments; returns how many appointment rows were sent. */
  int generate(LargePractice practice, LocalDate today, Instant now) {
    insertPatients(today);
    PracticeSnapshot snapshot = directory.snapshot();
    List<ProviderId> ids = practice.providers.stream().map(Provider::id).toList();
    Instant first = today.minusDays(PAST_DAYS + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant last = today.plusDays(FUTURE_DAYS + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<TimeOff> away = directory.timeOff(ids, first, last);
    for (LocalDate day = today.minusDays(PAST_DAYS);
        day.isBefore(today.plusDays(FUTURE_DAYS));
        day = day.plusDays(1)) {
      double occupancy =
          day.isBefore(today)
              ? 0.85
              : Math.max(0.35, 0.92 - 0.02 * (day.toEpochDay() - today.toEpochDay()));
      for (Provider provider : practice.providers) {
        List<AppointmentType> offered =
            snapshot.appointmentTypes().stream()
                .filter(t -> t.offeredBy(provider.id()))
                .sorted(java.util.Comparator.comparing(AppointmentType::code))
                .toList();
        for (Period period : periods(snapshot, provider, day)) {
          if (snapshot.closure(period.location().id(), day).isPresent()) {
            continue;
          }
          fill(provider, period, offered, occupancy, away, snapshot, now);
        }
      }
    }
    flush();
    return sent;
  }

  /** Appointment rows in the table, and those that occupy time. */
  long[] count() {
    return new long[] {
      jdbc.queryForObject("SELECT count(*) FROM appointment", Long.class),
      jdbc.queryForObject(
          "SELECT count(*) FROM appointment WHERE status IN ('proposed', 'pending', 'booked',"
              + " 'arrived', 'checked-in', 'fulfilled')",
          Long.class)
    };
  }

  /**
   * Patients as the registry stores them ({@link PatientRows}: phones sealed and indexed, the
   * matching keys computed by the application's own code), with names drawn as a French, Italian
   * and English practice's are ({@link Names}); the same people also go, in clear, into {@link
   * ContactBenchmark#PLAINTEXT_TABLE} (the registry's layout before encryption) for the comparison
   * of lookups.
   */
  private void insertPatients(LocalDate today) {
    People people = new People(new Names(), 20_260_331, today);
    PatientRows rows = new PatientRows(jdbc, cipher, index, json);
    List<Object[]> plain = new ArrayList<>();
    for (int i = 0; i < PATIENTS; i++) {
      UUID id = UUID.randomUUID();
      patients.add(id);
      LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(30_000));
      String phone = phoneOf(i);
      People.Person person = people.named(id, phone, birth);
      rows.add(person);
      plain.add(new Object[] {id, person.given(), person.family(), birth, phone});
    }
    rows.flush();
    ContactBenchmark.createPlaintextTable(jdbc);
    jdbc.batchUpdate(
        "INSERT INTO "
            + ContactBenchmark.PLAINTEXT_TABLE
            + " (id, given_name, family_name, birth_date, phone) VALUES (?, ?, ?, ?, ?)",
        plain);
  }

  static String phoneOf(int patient) {
    return String.format("+336%08d", patient);
  }

  private record Period(Location location, LocalDate date, LocalTime starts, LocalTime ends) {}

  private static List<Period> periods(PracticeSnapshot snapshot, Provider provider, LocalDate day) {
    List<Period> periods = new ArrayList<>();
    var override = snapshot.override(provider.id(), day);
    if (override.isPresent()) {
      for (DayOverride.Hours h : override.get().hours()) {
        periods.add(new Period(location(snapshot, h.location()), day, h.starts(), h.ends()));
      }
      return periods;
    }
    DayOfWeek weekday = day.getDayOfWeek();
    for (WeeklyHours h : snapshot.weeklyHours(provider.id())) {
      if (h.window().day() == weekday && h.validOn(day)) {
        periods.add(
            new Period(
                location(snapshot, h.location()), day, h.window().starts(), h.window().ends()));
      }
    }
    return periods;
  }

  private static Location location(PracticeSnapshot snapshot, LocationId id) {
    return snapshot.location(id).orElseThrow();
  }

  private void fill(
      Provider provider,
      Period period,
      List<AppointmentType> offered,
      double occupancy,
      List<TimeOff> away,
      PracticeSnapshot snapshot,
      Instant now) {
    var zone = period.location().zone();
    Instant cursor = LargePractice.at(period.date(), period.starts(), zone);
    Instant end = LargePractice.at(period.date(), period.ends(), zone);
    for (TimeOff t : away) {
      if (t.provider().equals(provider.id())
          && t.start().isBefore(end)
          && t.end().isAfter(cursor)) {
        return;
      }
    }
    while (cursor.isBefore(end)) {
      AppointmentType type = pick(offered);
      Instant visitEnd = cursor.plus(type.duration());
      Instant blockedUntil = visitEnd.plus(type.bufferAfter());
      if (blockedUntil.isAfter(end)) {
        break;
      }
      if (random.nextDouble() >= occupancy) {
        cursor = cursor.plus(GAP);
        continue;
      }
      UUID room = null;
      if (type.requiredRoomKind() != null) {
        room = freeRoom(snapshot, period.location(), type.requiredRoomKind(), cursor, blockedUntil);
        if (room == null) {
          cursor = cursor.plus(GAP);
          continue;
        }
      }
      boolean past = cursor.isBefore(now);
      double roll = random.nextDouble();
      String status =
          past
              ? roll < 0.85 ? "fulfilled" : roll < 0.90 ? "noshow" : "cancelled"
              : roll < 0.92 ? "booked" : "cancelled";
      add(provider, period.location(), type, room, cursor, visitEnd, blockedUntil, status, now);
      if (!status.equals("cancelled") && !status.equals("noshow")) {
        cursor = blockedUntil;
      }
    }
  }

  private AppointmentType pick(List<AppointmentType> offered) {
    int total = 0;
    for (AppointmentType t : offered) {
      total += WEIGHTS.getOrDefault(t.code(), 1);
    }
    int roll = random.nextInt(total);
    for (AppointmentType t : offered) {
      roll -= WEIGHTS.getOrDefault(t.code(), 1);
      if (roll < 0) {
        return t;
      }
    }
    return offered.getLast();
  }

  private UUID freeRoom(
      PracticeSnapshot snapshot, Location location, String kind, Instant from, Instant until) {
    for (Room room : snapshot.rooms(location.id(), kind)) {
      List<long[]> taken =
          roomBookings.computeIfAbsent(room.id().value().toString(), k -> new ArrayList<>());
      boolean free = true;
      for (long[] t : taken) {
        if (t[0] < until.toEpochMilli() && t[1] > from.toEpochMilli()) {
          free = false;
          break;
        }
      }
      if (free) {
        taken.add(new long[] {from.toEpochMilli(), until.toEpochMilli()});
        return room.id().value();
      }
    }
    return null;
  }

  private void add(
      Provider provider,
      Location location,
      AppointmentType type,
      UUID room,
      Instant start,
      Instant end,
      Instant blockedUntil,
      String status,
      Instant now) {
    boolean cancelled = status.equals("cancelled");
    OffsetDateTime created = utc(start.minus(Duration.ofDays(3 + random.nextInt(40))));
    pending.add(
        new Object[] {
          UUID.randomUUID(),
          type.id().value(),
          provider.id().value(),
          location.id().value(),
          room,
          patients.get(random.nextInt(patients.size())),
          status,
          utc(start),
          utc(end),
          utc(start.minus(type.bufferBefore())),
          utc(blockedUntil),
          random.nextInt(4) == 0 ? "web" : "staff",
          "bench:history",
          cancelled ? "" : null,
          cancelled ? "bench:history" : null,
          cancelled ? utc(now) : null,
          created
        });
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        """
        INSERT INTO appointment (id, appointment_type_id, provider_id, location_id, room_id,
            patient_id, status, starts_at, ends_at, blocked_from, blocked_until, source,
            created_by, cancellation_reason, cancelled_by, cancelled_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING
        """,
        pending.stream()
            .map(
                row -> {
                  Object[] withUpdated = java.util.Arrays.copyOf(row, row.length + 1);
                  withUpdated[row.length] = row[row.length - 1];
                  return withUpdated;
                })
            .toList());
    sent += pending.size();
    pending.clear();
  }
}
