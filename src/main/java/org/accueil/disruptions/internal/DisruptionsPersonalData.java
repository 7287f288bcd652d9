package org.accueil.disruptions.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accueil.patients.PatientId;
import org.accueil.privacy.PersonalDataContributor;
import org.springframework.stereotype.Component;

/**
 * What a disruption recorded of a patient (the visit that was in the blocked time, what became of
 * it) in their data export; on erasure the rows go (the disruption counts one patient fewer).
 */
@Component
class DisruptionsPersonalData implements PersonalDataContributor {

  private final DisruptionStore store;

  DisruptionsPersonalData(DisruptionStore store) {
    this.store = store;
  }

  @Override
  public String section() {
    return "disruptions";
  }

  @Override
  public Object export(PatientId patient) {
    return store.ofPatient(patient).stream()
        .map(
            r -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("disruption", r.disruption().toString());
              row.put("appointment", r.appointment().value().toString());
              row.put("originalStart", r.originalStart().toString());
              row.put("state", r.state().code());
              row.put("channel", r.channel() == null ? "" : r.channel());
              row.put("newStart", r.newStart() == null ? "" : r.newStart().toString());
              return row;
            })
        .toList();
  }

  @Override
  public void erase(PatientId patient) {
    store.forget(List.of(patient));
  }
}
