package org.accueil.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.patients.PhoneNumbers;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.FieldCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What sealing the registry's phone numbers costs: encrypting, decrypting and indexing one field,
 * and finding a patient by phone among {@link History#PATIENTS} through the blind index ({@code
 * Patients.search}) against the lookup as it was before encryption, run on the same people kept in
 * clear in a side table of the old layout, with the old statement: once without an index on the
 * phone (as the registry was), once with one (to isolate the cost of the cryptography).
 */
final class ContactBenchmark {

  static final String PLAINTEXT_TABLE = "bench_plaintext_patient";

  /** Microseconds per operation, mean over the measured calls. */
  record FieldCost(double encrypt, double decrypt, double index, double candidates) {}

  /** Each plaintext side is measured in alternation with a sealed side of its own. */
  record Lookups(
      Latencies.Summary sealed,
      Latencies.Summary plaintext,
      Latencies.Summary sealedAgain,
      Latencies.Summary plaintextIndexed) {}

  /** The registry's table as V3 created it: phone in clear, no index on it. */
  static void createPlaintextTable(JdbcTemplate jdbc) {
    jdbc.execute(
        "CREATE TABLE "
            + PLAINTEXT_TABLE
            + " (id uuid PRIMARY KEY, given_name text NOT NULL, family_name text NOT NULL,"
            + " birth_date date NOT NULL, phone text, email text,"
            + " created_at timestamptz NOT NULL DEFAULT now())");
    jdbc.execute(
        "CREATE INDEX ON "
            + PLAINTEXT_TABLE
            + " (lower(family_name), lower(given_name), birth_date)");
  }

  private final FieldCipher cipher;
  private final BlindIndex index;
  private final Patients patients;
  private final JdbcClient jdbc;
  private final Random random = new Random(20_260_330);

  ContactBenchmark(FieldCipher cipher, BlindIndex index, Patients patients, JdbcClient jdbc) {
    this.cipher = cipher;
    this.index = index;
    this.patients = patients;
    this.jdbc = jdbc;
  }

  FieldCost fieldCost(int warmup, int measured) {
    String phone = History.phoneOf(12_345);
    byte[] sealed = cipher.encrypt(phone, "patient.phone");
    long sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += cipher.encrypt(phone, "patient.phone").length;
      sink += cipher.decrypt(sealed, "patient.phone").length();
      sink += index.of("patient.phone", phone).length;
      sink += index.candidates("patient.phone", phone).size();
    }
    long start = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      sink += cipher.encrypt(phone, "patient.phone").length;
    }
    double encrypt = micros(start, measured);
    start = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      sink += cipher.decrypt(sealed, "patient.phone").length();
    }
    double decrypt = micros(start, measured);
    start = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      sink += index.of("patient.phone", phone).length;
    }
    double indexing = micros(start, measured);
    start = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      sink += index.candidates("patient.phone", phone).size();
    }
    double candidates = micros(start, measured);
    if (sink == 42) {
      System.out.println("(keeps the JIT from removing the loops)");
    }
    return new FieldCost(encrypt, decrypt, indexing, candidates);
  }

  /** Each side looks up the same random patients, in alternating blocks. */
  Lookups lookups(int warmup, int measured, int blocks) {
    Latencies sealed = new Latencies();
    Latencies plaintext = new Latencies();
    Latencies indexed = new Latencies();
    for (int i = 0; i < warmup; i++) {
      String phone = nationalForm(random.nextInt(History.PATIENTS));
      check(phone, patients.search(null, null, phone, 5));
      check(phone, plaintextSearch(phone));
    }
    int perBlock = Math.max(1, measured / blocks);
    for (int block = 0; block < blocks; block++) {
      measure(sealed, perBlock, phone -> patients.search(null, null, phone, 5));
      measure(plaintext, perBlock, this::plaintextSearch);
    }
    Latencies.Summary sealedFirst = sealed.take();
    jdbc.sql("CREATE INDEX ON " + PLAINTEXT_TABLE + " (phone)").update();
    jdbc.sql("ANALYZE " + PLAINTEXT_TABLE).update();
    for (int i = 0; i < warmup; i++) {
      plaintextSearch(nationalForm(random.nextInt(History.PATIENTS)));
    }
    for (int block = 0; block < blocks; block++) {
      measure(sealed, perBlock, phone -> patients.search(null, null, phone, 5));
      measure(indexed, perBlock, this::plaintextSearch);
    }
    return new Lookups(sealedFirst, plaintext.take(), sealed.take(), indexed.take());
  }

  private void measure(
      Latencies latencies, int calls, java.util.function.Function<String, List<Patient>> search) {
    for (int i = 0; i < calls; i++) {
      String phone = nationalForm(random.nextInt(History.PATIENTS));
      long start = System.nanoTime();
      List<Patient> found = search.apply(phone);
      latencies.since(start);
      check(phone, found);
    }
  }

  /** "06 12 34 56 78", as the front desk types it: both sides normalise it first. */
  private static String nationalForm(int patient) {
    return "0" + History.phoneOf(patient).substring(3);
  }

  private static void check(String phone, List<Patient> found) {
    if (found.size() != 1) {
      throw new IllegalStateException(phone + " found " + found);
    }
  }

  /** Patients.search and PatientRepository.search as they were before encryption. */
  private List<Patient> plaintextSearch(String phone) {
    String e164 = PhoneNumbers.toE164(phone, "FR").orElseThrow();
    return jdbc.sql(
            "SELECT id, given_name, family_name, birth_date, phone, email FROM "
                + PLAINTEXT_TABLE
                + """
                 WHERE (CAST(:family AS text) IS NULL OR lower(family_name) LIKE lower(:family) || '%')
                  AND (CAST(:birth AS date) IS NULL OR birth_date = :birth)
                  AND (CAST(:phone AS text) IS NULL OR phone = :phone)
                ORDER BY lower(family_name), lower(given_name), birth_date
                LIMIT :limit
                """)
        .param("family", null)
        .param("birth", null)
        .param("phone", e164)
        .param("limit", 5)
        .query(
            (rs, n) ->
                Patient.of(
                    PatientId.of(rs.getObject("id", UUID.class)),
                    rs.getString("given_name"),
                    rs.getString("family_name"),
                    rs.getObject("birth_date", LocalDate.class),
                    rs.getString("phone"),
                    rs.getString("email")))
        .list();
  }

  private static double micros(long startNanos, int calls) {
    return (System.nanoTime() - startNanos) / 1e3 / calls;
  }
}
