package org.accueil.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.accueil.patients.ContactPoint;
import org.accueil.patients.Identifier;
import org.accueil.patients.internal.StoredForm;
import org.accueil.platform.Ids;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@link People.Person}s by batched SQL in exactly the form the registry's repositories
 * write them: the patient row of {@code PatientRepository#insert} (phone and e-mail sealed beside
 * their blind indexes, the address sealed as the application's JSON, the matching keys of the
 * application's own {@code MatchingKeys} through {@link StoredForm}), identifiers as {@code
 * IdentifierRepository#add}, other numbers and addresses as {@code ContactPointRepository#add},
 * channel identities as {@code ChannelIdentityRepository#link}; merge tombstones and erased records
 * as {@code markMerged} and {@code erase} leave them. Thousands of rows per round trip instead of
 * one call per record through the front door, which would take many minutes and prove nothing about
 * matching.
 */
final class PatientRows {

  private static final int BATCH = 1_000;
  private static final String BY = "import:bench";

  private final JdbcTemplate jdbc;
  private final FieldCipher cipher;
  private final BlindIndex index;
  private final JsonMapper json;
  private final List<Object[]> patients = new ArrayList<>();
  private final List<Object[]> identifiers = new ArrayList<>();
  private final List<Object[]> telecoms = new ArrayList<>();
  private final List<Object[]> channels = new ArrayList<>();
  private final long[] written = new long[4];

  PatientRows(JdbcTemplate jdbc, FieldCipher cipher, BlindIndex index, JsonMapper json) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.index = index;
    this.json = json;
  }

  /** Rows written so far: patients, identifiers, other contact points, channel identities. */
  long[] written() {
    return written.clone();
  }

  void add(People.Person p) {
    boolean erased = p.erasedAt() != null;
    StoredForm.Keys keys =
        erased
            ? new StoredForm.Keys(null, null, null, null, null, null, null)
            : StoredForm.keys(p.given(), p.family(), p.birthFamily());
    OffsetDateTime created = utc(p.createdAt());
    patients.add(
        new Object[] {
          p.id(),
          p.status(),
          p.origin(),
          p.given(),
          p.family(),
          p.birthFamily(),
          p.birth(),
          p.sex() == null ? null : p.sex().code(),
          seal(p.phone(), StoredForm.PHONE),
          blind(p.phone(), StoredForm.PHONE),
          seal(p.email(), StoredForm.EMAIL),
          blind(p.email(), StoredForm.EMAIL),
          p.address() == null
              ? null
              : seal(json.writeValueAsString(p.address()), StoredForm.ADDRESS),
          p.preferredLanguage(),
          p.preferredChannel(),
          p.mergedInto(),
          keys.givenKey(),
          keys.familyKey(),
          keys.birthFamilyKey(),
          keys.givenSound(),
          keys.familySound(),
          keys.birthFamilySound(),
          keys.searchText(),
          created,
          p.erasedAt() == null ? created : utc(p.erasedAt()),
          p.erasedAt() == null ? null : utc(p.erasedAt())
        });
    for (Identifier identifier : p.identifiers()) {
      identifiers.add(
          new Object[] {
            Ids.newId(),
            p.id(),
            identifier.system(),
            seal(identifier.value(), StoredForm.IDENTIFIER),
            blind(identifier.value(), StoredForm.IDENTIFIER),
            created,
            BY
          });
    }
    for (People.Telecom t : p.telecoms()) {
      boolean phone = t.system().equals(ContactPoint.PHONE);
      telecoms.add(
          new Object[] {
            Ids.newId(),
            p.id(),
            phone ? seal(t.value(), StoredForm.TELECOM_PHONE) : null,
            phone ? blind(t.value(), StoredForm.PHONE) : null,
            phone ? null : seal(t.value(), StoredForm.TELECOM_EMAIL),
            phone ? null : blind(t.value(), StoredForm.EMAIL),
            t.use(),
            created
          });
    }
    for (People.ChannelAddress c : p.channels()) {
      String column =
          c.channel().isPhone() ? "phone" : c.channel().code().equals("email") ? "email" : "token";
      channels.add(
          new Object[] {
            Ids.newId(),
            p.id(),
            c.channel().code(),
            column.equals("phone") ? seal(c.address(), StoredForm.CHANNEL_PHONE) : null,
            column.equals("phone") ? blind(c.address(), StoredForm.PHONE) : null,
            column.equals("email") ? seal(c.address(), StoredForm.CHANNEL_EMAIL) : null,
            column.equals("email") ? blind(c.address(), StoredForm.EMAIL) : null,
            column.equals("token") ? seal(c.address(), StoredForm.CHANNEL_TOKEN) : null,
            column.equals("token") ? blind(c.address(), StoredForm.CHANNEL_TOKEN) : null,
            c.verification(),
            c.verifiedAt() == null ? null : utc(c.verifiedAt()),
            c.verification().equals("staff") ? "user:bench" : null,
            created,
            c.verifiedAt() == null ? null : utc(c.verifiedAt())
          });
    }
    if (patients.size() >= BATCH) {
      flush();
    }
  }

  /** Writes what is pending: patients first, then the rows that refer to them. */
  void flush() {
    if (!patients.isEmpty()) {
      jdbc.batchUpdate(
          """
          INSERT INTO patient (id, status, origin, given_name, family_name, birth_family_name,
                               birth_date, sex, phone_ciphertext, phone_index, email_ciphertext,
                               email_index, address_ciphertext, preferred_language,
                               preferred_channel, merged_into, given_key, family_key,
                               birth_family_key, given_sound, family_sound, birth_family_sound,
                               search_text, created_at, updated_at, erased_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          patients);
      written[0] += patients.size();
      patients.clear();
    }
    if (!identifiers.isEmpty()) {
      jdbc.batchUpdate(
          """
          INSERT INTO patient_identifier (id, patient_id, system, value_ciphertext, value_index,
                                          created_at, created_by)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
          identifiers);
      written[1] += identifiers.size();
      identifiers.clear();
    }
    if (!telecoms.isEmpty()) {
      jdbc.batchUpdate(
          """
          INSERT INTO patient_telecom (id, patient_id, phone_ciphertext, phone_index,
                                       email_ciphertext, email_index, use, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
          telecoms);
      written[2] += telecoms.size();
      telecoms.clear();
    }
    if (!channels.isEmpty()) {
      jdbc.batchUpdate(
          """
          INSERT INTO channel_identity (id, patient_id, channel, phone_ciphertext, phone_index,
                                        email_ciphertext, email_index, token_ciphertext,
                                        token_index, verification, verified_at, verified_by,
                                        created_at, last_seen_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          channels);
      written[3] += channels.size();
      channels.clear();
    }
  }

  private byte @Nullable [] seal(@Nullable String value, String context) {
    return value == null ? null : cipher.encrypt(value, context);
  }

  private byte @Nullable [] blind(@Nullable String value, String purpose) {
    return value == null ? null : index.of(purpose, value);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
