package org.accueil.bench;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.accueil.patients.MatchQuery;
import org.accueil.patients.MatchResult;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientRecord;
import org.accueil.patients.Patients;
import org.accueil.patients.Sex;
import org.accueil.patients.internal.Candidates;
import org.accueil.patients.internal.StoredForm;
import org.accueil.patients.matching.Band;
import org.accueil.patients.matching.Traits;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Patient matching and staff search on a registry of {@code patients-registry} records (200,000 by
 * default) that looks like a French, Italian and English practice's ({@link People}), written in
 * the application's stored form ({@link PatientRows}).
 *
 * <p>Measured one caller at a time, in process ({@link Patients#match}, {@link Patients#search})
 * and over HTTP ({@code POST /api/v1/patients/match}, {@code GET /api/v1/patients?q=}), in
 * alternating blocks after a warm-up: match queries of registered people re-presenting with the
 * variations the front desk meets (typo, nickname, day and month swapped, phone in national format,
 * no phone, name at birth), of new people, of very common names (the largest blocks); staff
 * searches by name with a typo, by phone, by birth date and name. The blocking's size ({@link
 * Candidates#of}, the application's own) is counted for every match query, and the decisions are
 * checked against the truth the generator knows. Then matches per second from several callers.
 */
final class MatchBenchmark {

  /** What is asked. */
  enum Kind {
    KNOWN("match: registered patient re-presenting", true),
    NEW("match: new patient", true),
    COMMON("match: very common name, new patient", true),
    SEARCH_NAME("search: name with a typo", false),
    SEARCH_PHONE("search: phone (the plain lookup)", false),
    SEARCH_BIRTH("search: birth date and family name", false);

    final String label;
    final boolean match;

    Kind(String label, boolean match) {
      this.label = label;
      this.match = match;
    }
  }

  /** How a registered patient presents themself again. */
  enum Variation {
    AS_REGISTERED("as registered"),
    FAMILY_TYPO("typo in the family name"),
    GIVEN_TYPO("typo in the given name"),
    NICKNAME("nickname or other form of the given name"),
    SWAPPED_DATE("day and month of birth swapped"),
    NATIONAL_PHONE("phone in national format (06 ...)"),
    NO_PHONE("no phone, no e-mail"),
    BIRTH_NAME("name at birth instead of the used name");

    final String label;

    Variation(String label) {
      this.label = label;
    }
  }

  /** One query, in process and as sent over HTTP, and whom it is about. */
  record Query(
      Kind kind,
      @Nullable Variation variation,
      @Nullable UUID expected,
      @Nullable MatchQuery match,
      @Nullable Traits traits,
      @Nullable String text,
      @Nullable LocalDate birth,
      @Nullable String phone,
      String path,
      @Nullable String body,
      String name) {}

  /** Names that fill the largest blocks. */
  private static final String[][] COMMON_NAMES = {
    {"Marie", "Martin", "f", Names.FR},
    {"Jean", "Martin", "m", Names.FR},
    {"Giuseppe", "Russo", "m", Names.IT},
    {"Maria", "Rossi", "f", Names.IT},
    {"John", "Smith", "m", Names.EN},
    {"Mary", "Smith", "f", Names.EN}
  };

  private static final int SEARCH_LIMIT = 50;

  private final ConfigurableApplicationContext context;
  private final Patients patients;
  private final Candidates candidates;
  private final JdbcTemplate jdbc;
  private final HttpApi api;
  private final Random random = new Random(20_261_204);
  private final Names names = new Names();
  private People people;
  private LocalDate today = LocalDate.now();
  private List<People.Person> registry = List.of();
  private List<People.Person> findable = List.of();

  MatchBenchmark(ConfigurableApplicationContext context, HttpApi api) {
    this.context = context;
    this.patients = context.getBean(Patients.class);
    this.candidates = context.getBean(Candidates.class);
    this.jdbc = context.getBean(JdbcTemplate.class);
    this.api = api;
  }

  /** Runs the whole benchmark and writes its section of the report. */
  static void run(
      ConfigurableApplicationContext context,
      Report report,
      Map<String, String> options,
      LocalDate today,
      HttpApi api)
      throws Exception {
    int target = number(options, "patients-registry", 200_000);
    int measured = number(options, "match-queries", 2000);
    int warmup = number(options, "match-warmup", 500);
    int threads = number(options, "match-threads", 8);
    int calls = number(options, "match-calls", 4000);
    new MatchBenchmark(context, api).run(report, today, target, measured, warmup, threads, calls);
  }

  private void run(
      Report report, LocalDate today, int target, int measured, int warmup, int threads, int calls)
      throws Exception {
    report.section(
        "Patient matching and search: " + String.format(Locale.ROOT, "%,d", target) + " patients");
    generate(report, today, target);
    describe(report);

    Map<Kind, List<Query>> warm = new EnumMap<>(Kind.class);
    Map<Kind, List<Query>> inProcess = new EnumMap<>(Kind.class);
    Map<Kind, List<Query>> http = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      warm.put(kind, queries(kind, warmup));
      inProcess.put(kind, queries(kind, measured));
      http.put(kind, queries(kind, measured));
    }
    check(inProcess.get(Kind.KNOWN).getFirst());

    String load = Machine.load();
    for (Kind kind : Kind.values()) {
      long began = System.nanoTime();
      for (Query q : warm.get(kind)) {
        call(q);
        answered(q, send(q));
      }
      progress("warm-up, " + kind.label, began);
    }
    Map<Kind, Latencies> local = new EnumMap<>(Kind.class);
    Map<Kind, Latencies> remote = new EnumMap<>(Kind.class);
    Outcomes outcomes = new Outcomes();
    for (Kind kind : Kind.values()) {
      local.put(kind, new Latencies());
      remote.put(kind, new Latencies());
    }
    int blocks = 10;
    int perBlock = Math.max(1, measured / blocks);
    Machine.Cpu cpu = Machine.Cpu.now();
    long began = System.nanoTime();
    for (int block = 0; block < blocks; block++) {
      for (Kind kind : Kind.values()) {
        List<Query> mine = inProcess.get(kind);
        for (int i = block * perBlock; i < Math.min(mine.size(), (block + 1) * perBlock); i++) {
          Query q = mine.get(i);
          long start = System.nanoTime();
          Object answer = call(q);
          local.get(kind).since(start);
          outcomes.record(q, answer);
        }
        List<Query> theirs = http.get(kind);
        for (int i = block * perBlock; i < Math.min(theirs.size(), (block + 1) * perBlock); i++) {
          Query q = theirs.get(i);
          long start = System.nanoTime();
          HttpResponse<String> response = send(q);
          remote.get(kind).since(start);
          answered(q, response);
        }
      }
      progress("block " + (block + 1) + " of " + blocks, began);
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    Machine.Cpu spent = Machine.Cpu.now().since(cpu);
    Map<Kind, Latencies.Summary> localSummary = new EnumMap<>(Kind.class);
    Map<Kind, Latencies.Summary> remoteSummary = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      localSummary.put(kind, local.get(kind).take());
      remoteSummary.put(kind, remote.get(kind).take());
    }

    report.line("");
    report.line("### Latency, one caller at a time");
    report.line("");
    report.line(
        String.format(
            Locale.ROOT,
            "%d warm-up queries of each kind on each side, then %d measured of each kind on each"
                + " side, in %d alternating blocks (every kind in process, then over HTTP, block"
                + " after block; the two sides ask different queries drawn alike). %.0f s; CPU:"
                + " JVM %.1f s, machine %.1f s (%s). Load before: %s; after: %s.",
            warmup,
            perBlock * blocks,
            blocks,
            seconds,
            spent.jvm(),
            spent.machine(),
            spent.describe(),
            load,
            Machine.load()));
    report.line("");
    report.line("| query | side | samples | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
    report.line("|---|---|---:|---:|---:|---:|---:|---:|");
    for (Kind kind : Kind.values()) {
      report.latency(kind.label + " | in process", localSummary.get(kind));
      report.latency(kind.label + " | HTTP", remoteSummary.get(kind));
    }
    Latencies.Summary known = localSummary.get(Kind.KNOWN);
    Latencies.Summary phone = localSummary.get(Kind.SEARCH_PHONE);
    Latencies.Summary knownHttp = remoteSummary.get(Kind.KNOWN);
    Latencies.Summary phoneHttp = remoteSummary.get(Kind.SEARCH_PHONE);
    report.line("");
    report.line(
        String.format(
            Locale.ROOT,
            "What matching costs against the exact lookup by phone (`Patients.search` by phone),"
                + " same run: match of a re-presenting patient / lookup by phone, in process p50"
                + " %.2f, p99 %.2f; over HTTP p50 %.2f, p99 %.2f. HTTP / in process, match of a"
                + " re-presenting patient: p50 %.2f, p99 %.2f.",
            known.p50() / phone.p50(),
            known.p99() / phone.p99(),
            knownHttp.p50() / phoneHttp.p50(),
            knownHttp.p99() / phoneHttp.p99(),
            knownHttp.p50() / known.p50(),
            knownHttp.p99() / known.p99()));
    report.line("");
    double worst = 0;
    String worstKind = "";
    for (Kind kind : Kind.values()) {
      if (kind.match && remoteSummary.get(kind).p99() > worst) {
        worst = remoteSummary.get(kind).p99();
        worstKind = kind.label;
      }
    }
    report.line(
        String.format(
            Locale.ROOT,
            "Target \"match query p99 ≤ 20 ms with 200,000 patients\": the highest match p99 over"
                + " HTTP is %.2f ms (%s), in process %.2f ms: %s.",
            worst,
            worstKind,
            Math.max(
                localSummary.get(Kind.KNOWN).p99(),
                Math.max(localSummary.get(Kind.NEW).p99(), localSummary.get(Kind.COMMON).p99())),
            worst <= 20 ? "met" : "not met"));

    blocking(report, inProcess);
    outcomes.report(report);
    throughput(report, inProcess, threads, calls);
  }

  // ------------------------------------------------------------------------------ the data

  private void generate(Report report, LocalDate day, int target) {
    today = day;
    long existing = jdbc.queryForObject("SELECT count(*) FROM patient", Long.class);
    int count = (int) Math.max(0, target - existing);
    people = new People(names, 20_261_203, day);
    long started = System.nanoTime();
    registry = people.registry(count);
    double inMemory = (System.nanoTime() - started) / 1e9;
    PatientRows rows =
        new PatientRows(
            jdbc,
            context.getBean(FieldCipher.class),
            context.getBean(BlindIndex.class),
            context.getBean(JsonMapper.class));
    Machine.Cpu cpu = Machine.Cpu.now();
    long writing = System.nanoTime();
    for (People.Person p : registry) {
      rows.add(p);
    }
    rows.flush();
    double written = (System.nanoTime() - writing) / 1e9;
    Machine.Cpu writeCpu = Machine.Cpu.now().since(cpu);
    long vacuuming = System.nanoTime();
    jdbc.execute("VACUUM ANALYZE");
    double vacuum = (System.nanoTime() - vacuuming) / 1e9;
    findable = registry.stream().filter(People.Person::findable).toList();
    long[] n = rows.written();
    report.line(
        String.format(
            Locale.ROOT,
            "Generated %,d records (%,d were there before) in %.1f s in memory, written in %.1f s"
                + " (%,.0f patients/s; CPU: JVM %.1f s, PostgreSQL %.1f s): %,d patient rows, %,d"
                + " identifiers, %,d other phone numbers and e-mail addresses, %,d channel"
                + " identities; then VACUUM ANALYZE, %.1f s. Total %.1f s.",
            count,
            existing,
            inMemory,
            written,
            n[0] / written,
            writeCpu.jvm(),
            writeCpu.parts().getOrDefault("postgres", 0.0),
            n[0],
            n[1],
            n[2],
            n[3],
            vacuum,
            inMemory + written + vacuum));
  }

  private void describe(Report report) {
    String live = " WHERE status <> 'merged' AND erased_at IS NULL";
    Map<String, Object> r =
        jdbc.queryForMap(
            "SELECT count(*) AS total,"
                + " count(*) FILTER (WHERE status <> 'merged' AND erased_at IS NULL) AS live,"
                + " count(*) FILTER (WHERE status = 'provisional') AS provisional,"
                + " count(*) FILTER (WHERE status = 'merged') AS merged,"
                + " count(*) FILTER (WHERE erased_at IS NOT NULL) AS erased,"
                + " count(*) FILTER (WHERE phone_index IS NOT NULL) AS phone,"
                + " count(*) FILTER (WHERE birth_date <= current_date - 18 * 365) AS adults,"
                + " count(*) FILTER (WHERE email_index IS NOT NULL"
                + "   AND birth_date <= current_date - 18 * 365) AS adult_email,"
                + " count(*) FILTER (WHERE birth_family_name IS NOT NULL) AS birth_name,"
                + " count(DISTINCT family_key) AS families,"
                + " count(DISTINCT given_key) AS givens,"
                + " count(DISTINCT phone_index) AS phones"
                + " FROM patient");
    long total = ((Number) r.get("total")).longValue();
    report.line("");
    report.line(
        String.format(
            Locale.ROOT,
            "The registry: %,d records, %,d live (%,d provisional), %,d merge tombstones, %,d"
                + " erased; %.1f%% with a phone (%,d distinct numbers: households share), %.1f%% of"
                + " adults with an e-mail, %,d with a name at birth; %,d distinct family names, %,d"
                + " distinct given names.",
            total,
            ((Number) r.get("live")).longValue(),
            ((Number) r.get("provisional")).longValue(),
            ((Number) r.get("merged")).longValue(),
            ((Number) r.get("erased")).longValue(),
            100.0 * ((Number) r.get("phone")).longValue() / total,
            ((Number) r.get("phones")).longValue(),
            100.0
                * ((Number) r.get("adult_email")).longValue()
                / Math.max(1, ((Number) r.get("adults")).longValue()),
            ((Number) r.get("birth_name")).longValue(),
            ((Number) r.get("families")).longValue(),
            ((Number) r.get("givens")).longValue()));
    report.line("");
    StringBuilder ids = new StringBuilder();
    jdbc.query(
        "SELECT system, count(*) FROM patient_identifier GROUP BY system ORDER BY count(*) DESC",
        rs -> {
          ids.append(ids.isEmpty() ? "" : ", ")
              .append(String.format(Locale.ROOT, "%s %,d", rs.getString(1), rs.getLong(2)));
        });
    StringBuilder channels = new StringBuilder();
    jdbc.query(
        "SELECT channel, count(*) FROM channel_identity GROUP BY channel ORDER BY count(*) DESC",
        rs -> {
          channels
              .append(channels.isEmpty() ? "" : ", ")
              .append(String.format(Locale.ROOT, "%s %,d", rs.getString(1), rs.getLong(2)));
        });
    report.line("- Identifiers: " + ids + ". Channel identities: " + channels + ".");
    StringBuilder common = new StringBuilder();
    jdbc.query(
        "SELECT family_name, count(*) FROM patient"
            + live
            + " GROUP BY family_name ORDER BY count(*) DESC, family_name LIMIT 12",
        rs -> {
          common
              .append(common.isEmpty() ? "" : ", ")
              .append(String.format(Locale.ROOT, "%s %,d", rs.getString(1), rs.getLong(2)));
        });
    report.line("- Most frequent family names: " + common + ".");
    StringBuilder sounds = new StringBuilder();
    jdbc.query(
        "SELECT family_sound, given_sound, count(*), min(given_name || ' ' || family_name),"
            + " max(given_name || ' ' || family_name) FROM patient"
            + live
            + " AND family_sound IS NOT NULL GROUP BY family_sound, given_sound"
            + " ORDER BY count(*) DESC LIMIT 6",
        rs -> {
          sounds
              .append(sounds.isEmpty() ? "" : "; ")
              .append(
                  String.format(
                      Locale.ROOT,
                      "%s/%s %,d (%s … %s)",
                      rs.getString(1),
                      rs.getString(2),
                      rs.getLong(3),
                      rs.getString(4),
                      rs.getString(5)));
        });
    report.line(
        "- Largest name-sound blocks (family sound / given sound: records, from … to): "
            + sounds
            + ".");
    Map<String, Object> dates =
        jdbc.queryForMap(
            "SELECT max(n) AS max, avg(n) AS mean,"
                + " percentile_disc(0.99) WITHIN GROUP (ORDER BY n) AS p99 FROM ("
                + " SELECT birth_date, count(*) AS n FROM patient"
                + live
                + " AND birth_date IS NOT NULL GROUP BY birth_date) d");
    Map<String, Object> shared =
        jdbc.queryForMap(
            "SELECT max(n) AS max, count(*) FILTER (WHERE n > 1) AS shared FROM ("
                + " SELECT phone_index, count(*) AS n FROM patient"
                + live
                + " AND phone_index IS NOT NULL GROUP BY phone_index) d");
    report.line(
        String.format(
            Locale.ROOT,
            "- Records per birth date: mean %.1f, p99 %d, max %d. Numbers shared by several"
                + " records: %,d (at most %d records on one).",
            ((Number) dates.get("mean")).doubleValue(),
            ((Number) dates.get("p99")).longValue(),
            ((Number) dates.get("max")).longValue(),
            ((Number) shared.get("shared")).longValue(),
            ((Number) shared.get("max")).longValue()));
    report.line(
        String.format(
            Locale.ROOT,
            "- On disk: patient %s (of which indexes %s), patient_identifier %s, patient_telecom"
                + " %s, channel_identity %s.",
            size("pg_total_relation_size('patient')"),
            size("pg_indexes_size('patient')"),
            size("pg_total_relation_size('patient_identifier')"),
            size("pg_total_relation_size('patient_telecom')"),
            size("pg_total_relation_size('channel_identity')")));
  }

  private String size(String expression) {
    return jdbc.queryForObject("SELECT pg_size_pretty(" + expression + ")", String.class);
  }

  /** A generated record read back through the front door: the stored form is the application's. */
  private void check(Query sample) {
    People.Person person =
        findable.stream()
            .filter(p -> p.phone() != null && p.email() != null && p.identifiers().size() > 1)
            .findFirst()
            .orElse(findable.getFirst());
    PatientRecord record = patients.record(patients.find(PatientId.of(person.id())).orElseThrow());
    Patient p = record.patient();
    Set<String> identifiers = new HashSet<>();
    record.identifiers().forEach(i -> identifiers.add(i.system() + "|" + i.value()));
    Set<String> expected = new HashSet<>();
    person.identifiers().forEach(i -> expected.add(i.system() + "|" + i.value()));
    if (!java.util.Objects.equals(p.givenName(), person.given())
        || !java.util.Objects.equals(p.familyName(), person.family())
        || !java.util.Objects.equals(p.birthDate(), person.birth())
        || !java.util.Objects.equals(p.phone(), person.phone())
        || !java.util.Objects.equals(p.email(), person.email())
        || !java.util.Objects.equals(p.address(), person.address())
        || !identifiers.equals(expected)
        || record.contacts().size() != person.telecoms().size()
        || record.channelIdentities().size() != person.channels().size()) {
      throw new IllegalStateException(
          "A generated record does not read back as written: " + person.id());
    }
    if (patients.search(null, null, person.phone(), 5).stream()
        .noneMatch(found -> found.id().value().equals(person.id()))) {
      throw new IllegalStateException("A generated record is not found by its phone");
    }
    Object answer = call(sample);
    if (!(answer instanceof MatchResult)) {
      throw new IllegalStateException("No match result for " + sample.name());
    }
  }

  // ------------------------------------------------------------------------------ queries

  private List<Query> queries(Kind kind, int count) {
    List<Query> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(
          switch (kind) {
            case KNOWN -> known(Variation.values()[i % Variation.values().length]);
            case NEW -> newcomer();
            case COMMON -> common(COMMON_NAMES[i % COMMON_NAMES.length]);
            case SEARCH_NAME -> searchName();
            case SEARCH_PHONE -> searchPhone();
            case SEARCH_BIRTH -> searchBirth();
          });
    }
    return list;
  }

  private People.Person anyone() {
    return findable.get(random.nextInt(findable.size()));
  }

  private Query known(Variation variation) {
    while (true) {
      People.Person p = anyone();
      String given = p.given();
      String family = p.family();
      LocalDate birth = p.birth();
      String phone = p.phone();
      String phoneSent = phone;
      String email = random.nextDouble() < 0.3 ? p.email() : null;
      switch (variation) {
        case AS_REGISTERED -> {}
        case FAMILY_TYPO -> family = Variations.typo(family, random);
        case GIVEN_TYPO -> given = Variations.typo(given, random);
        case NICKNAME -> {
          given = people.nickname(given);
          if (given == null) {
            continue;
          }
        }
        case SWAPPED_DATE -> {
          birth = Variations.swapped(birth);
          if (birth == null) {
            continue;
          }
        }
        case NATIONAL_PHONE -> {
          if (phone == null || !phone.startsWith("+33")) {
            continue;
          }
          phoneSent = Variations.nationalFrench(phone);
        }
        case NO_PHONE -> {
          phone = null;
          phoneSent = null;
          email = null;
        }
        case BIRTH_NAME -> {
          if (p.birthFamily() == null) {
            continue;
          }
          family = p.birthFamily();
        }
      }
      Sex sex = random.nextBoolean() ? (p.trueSex() == 'm' ? Sex.MALE : Sex.FEMALE) : null;
      return match(
          Kind.KNOWN, variation, p.id(), given, family, birth, phone, phoneSent, email, sex);
    }
  }

  private Query newcomer() {
    People.Person p;
    if (random.nextDouble() < 0.2) {
      People.Person parent;
      do {
        parent = anyone();
      } while (parent.phone() == null || parent.birth().isAfter(today.minusYears(20)));
      p = people.childOf(parent);
    } else {
      p = people.newcomer();
    }
    String phoneSent =
        p.phone() != null && p.phone().startsWith("+33") && random.nextBoolean()
            ? Variations.nationalFrench(p.phone())
            : p.phone();
    Sex sex = random.nextBoolean() ? (p.trueSex() == 'm' ? Sex.MALE : Sex.FEMALE) : null;
    return match(
        Kind.NEW,
        null,
        null,
        p.given(),
        p.family(),
        p.birth(),
        p.phone(),
        phoneSent,
        p.email(),
        sex);
  }

  private Query common(String[] name) {
    LocalDate birth = today.minusYears(20 + random.nextInt(65)).minusDays(random.nextInt(365));
    String phone = people.freshMobile(name[3]);
    Sex sex = random.nextBoolean() ? (name[2].equals("m") ? Sex.MALE : Sex.FEMALE) : null;
    return match(Kind.COMMON, null, null, name[0], name[1], birth, phone, phone, null, sex);
  }

  private Query match(
      Kind kind,
      @Nullable Variation variation,
      @Nullable UUID expected,
      String given,
      String family,
      LocalDate birth,
      @Nullable String phone,
      @Nullable String phoneSent,
      @Nullable String email,
      @Nullable Sex sex) {
    MatchQuery query = new MatchQuery(given, family, birth, phoneSent, email, null, sex, null);
    // As Registrar#match compares it: names as written (already composed), phone in E.164.
    Traits traits =
        new Traits(
            given,
            family,
            null,
            birth,
            sex,
            phone == null ? Set.of() : Set.of(phone),
            email == null ? Set.of() : Set.of(email),
            Set.of());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("givenName", given);
    json.put("familyName", family);
    json.put("birthDate", birth.toString());
    if (phoneSent != null) {
      json.put("phone", phoneSent);
    }
    if (email != null) {
      json.put("email", email);
    }
    if (sex != null) {
      json.put("sex", sex.code());
    }
    return new Query(
        kind,
        variation,
        expected,
        query,
        traits,
        null,
        null,
        null,
        "/api/v1/patients/match",
        JsonMapper.shared().writeValueAsString(json),
        given + " " + family);
  }

  private Query searchName() {
    People.Person p = anyone();
    String family = Variations.typo(p.family(), random);
    String text = random.nextBoolean() ? family + " " + p.given() : p.given() + " " + family;
    return search(Kind.SEARCH_NAME, p.id(), text, null, null, text);
  }

  private Query searchPhone() {
    People.Person p;
    do {
      p = anyone();
    } while (p.phone() == null);
    String written = p.phone().startsWith("+33") ? Variations.nationalFrench(p.phone()) : p.phone();
    return search(Kind.SEARCH_PHONE, p.id(), null, null, written, written);
  }

  private Query searchBirth() {
    People.Person p = anyone();
    return search(
        Kind.SEARCH_BIRTH,
        p.id(),
        p.family(),
        p.birth(),
        null,
        Variations.dayFirst(p.birth()) + " " + p.family());
  }

  private Query search(
      Kind kind,
      UUID expected,
      @Nullable String text,
      @Nullable LocalDate birth,
      @Nullable String phone,
      String q) {
    return new Query(
        kind,
        null,
        expected,
        null,
        null,
        text,
        birth,
        phone,
        "/api/v1/patients?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
        null,
        q);
  }

  // ------------------------------------------------------------------------------ calls

  private Object call(Query q) {
    if (q.match() != null) {
      return patients.match(q.match());
    }
    return patients.search(
        q.text(), null, q.birth(), q.phone(), null, null, Patients.LIVE, SEARCH_LIMIT);
  }

  private HttpResponse<String> send(Query q) {
    return q.body() == null ? api.get(q.path()) : api.post(q.path(), q.body());
  }

  private static void answered(Query q, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          q.path() + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Where a long run is, on the console only. */
  private static void progress(String what, long startNanos) {
    System.out.printf(
        Locale.ROOT, "[patients] %s: %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
  }

  // ------------------------------------------------------------------------------ results

  /** What the in-process answers were, against the truth the generator knows. */
  private static final class Outcomes {
    /**
     * Per variation: right link, wrong link, possible with the right record, possible without,
     * none.
     */
    final Map<Variation, long[]> known = new EnumMap<>(Variation.class);

    /** Per kind: match, possible, none. */
    final Map<Kind, long[]> decisions = new EnumMap<>(Kind.class);

    /** Per search kind: queries, the person among the results, results in all. */
    final Map<Kind, long[]> found = new EnumMap<>(Kind.class);

    void record(Query q, Object answer) {
      if (answer instanceof MatchResult result) {
        long[] d = decisions.computeIfAbsent(q.kind(), k -> new long[3]);
        d[result.decision().ordinal()]++;
        if (q.kind() == Kind.KNOWN) {
          long[] k = known.computeIfAbsent(q.variation(), v -> new long[5]);
          boolean listed =
              result.candidates().stream()
                  .anyMatch(c -> c.patientId().value().equals(q.expected()));
          if (result.decision() == Band.MATCH) {
            k[
                listed && result.candidates().getFirst().patientId().value().equals(q.expected())
                    ? 0
                    : 1]++;
          } else if (result.decision() == Band.POSSIBLE) {
            k[listed ? 2 : 3]++;
          } else {
            k[4]++;
          }
        }
      } else if (answer instanceof List<?> list) {
        long[] f = found.computeIfAbsent(q.kind(), k -> new long[3]);
        f[0]++;
        f[2] += list.size();
        for (Object o : list) {
          if (o instanceof Patient p && p.id().value().equals(q.expected())) {
            f[1]++;
            break;
          }
        }
      }
    }

    void report(Report report) {
      report.line("");
      report.line("### Decisions, in process, against the generator's truth");
      report.line("");
      report.line(
          "| registered patient presenting with | queries | match, right record | match, another"
              + " record | possible, right record listed | possible, not listed | none |");
      report.line("|---|---:|---:|---:|---:|---:|---:|");
      long[] all = new long[5];
      for (Variation v : Variation.values()) {
        long[] k = known.getOrDefault(v, new long[5]);
        long n = k[0] + k[1] + k[2] + k[3] + k[4];
        for (int i = 0; i < 5; i++) {
          all[i] += k[i];
        }
        report.line(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d | %d | %d | %d |",
                v.label,
                n,
                k[0],
                k[1],
                k[2],
                k[3],
                k[4]));
      }
      report.line(
          String.format(
              Locale.ROOT,
              "| **all** | %d | %d | %d | %d | %d | %d |",
              all[0] + all[1] + all[2] + all[3] + all[4],
              all[0],
              all[1],
              all[2],
              all[3],
              all[4]));
      report.line("");
      report.line("| query | match | possible | none |");
      report.line("|---|---:|---:|---:|");
      for (Kind kind : List.of(Kind.KNOWN, Kind.NEW, Kind.COMMON)) {
        long[] d = decisions.getOrDefault(kind, new long[3]);
        report.line(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d |",
                kind.label,
                d[Band.MATCH.ordinal()],
                d[Band.POSSIBLE.ordinal()],
                d[Band.NONE.ordinal()]));
      }
      report.line("");
      report.line("| search | queries | the person among the results | mean results |");
      report.line("|---|---:|---:|---:|");
      for (Kind kind : List.of(Kind.SEARCH_NAME, Kind.SEARCH_PHONE, Kind.SEARCH_BIRTH)) {
        long[] f = found.getOrDefault(kind, new long[3]);
        report.line(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d (%.1f%%) | %.1f |",
                kind.label,
                f[0],
                f[1],
                100.0 * f[1] / Math.max(1, f[0]),
                (double) f[2] / Math.max(1, f[0])));
      }
    }
  }

  /** The blocking alone, the application's {@link Candidates#of}: its size and its time. */
  private void blocking(Report report, Map<Kind, List<Query>> queries) {
    report.line("");
    report.line("### Candidates per match (the blocking's size)");
    report.line("");
    report.line(
        "The in-process match queries above again, through `Candidates.of` alone (the blocking"
            + " statement and the opening of every candidate's sealed numbers, addresses and"
            + " identifiers; no scoring), one caller at a time. Caps: "
            + StoredForm.NAME_BLOCK_CAP
            + " records per name-sound block (nearest birth dates first), "
            + StoredForm.BLOCK_CAP
            + " per birth-date, phone, e-mail block; \"name blocks full\" counts the matches in"
            + " which a name-sound block reached its cap.");
    report.line("");
    report.line(
        "| query | queries | candidates p50 | p90 | p99 | max | mean | name blocks full | blocking"
            + " p50 ms"
            + " | p99 ms | max ms |");
    report.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Map<String, Histogram> byName = new LinkedHashMap<>();
    for (Kind kind : List.of(Kind.KNOWN, Kind.NEW, Kind.COMMON)) {
      Histogram sizes = new Histogram(3);
      Latencies time = new Latencies();
      long capped = 0;
      for (Query q : queries.get(kind)) {
        long start = System.nanoTime();
        int n = candidates.of(q.traits(), null).size();
        time.since(start);
        sizes.recordValue(n);
        if (StoredForm.nameBlockFull(JdbcClient.create(jdbc), q.traits())) {
          capped++;
        }
        if (kind == Kind.COMMON) {
          byName.computeIfAbsent(q.name(), k -> new Histogram(3)).recordValue(n);
        }
      }
      Latencies.Summary t = time.take();
      report.line(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %d | %.1f | %d | %.2f | %.2f | %.2f |",
              kind.label,
              sizes.getTotalCount(),
              sizes.getValueAtPercentile(50),
              sizes.getValueAtPercentile(90),
              sizes.getValueAtPercentile(99),
              sizes.getMaxValue(),
              sizes.getMean(),
              capped,
              t.p50(),
              t.p99(),
              t.max()));
    }
    report.line("");
    StringBuilder names = new StringBuilder();
    byName.forEach(
        (name, h) ->
            names
                .append(names.isEmpty() ? "" : ", ")
                .append(
                    String.format(
                        Locale.ROOT, "%s %d–%d", name, h.getMinValue(), h.getMaxValue())));
    report.line("Candidates of the very common names (min–max over their queries): " + names + ".");
  }

  /** Matches per second from several callers at once, in process then over HTTP. */
  private void throughput(Report report, Map<Kind, List<Query>> queries, int threads, int calls)
      throws Exception {
    // A front desk's mix: six re-presenting patients, three new ones, one very common name.
    List<Query> mix = new ArrayList<>();
    List<Query> known = queries.get(Kind.KNOWN);
    List<Query> fresh = queries.get(Kind.NEW);
    List<Query> common = queries.get(Kind.COMMON);
    for (int i = 0; mix.size() < calls; i++) {
      int slot = i % 10;
      mix.add(
          slot < 6
              ? known.get(i % known.size())
              : slot < 9 ? fresh.get(i % fresh.size()) : common.get(i % common.size()));
    }
    report.line("");
    report.line("### Throughput, " + threads + " concurrent callers");
    report.line("");
    report.line(
        "Each caller sends one match at a time; a front desk's mix (6 re-presenting, 3 new, 1 very"
            + " common name in 10), "
            + calls
            + " matches per side. Over HTTP every match also writes its audit row"
            + " (`patient.match.query`).");
    report.line("");
    report.line(
        "| side | matches | seconds | matches/s | p50 ms | p90 ms | p99 ms | max ms | CPU s JVM /"
            + " machine | CPU by part |");
    report.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (boolean overHttp : new boolean[] {false, true}) {
      Latencies latencies = new Latencies();
      AtomicInteger next = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      Machine.Cpu cpu = Machine.Cpu.now();
      long began = System.nanoTime();
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < mix.size(); i = next.getAndIncrement()) {
                    Query q = mix.get(i);
                    long start = System.nanoTime();
                    if (overHttp) {
                      HttpResponse<String> response = send(q);
                      latencies.since(start);
                      answered(q, response);
                    } else {
                      call(q);
                      latencies.since(start);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      Machine.Cpu spent = Machine.Cpu.now().since(cpu);
      pool.shutdown();
      Latencies.Summary s = latencies.take();
      report.line(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %.1f / %.1f | %s |",
              overHttp ? "HTTP" : "in process",
              s.count(),
              seconds,
              s.count() / seconds,
              s.p50(),
              s.p90(),
              s.p99(),
              s.max(),
              spent.jvm(),
              spent.machine(),
              spent.describe()));
    }
  }

  private static int number(Map<String, String> options, String name, int fallback) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
  }
}
