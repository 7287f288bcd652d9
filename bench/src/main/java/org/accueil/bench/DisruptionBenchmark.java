package org.accueil.bench;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.ReplyOutcome;
import org.accueil.patients.Channel;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
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
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Source;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A provider ill for a day, {@code rounds} times: the block over {@code per-day} booked patients
 * through the API (time off, listing behind the booking lock) beside a plain time off of the same
 * length on another provider, in alternation; then how long until every patient is offered held
 * alternatives (a colleague the same day: a search and three holds each, the message planned and
 * sent to the Meta stand-in), each patient's lag from the block; then each patient's answer (the
 * move into a held time), in process.
 */
final class DisruptionBenchmark {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private DisruptionBenchmark() {}

  static void run(
      ConfigurableApplicationContext context,
      Report report,
      Map<String, String> options,
      int port,
      String key,
      Clock clock)
      throws Exception {
    int rounds = Integer.parseInt(options.getOrDefault("disruption-rounds", "20"));
    int perDay = Integer.parseInt(options.getOrDefault("per-day", "20"));
    PracticeAdministration admin = context.getBean(PracticeAdministration.class);
    Patients patients = context.getBean(Patients.class);
    Appointments appointments = context.getBean(Appointments.class);
    Disruptions disruptions = context.getBean(Disruptions.class);
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

    String tag = UUID.randomUUID().toString().substring(0, 6);
    Location site =
        admin.createLocation(
            new LocationDetails(
                "Disruption site " + tag,
                "Europe/Paris",
                new Address("1 rue du Banc", "75001", "Paris", "FR"),
                null,
                null,
                true));
    List<Provider> gps = new ArrayList<>();
    for (String name : List.of("Ill", "Colleague", "Other")) {
      Provider p =
          admin.createProvider(
              new ProviderDetails(
                  "Dr",
                  "Bench",
                  name + tag,
                  List.of("general practice"),
                  List.of("fr"),
                  List.of(site.id().value()),
                  true));
      List<WeeklyHoursDetails> week = new ArrayList<>();
      for (DayOfWeek day : DayOfWeek.values()) {
        week.add(
            new WeeklyHoursDetails(
                site.id().value(), day, LocalTime.of(8, 0), LocalTime.of(20, 0), null, null));
      }
      admin.replaceWeeklyHours(p.id(), week);
      gps.add(p);
    }
    AppointmentType visit =
        admin.createAppointmentType(
            new AppointmentTypeDetails(
                "bench-visit-" + tag,
                new LocalizedText("Consultation", "Consultation", "Visita"),
                15,
                0,
                0,
                15,
                0,
                365,
                VisitMode.IN_PERSON,
                false,
                null,
                null,
                null,
                null,
                gps.stream().map(p -> p.id().value()).toList(),
                true));
    // The practice's approved template for the offer: the patients never wrote on WhatsApp.
    context
        .getBean(org.accueil.channels.whatsapp.WhatsAppTemplates.class)
        .save(
            new org.accueil.channels.whatsapp.WhatsAppTemplates.Template(
                "bench_appointment_disruption",
                "fr",
                "appointment-disruption",
                "{{2}} : votre rendez-vous du {{1}} ne peut pas avoir lieu. Horaires réservés"
                    + " jusqu'à {{4}} : {{3}}. Répondez par un numéro.",
                "utility"));
    Provider ill = gps.get(0);
    Provider other = gps.get(2);

    // The days, each with per-day patients on WhatsApp booked with the provider who falls ill.
    LocalDate first = clock.instant().atZone(PARIS).toLocalDate().plusDays(7);
    List<LocalDate> days = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      days.add(first.plusDays(i));
    }
    long booking = System.nanoTime();
    for (LocalDate day : days) {
      for (int i = 0; i < perDay; i++) {
        var patient =
            patients.register(
                new PatientDetails(
                    "Bench",
                    "Patient " + tag + " " + day + " " + i,
                    LocalDate.of(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                    "+3367" + (1_000_000 + (int) (Math.random() * 8_999_999)),
                    null,
                    null,
                    null,
                    null,
                    "fr",
                    Channel.WHATSAPP,
                    null));
        var booked =
            appointments.book(
                new BookAppointment(
                    null,
                    visit.id(),
                    ill.id(),
                    day.atTime(8, 0).plusMinutes(15L * i).atZone(PARIS).toInstant(),
                    null,
                    patient.id(),
                    null,
                    false,
                    Source.STAFF,
                    "bench"));
        if (!(booked instanceof BookingResult.Success)) {
          throw new IllegalStateException("Could not book the benchmark's patients: " + booked);
        }
      }
    }
    double booked = (System.nanoTime() - booking) / 1e9;

    Latencies block = new Latencies();
    Latencies timeOff = new Latencies();
    Latencies contact = new Latencies();
    Latencies allOffered = new Latencies();
    Latencies answers = new Latencies();
    int offered = 0;
    int moved = 0;
    try (HttpApi api = new HttpApi(port, key)) {
      for (int r = 0; r < rounds; r++) {
        LocalDate day = days.get(r);
        OffsetDateTime from = day.atTime(8, 0).atZone(PARIS).toOffsetDateTime();
        OffsetDateTime to = from.plusMinutes(15L * perDay);
        // The same length of plain time off on a provider with nobody booked, then the block.
        long t0 = System.nanoTime();
        var off =
            api.post(
                "/api/v1/providers/" + other.id().value() + "/time-off",
                "{\"start\":\"%s\",\"end\":\"%s\",\"reason\":\"bench\"}".formatted(from, to));
        timeOff.since(t0);
        check(off.statusCode(), off.body());
        long t1 = System.nanoTime();
        var blocked =
            api.post(
                "/api/v1/disruptions",
                ("{\"providerId\":\"%s\",\"start\":\"%s\",\"end\":\"%s\",\"reason\":\"ill\","
                        + "\"action\":\"colleague\"}")
                    .formatted(ill.id().value(), from, to));
        block.since(t1);
        check(blocked.statusCode(), blocked.body());
        UUID disruption = UUID.fromString(field(blocked.body(), "id"));
        // Every patient contacted (the pass after the commit, on this node).
        while (pending(jdbc, disruption) > 0) {
          Thread.sleep(5);
        }
        allOffered.since(t1);
        List<Map<String, Object>> rows =
            jdbc.queryForList(
                "SELECT extract(epoch FROM p.updated_at - d.created_at) * 1e9 AS lag"
                    + " FROM disruption_patient p JOIN disruption d ON d.id = p.disruption_id"
                    + " WHERE d.id = ?",
                disruption);
        for (Map<String, Object> row : rows) {
          contact.record(((Number) row.get("lag")).longValue());
        }
        // Each patient takes the first time held for them.
        for (AffectedPatient p : disruptions.progress(disruption).patients()) {
          if (p.state() != AffectedPatient.State.OFFERED) {
            continue;
          }
          offered++;
          long t2 = System.nanoTime();
          ReplyOutcome outcome = disruptions.take(disruption, p.appointment(), 1, "patient");
          answers.since(t2);
          moved += outcome instanceof ReplyOutcome.Moved ? 1 : 0;
        }
      }
    }

    var b = block.take();
    var t = timeOff.take();
    var c = contact.take();
    var all = allOffered.take();
    var a = answers.take();
    report.section("Disruptions (issue 11)");
    report.line(
        String.format(
            Locale.ROOT,
            "%d days, each with %d patients booked with the provider who falls ill (%.1f s to"
                + " register and book them); a colleague free all day; the notifications on, to"
                + " the Meta stand-in.",
            rounds,
            perDay,
            booked));
    report.line("");
    report.line("| operation | n | p50 ms | p99 ms | max ms | mean ms |");
    report.line("|---|---|---|---|---|---|");
    row(report, "plain time off, nobody booked (`POST /providers/{id}/time-off`)", t);
    row(report, "block, " + perDay + " patients listed (`POST /disruptions`)", b);
    row(report, "block to every patient offered (" + perDay + ", one pass)", all);
    row(report, "block to each patient offered (3 times held, message planned)", c);
    row(report, "a patient's answer: the move into a held time", a);
    report.line("");
    report.line(
        String.format(
            Locale.ROOT,
            "Ratio block / plain time off, p50: %.2f; %d of %d patients offered, %d moved.",
            b.p50() / t.p50(),
            offered,
            rounds * perDay,
            moved));
  }

  private static void row(Report report, String label, Latencies.Summary s) {
    report.line(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.1f | %.1f | %.1f | %.1f |",
            label,
            s.count(),
            s.p50(),
            s.p99(),
            s.max(),
            s.mean()));
  }

  private static int pending(JdbcTemplate jdbc, UUID disruption) {
    Integer n =
        jdbc.queryForObject(
            "SELECT count(*) FROM disruption_patient WHERE disruption_id = ?"
                + " AND state IN ('planned', 'pending')",
            Integer.class,
            disruption);
    return n == null ? 0 : n;
  }

  private static void check(int status, String body) {
    if (status / 100 != 2) {
      throw new IllegalStateException("The benchmark's call failed: " + status + " " + body);
    }
  }

  private static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\":\"");
    int start = at + name.length() + 4;
    return json.substring(start, json.indexOf('"', start));
  }
}
