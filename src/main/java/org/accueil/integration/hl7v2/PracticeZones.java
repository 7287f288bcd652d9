package org.accueil.integration.hl7v2;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The zone an HL7 time without an offset is read in: its location's, else the practice's. */
@Component
class PracticeZones {

  private final PracticeDirectory practice;

  PracticeZones(PracticeDirectory practice) {
    this.practice = practice;
  }

  ZoneId of(@Nullable LocationId location) {
    PracticeSnapshot snapshot = practice.snapshot();
    if (location != null) {
      var found = snapshot.location(location);
      if (found.isPresent()) {
        return found.get().zone();
      }
    }
    return snapshot.locations().stream()
        .filter(Location::active)
        .map(Location::zone)
        .findFirst()
        .orElse(ZoneOffset.UTC);
  }
}
