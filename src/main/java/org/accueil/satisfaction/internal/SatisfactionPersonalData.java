package org.accueil.satisfaction.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.accueil.patients.PatientId;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.privacy.PersonalDataContributor;
import org.springframework.stereotype.Component;

/**
 * A patient's ratings and comments in their data export; on erasure they are deleted (a report
 * counts one answer fewer: nothing the law makes the practice keep).
 */
@Component
class SatisfactionPersonalData implements PersonalDataContributor {

  private final RequestStore store;
  private final FieldCipher cipher;

  SatisfactionPersonalData(RequestStore store, FieldCipher cipher) {
    this.store = store;
    this.cipher = cipher;
  }

  @Override
  public String section() {
    return "satisfaction";
  }

  @Override
  public Object export(PatientId patient) {
    return store.ofPatient(patient).stream()
        .map(
            r -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("occasion", r.occasion());
              row.put("day", r.day().toString());
              row.put("status", r.status());
              row.put("score", r.score() == null ? "" : r.score());
              row.put("answeredAt", r.answeredAt() == null ? "" : r.answeredAt().toString());
              row.put(
                  "comment",
                  store
                      .sealedComment(r.id())
                      .map(c -> cipher.decrypt(c, RequestStore.COMMENT))
                      .orElse(""));
              return row;
            })
        .toList();
  }

  @Override
  public void erase(PatientId patient) {
    store.deletePatient(patient);
  }
}
