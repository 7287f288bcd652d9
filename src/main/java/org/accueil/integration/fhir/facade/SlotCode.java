package org.accueil.integration.fhir.facade;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.ProviderId;

/**
 * A free slot's id, and a proposed appointment's: the schedule (provider), the appointment type and
 * the start, so that {@code $hold} and {@code $book} can take it back without anything being
 * stored. The same slot always has the same id.
 *
 * <p>41 bytes (a version, two UUIDs, epoch seconds) in base64url without padding, with {@code .}
 * for {@code _}: 55 characters, within what a FHIR id allows ({@code [A-Za-z0-9\-\.]{1,64}}).
 */
record SlotCode(ProviderId provider, AppointmentTypeId type, Instant start) {

  private static final byte VERSION = 1;
  private static final int LENGTH = 1 + 16 + 16 + 8;

  String id() {
    ByteBuffer bytes = ByteBuffer.allocate(LENGTH);
    bytes.put(VERSION);
    put(bytes, provider.value());
    put(bytes, type.value());
    bytes.putLong(start.getEpochSecond());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array()).replace('_', '.');
  }

  /** The slot {@code id} names, if it is one of ours. */
  static Optional<SlotCode> parse(String id) {
    if (id.length() != 55 || !id.matches("[A-Za-z0-9\\-.]+")) {
      return Optional.empty();
    }
    byte[] decoded;
    try {
      decoded = Base64.getUrlDecoder().decode(id.replace('.', '_'));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    ByteBuffer bytes = ByteBuffer.wrap(decoded);
    if (decoded.length != LENGTH || bytes.get() != VERSION) {
      return Optional.empty();
    }
    UUID provider = new UUID(bytes.getLong(), bytes.getLong());
    UUID type = new UUID(bytes.getLong(), bytes.getLong());
    return Optional.of(
        new SlotCode(
            ProviderId.of(provider),
            AppointmentTypeId.of(type),
            Instant.ofEpochSecond(bytes.getLong())));
  }

  private static void put(ByteBuffer bytes, UUID id) {
    bytes.putLong(id.getMostSignificantBits());
    bytes.putLong(id.getLeastSignificantBits());
  }
}
