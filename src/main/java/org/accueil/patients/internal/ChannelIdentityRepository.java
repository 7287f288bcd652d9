package org.accueil.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.accueil.patients.ChannelIdentity;
import org.accueil.patients.PatientId;
import org.accueil.patients.Verification;
import org.accueil.platform.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Addresses patients write from, each sealed in the column of its kind (a phone number, an e-mail
 * address, a web chat token) beside its blind index.
 */
@Repository
public class ChannelIdentityRepository {

  private static final String COLUMNS =
      "id, patient_id, channel, phone_ciphertext, email_ciphertext, token_ciphertext,"
          + " verification, verified_at, verified_by, created_at, last_seen_at";

  private final JdbcClient jdbc;
  private final Sealer sealer;
  private final OwnedRows rows;

  ChannelIdentityRepository(JdbcClient jdbc, Sealer sealer) {
    this.jdbc = jdbc;
    this.sealer = sealer;
    this.rows = new OwnedRows(jdbc, "channel_identity");
  }

  /** The column pair an address of {@code channel} is kept in, and how it is sealed. */
  private record Kind(String column, String context, String purpose) {}

  private static Kind kindOf(Channel channel) {
    return switch (channel) {
      case WHATSAPP, SMS, PHONE ->
          new Kind("phone", ContactEncryption.CHANNEL_PHONE, ContactEncryption.PHONE);
      case EMAIL -> new Kind("email", ContactEncryption.CHANNEL_EMAIL, ContactEncryption.EMAIL);
      case WEBCHAT ->
          new Kind("token", ContactEncryption.CHANNEL_TOKEN, ContactEncryption.CHANNEL_TOKEN);
    };
  }

  /** Links the address to the patient, unless it is linked already; the link either way. */
  public ChannelIdentity link(UUID patient, Channel channel, String address, Instant at) {
    Optional<ChannelIdentity> known =
        at(channel, address).stream().filter(c -> c.patient().value().equals(patient)).findFirst();
    if (known.isPresent()) {
      return known.get();
    }
    Kind kind = kindOf(channel);
    UUID id = Ids.newId();
    int inserted =
        jdbc.sql(
                "INSERT INTO channel_identity (id, patient_id, channel, "
                    + kind.column()
                    + "_ciphertext, "
                    + kind.column()
                    + "_index, created_at) VALUES (:id, :patient, :channel, :sealed, :index, :at)"
                    + " ON CONFLICT DO NOTHING")
            .param("id", id)
            .param("patient", patient)
            .param("channel", channel.code())
            .param("sealed", sealer.seal(address, kind.context()))
            .param("index", sealer.index(address, kind.purpose()))
            .param("at", at.atOffset(ZoneOffset.UTC))
            .update();
    if (inserted == 0) {
      // Two messages from one new address, handled at once: the other linked it first.
      return at(channel, address).stream()
          .filter(c -> c.patient().value().equals(patient))
          .findFirst()
          .orElseThrow();
    }
    return new ChannelIdentity(
        id, PatientId.of(patient), channel, address, Verification.UNVERIFIED, null, null, at, null);
  }

  /** The patients linked to {@code address} on {@code channel}, oldest link first. */
  public List<ChannelIdentity> at(Channel channel, String address) {
    Kind kind = kindOf(channel);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM channel_identity c WHERE channel = :channel AND "
                + kind.column()
                + "_index IN (:indexes)"
                + " AND EXISTS (SELECT 1 FROM patient p WHERE p.id = c.patient_id"
                + " AND p.status <> 'merged' AND p.erased_at IS NULL)"
                + " ORDER BY created_at, id")
        .param("channel", channel.code())
        .param("indexes", sealer.candidates(address, kind.purpose()))
        .query(this::identity)
        .list();
  }

  /**
   * The patients linked to {@code phone} on any phone channel (WhatsApp, SMS, voice), oldest link
   * first: one number is one person's phone whatever app they use on it.
   */
  public List<ChannelIdentity> atAnyPhoneChannel(String phone) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM channel_identity c WHERE channel IN ('whatsapp', 'sms', 'phone')"
                + " AND phone_index IN (:indexes)"
                + " AND EXISTS (SELECT 1 FROM patient p WHERE p.id = c.patient_id"
                + " AND p.status <> 'merged' AND p.erased_at IS NULL)"
                + " ORDER BY created_at, id")
        .param("indexes", sealer.candidates(phone, ContactEncryption.PHONE))
        .query(this::identity)
        .list();
  }

  public Optional<ChannelIdentity> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM channel_identity WHERE id = :id")
        .param("id", id)
        .query(this::identity)
        .optional();
  }

  public List<ChannelIdentity> of(UUID patient) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM channel_identity WHERE patient_id = :patient ORDER BY created_at, id")
        .param("patient", patient)
        .query(this::identity)
        .list();
  }

  public void verify(UUID id, Verification how, String by, Instant at) {
    jdbc.sql(
            """
            UPDATE channel_identity SET verification = :how, verified_at = :at, verified_by = :by
             WHERE id = :id
            """)
        .param("id", id)
        .param("how", how.code())
        .param("at", at.atOffset(ZoneOffset.UTC))
        .param("by", by)
        .update();
  }

  public void seen(UUID id, Instant at) {
    jdbc.sql("UPDATE channel_identity SET last_seen_at = :at WHERE id = :id")
        .param("id", id)
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }

  public boolean delete(UUID patient, UUID id) {
    return rows.delete(patient, id);
  }

  public void deleteAll(Collection<UUID> patients) {
    rows.deleteAll(patients);
  }

  /**
   * Moves {@code from}'s identities to {@code to}, but those {@code to} has on the same address.
   */
  public List<UUID> moveAll(UUID from, UUID to) {
    return jdbc.sql(
            """
            UPDATE channel_identity c SET patient_id = :to
             WHERE c.patient_id = :from
               AND NOT EXISTS (SELECT 1 FROM channel_identity o
                                WHERE o.patient_id = :to AND o.channel = c.channel
                                  AND coalesce(o.phone_index, o.email_index, o.token_index)
                                      = coalesce(c.phone_index, c.email_index, c.token_index))
            RETURNING c.id
            """)
        .param("from", from)
        .param("to", to)
        .query(UUID.class)
        .list();
  }

  public void moveBack(Collection<UUID> ids, UUID from, UUID to) {
    rows.moveBack(ids, from, to);
  }

  private ChannelIdentity identity(ResultSet rs, int n) throws SQLException {
    Channel channel = Channel.ofCode(rs.getString("channel")).orElseThrow();
    Kind kind = kindOf(channel);
    String address = sealer.open(rs.getBytes(kind.column() + "_ciphertext"), kind.context());
    return new ChannelIdentity(
        rs.getObject("id", UUID.class),
        PatientId.of(rs.getObject("patient_id", UUID.class)),
        channel,
        Objects.requireNonNull(address),
        Verification.ofCode(rs.getString("verification")).orElseThrow(),
        instant(rs.getObject("verified_at", OffsetDateTime.class)),
        rs.getString("verified_by"),
        Objects.requireNonNull(instant(rs.getObject("created_at", OffsetDateTime.class))),
        instant(rs.getObject("last_seen_at", OffsetDateTime.class)));
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
