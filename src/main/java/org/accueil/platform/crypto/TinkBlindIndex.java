package org.accueil.platform.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HMAC-SHA256 through Tink's PRF set. An index is the 4-byte id of the key that made it followed by
 * the 32-byte HMAC of (purpose, value): the id lets a lookup try every key of the keyset while a
 * rotation is under way, and lets the resealing pass find indexes made with older keys.
 */
final class TinkBlindIndex implements BlindIndex {

  static final int LENGTH = 4 + 32;

  private final int primaryKeyId;
  private final List<Map.Entry<Integer, Prf>> keys;

  TinkBlindIndex(KeysetHandle keyset) {
    try {
      PrfSet set = keyset.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
      this.primaryKeyId = set.getPrimaryId();
      List<Map.Entry<Integer, Prf>> ordered = new ArrayList<>();
      ordered.add(Map.entry(primaryKeyId, set.getPrfs().get(primaryKeyId)));
      set.getPrfs().entrySet().stream()
          .filter(e -> e.getKey() != primaryKeyId)
          .forEach(e -> ordered.add(Map.entry(e.getKey(), e.getValue())));
      this.keys = List.copyOf(ordered);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public byte[] of(String purpose, String normalizedValue) {
    return index(keys.getFirst(), purpose, normalizedValue);
  }

  @Override
  public List<byte[]> candidates(String purpose, String normalizedValue) {
    List<byte[]> indexes = new ArrayList<>(keys.size());
    for (Map.Entry<Integer, Prf> key : keys) {
      indexes.add(index(key, purpose, normalizedValue));
    }
    return indexes;
  }

  int primaryKeyId() {
    return primaryKeyId;
  }

  static int keyIdOf(byte[] index) {
    return index.length < 4 ? 0 : ByteBuffer.wrap(index, 0, 4).getInt();
  }

  /**
   * The purpose is length-prefixed, so ("a", "bc") and ("ab", "c") are different inputs, and an
   * index of one field never equals an index of another.
   */
  private static byte[] index(Map.Entry<Integer, Prf> key, String purpose, String value) {
    byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] input =
        ByteBuffer.allocate(4 + p.length + v.length).putInt(p.length).put(p).put(v).array();
    try {
      byte[] mac = key.getValue().compute(input, 32);
      return ByteBuffer.allocate(LENGTH).putInt(key.getKey()).put(mac).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
