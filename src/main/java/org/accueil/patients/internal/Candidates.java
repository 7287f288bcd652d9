package org.accueil.patients.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.Sex;
import org.accueil.patients.matching.NameKeys;
import org.accueil.patients.matching.NamePhonetics;
import org.accueil.patients.matching.Traits;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds the records a probe may be (blocking), without reading the registry: by birth date (and
 * with day and month exchanged), by the sound of family and given names (also swapped, also against
 * the name at birth), by any phone number, e-mail address or identifier the probe carries. France's
 * identity-vigilance guidance searches by birth date first; the sounds catch a wrong birth date,
 * the contact points a wrong name. Each block is an index lookup; the candidates come back in one
 * statement with all their phone numbers, e-mail addresses and identifiers, opened.
 */
@Repository
public class Candidates {

  /**
   * More records than a birth date holds in a large registry (about 7 in 200,000 patients) or a
   * phone number in a family; the cap keeps a number shared by a whole care home from reading
   * hundreds of rows.
   */
  static final int PER_BLOCK = 100;

  /** The records of a name's sound read, nearest in birth date first. */
  static final int PER_NAME_BLOCK = 50;

  /** A record found, and what it knows of the person. */
  public record Candidate(UUID id, Traits traits) {}

  private final JdbcClient jdbc;
  private final Sealer sealer;

  Candidates(JdbcClient jdbc, Sealer sealer) {
    this.jdbc = jdbc;
    this.sealer = sealer;
  }

  /**
   * @param excluding a record not to return (the probe's own, when it is one)
   */
  public List<Candidate> of(Traits probe, @Nullable UUID excluding) {
    List<String> blocks = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    if (probe.birthDate() != null) {
      List<LocalDate> dates = new ArrayList<>(List.of(probe.birthDate()));
      swapped(probe.birthDate()).ifPresent(dates::add);
      blocks.add(block("birth_date IN (:dates)", null, PER_BLOCK));
      params.put("dates", dates);
      params.put("birth", probe.birthDate());
    }
    // A common name's sound (Marie Martin) holds hundreds of records: the nearest in birth date
    // are the ones a typo in the date could hide.
    String nearest = probe.birthDate() == null ? null : "abs(birth_date - CAST(:birth AS date))";
    String family = sound(probe.familyName(), false);
    String given = sound(probe.givenName(), true);
    String birthFamily = sound(probe.birthFamilyName(), false);
    if (family != null && given != null) {
      blocks.add(block("family_sound = :fs AND given_sound = :gs", nearest, PER_NAME_BLOCK));
      blocks.add(block("birth_family_sound = :fs AND given_sound = :gs", nearest, PER_NAME_BLOCK));
      params.put("fs", family);
      params.put("gs", given);
      // Names written in each other's place: the given name's sound is of its first word.
      blocks.add(block("family_sound = :sfs AND given_sound = :sgs", nearest, PER_NAME_BLOCK));
      params.put("sfs", sound(probe.givenName(), false));
      params.put("sgs", sound(probe.familyName(), true));
    }
    if (birthFamily != null && given != null) {
      blocks.add(block("family_sound = :bfs AND given_sound = :gs", nearest, PER_NAME_BLOCK));
      params.put("bfs", birthFamily);
      params.put("gs", given);
    }
    contactBlocks(probe.phones(), "phone", ContactEncryption.PHONE, blocks, params);
    contactBlocks(probe.emails(), "email", ContactEncryption.EMAIL, blocks, params);
    int n = 0;
    for (String identifier : probe.identifiers()) {
      int bar = identifier.indexOf('|');
      blocks.add(
          ("(SELECT patient_id FROM patient_identifier WHERE system = :system%d"
                  + " AND value_index IN (:value%d))")
              .formatted(n, n));
      params.put("system" + n, identifier.substring(0, bar));
      params.put(
          "value" + n,
          sealer.candidates(identifier.substring(bar + 1), ContactEncryption.IDENTIFIER));
      n++;
    }
    if (blocks.isEmpty()) {
      return List.of();
    }
    params.put("excluding", excluding == null ? new UUID(0, 0) : excluding);
    return read(
        String.join(" UNION ", blocks),
        "p.status <> 'merged' AND p.erased_at IS NULL AND p.id <> :excluding",
        params);
  }

  /** One block of live records, at most {@code cap}, the first by {@code order} when given. */
  private static String block(String condition, @Nullable String order, int cap) {
    return "(SELECT id FROM patient WHERE "
        + condition
        + " AND status <> 'merged' AND erased_at IS NULL"
        + (order == null ? "" : " ORDER BY " + order)
        + " LIMIT "
        + cap
        + ")";
  }

  /** What the registry knows of each of {@code ids} that exists, merged or not. */
  public Map<UUID, Traits> traitsOf(java.util.Collection<UUID> ids) {
    Map<UUID, Traits> traits = new LinkedHashMap<>();
    read("SELECT id FROM patient WHERE id IN (:ids)", "TRUE", Map.of("ids", ids))
        .forEach(c -> traits.put(c.id(), c.traits()));
    return traits;
  }

  private List<Candidate> read(String found, String where, Map<String, ?> params) {
    String sql =
        "WITH found AS ("
            + found
            + ") SELECT p.id, p.given_name, p.family_name, p.birth_family_name, p.birth_date, p.sex,"
            + " p.phone_ciphertext, p.email_ciphertext,"
            + " ARRAY(SELECT t.phone_ciphertext FROM patient_telecom t"
            + "        WHERE t.patient_id = p.id AND t.phone_ciphertext IS NOT NULL) AS telecom_phones,"
            + " ARRAY(SELECT t.email_ciphertext FROM patient_telecom t"
            + "        WHERE t.patient_id = p.id AND t.email_ciphertext IS NOT NULL) AS telecom_emails,"
            + " ARRAY(SELECT c.phone_ciphertext FROM channel_identity c"
            + "        WHERE c.patient_id = p.id AND c.phone_ciphertext IS NOT NULL) AS channel_phones,"
            + " ARRAY(SELECT c.email_ciphertext FROM channel_identity c"
            + "        WHERE c.patient_id = p.id AND c.email_ciphertext IS NOT NULL) AS channel_emails,"
            + " ARRAY(SELECT i.system FROM patient_identifier i"
            + "        WHERE i.patient_id = p.id ORDER BY i.id) AS identifier_systems,"
            + " ARRAY(SELECT i.value_ciphertext FROM patient_identifier i"
            + "        WHERE i.patient_id = p.id ORDER BY i.id) AS identifier_values"
            + " FROM patient p JOIN found f ON f.id = p.id WHERE "
            + where;
    return jdbc.sql(sql).params(params).query(this::candidate).list();
  }

  private void contactBlocks(
      Set<String> values,
      String column,
      String purpose,
      List<String> blocks,
      Map<String, Object> params) {
    if (values.isEmpty()) {
      return;
    }
    String name = column + "s";
    blocks.add(block(column + "_index IN (:" + name + ")", null, PER_BLOCK));
    for (String table : List.of("patient_telecom", "channel_identity")) {
      blocks.add(
          "(SELECT patient_id FROM "
              + table
              + " WHERE "
              + column
              + "_index IN (:"
              + name
              + ") LIMIT "
              + PER_BLOCK
              + ")");
    }
    params.put(name, values.stream().flatMap(v -> sealer.candidates(v, purpose).stream()).toList());
  }

  private static @Nullable String sound(@Nullable String name, boolean given) {
    if (name == null) {
      return null;
    }
    String key = NameKeys.key(name);
    return given ? MatchingKeys.givenSound(key) : NamePhonetics.blockingKey(key);
  }

  static java.util.Optional<LocalDate> swapped(LocalDate date) {
    if (date.getDayOfMonth() > 12 || date.getDayOfMonth() == date.getMonthValue()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(
          LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue()));
    } catch (java.time.DateTimeException e) {
      return java.util.Optional.empty();
    }
  }

  private Candidate candidate(ResultSet rs, int n) throws SQLException {
    Set<String> phones = new HashSet<>();
    Set<String> emails = new HashSet<>();
    add(phones, sealer.open(rs.getBytes("phone_ciphertext"), ContactEncryption.PHONE));
    add(emails, sealer.open(rs.getBytes("email_ciphertext"), ContactEncryption.EMAIL));
    for (byte[] sealed : bytes(rs.getArray("telecom_phones"))) {
      add(phones, sealer.open(sealed, ContactEncryption.TELECOM_PHONE));
    }
    for (byte[] sealed : bytes(rs.getArray("telecom_emails"))) {
      add(emails, sealer.open(sealed, ContactEncryption.TELECOM_EMAIL));
    }
    for (byte[] sealed : bytes(rs.getArray("channel_phones"))) {
      add(phones, sealer.open(sealed, ContactEncryption.CHANNEL_PHONE));
    }
    for (byte[] sealed : bytes(rs.getArray("channel_emails"))) {
      add(emails, sealer.open(sealed, ContactEncryption.CHANNEL_EMAIL));
    }
    Set<String> identifiers = new HashSet<>();
    String[] systems = (String[]) rs.getArray("identifier_systems").getArray();
    List<byte[]> values = bytes(rs.getArray("identifier_values"));
    for (int i = 0; i < systems.length; i++) {
      identifiers.add(systems[i] + "|" + sealer.open(values.get(i), ContactEncryption.IDENTIFIER));
    }
    String sex = rs.getString("sex");
    return new Candidate(
        rs.getObject("id", UUID.class),
        new Traits(
            rs.getString("given_name"),
            rs.getString("family_name"),
            rs.getString("birth_family_name"),
            rs.getObject("birth_date", LocalDate.class),
            sex == null ? null : Sex.ofCode(sex).orElse(null),
            phones,
            emails,
            identifiers));
  }

  private static void add(Set<String> set, @Nullable String value) {
    if (value != null) {
      set.add(value);
    }
  }

  private static List<byte[]> bytes(@Nullable Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    List<byte[]> out = new ArrayList<>(values.length);
    for (Object value : values) {
      out.add((byte[]) value);
    }
    return out;
  }
}
