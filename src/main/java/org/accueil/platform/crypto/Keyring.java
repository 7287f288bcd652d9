package org.accueil.platform.crypto;

import com.google.crypto.tink.KeysetHandle;
import java.util.ArrayList;
import java.util.List;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;

/** The two keysets this process runs with, as loaded at start-up, and where they came from. */
record Keyring(Keysets keysets, KeysetHandle aead, KeysetHandle index) {

  KeysetHandle keyset(KeysetKind kind) {
    return kind == KeysetKind.AEAD ? aead : index;
  }

  int primaryKeyId(KeysetKind kind) {
    return keyset(kind).getPrimary().getId();
  }

  /** Ids of the keys other than the primary: those a rotation leaves for the resealing pass. */
  List<Integer> olderKeyIds(KeysetKind kind) {
    KeysetHandle keyset = keyset(kind);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < keyset.size(); i++) {
      if (!keyset.getAt(i).isPrimary()) {
        ids.add(keyset.getAt(i).getId());
      }
    }
    return ids;
  }
}
