package org.accueil.patients.internal;

import org.accueil.patients.matching.NameKeys;
import org.accueil.patients.matching.NamePhonetics;
import org.accueil.patients.matching.Traits;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the registry stores a record, in the application's own words, for the benchmark's generator
 * (compiled only with {@code -Pbench}, see bench/README.md): the matching keys that {@link
 * PatientRepository#insert} computes with {@link MatchingKeys}, and the cipher contexts and index
 * purposes of {@link ContactEncryption}. Rows written by batched SQL with these are the rows the
 * repositories write, and stay so when the keys change.
 *
 * <p>It lives in this package, in the benchmark's sources, to read what the module keeps
 * package-private (as a test would) without widening anything in {@code src/main}.
 */
public final class StoredForm {

  /** The patient's main phone: the cipher context, and the index purpose of every phone. */
  public static final String PHONE = ContactEncryption.PHONE;

  /** The patient's main e-mail: the cipher context, and the index purpose of every e-mail. */
  public static final String EMAIL = ContactEncryption.EMAIL;

  public static final String ADDRESS = ContactEncryption.ADDRESS;
  public static final String TELECOM_PHONE = ContactEncryption.TELECOM_PHONE;
  public static final String TELECOM_EMAIL = ContactEncryption.TELECOM_EMAIL;
  public static final String CHANNEL_PHONE = ContactEncryption.CHANNEL_PHONE;
  public static final String CHANNEL_EMAIL = ContactEncryption.CHANNEL_EMAIL;

  /** A web chat token's cipher context, and its index purpose. */
  public static final String CHANNEL_TOKEN = ContactEncryption.CHANNEL_TOKEN;

  /** An identifier's cipher context, and its index purpose. */
  public static final String IDENTIFIER = ContactEncryption.IDENTIFIER;

  /** The most records one name-sound block gives a match ({@link Candidates}). */
  public static final int NAME_BLOCK_CAP = Candidates.PER_NAME_BLOCK;

  /** The most records any other block gives a match. */
  public static final int BLOCK_CAP = Candidates.PER_BLOCK;

  /**
   * Whether the probe's family and given name sounds hold more records than a name block reads:
   * then the blocking kept only those nearest in birth date.
   */
  public static boolean nameBlockFull(JdbcClient jdbc, Traits probe) {
    if (probe.familyName() == null || probe.givenName() == null) {
      return false;
    }
    long size =
        jdbc.sql(
                "SELECT count(*) FROM patient WHERE family_sound = :fs AND given_sound = :gs"
                    + " AND status <> 'merged' AND erased_at IS NULL")
            .param("fs", NamePhonetics.blockingKey(NameKeys.key(probe.familyName())))
            .param("gs", MatchingKeys.givenSound(NameKeys.key(probe.givenName())))
            .query(Long.class)
            .single();
    return size > Candidates.PER_NAME_BLOCK;
  }

  private StoredForm() {}

  /** The columns {@code given_key} to {@code search_text} of {@code patient}. */
  public record Keys(
      @Nullable String givenKey,
      @Nullable String familyKey,
      @Nullable String birthFamilyKey,
      @Nullable String givenSound,
      @Nullable String familySound,
      @Nullable String birthFamilySound,
      @Nullable String searchText) {}

  /** The keys {@link PatientRepository#insert} stores for these names (as normalised). */
  public static Keys keys(
      @Nullable String givenName, @Nullable String familyName, @Nullable String birthFamilyName) {
    MatchingKeys keys = MatchingKeys.of(givenName, familyName, birthFamilyName);
    return new Keys(
        keys.givenKey(),
        keys.familyKey(),
        keys.birthFamilyKey(),
        keys.givenSound(),
        keys.familySound(),
        keys.birthFamilySound(),
        keys.searchText());
  }

  /** The sound a given name is blocked on: that of its first word. */
  public static String givenSound(String givenKey) {
    return MatchingKeys.givenSound(givenKey);
  }
}
