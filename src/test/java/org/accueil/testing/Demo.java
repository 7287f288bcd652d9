package org.accueil.testing;

import java.time.ZoneId;
import org.accueil.demo.DemoPractice;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;

/**
 * The demo practice (Centre Médical Riverside), created in the context's database the first time a
 * test asks for it: {@code demo.practice().drJohnson()}.
 */
public final class Demo {

  private final PracticeAdministration administration;
  private final PracticeDirectory directory;
  private final TestClock clock;
  private DemoPractice practice;

  Demo(PracticeAdministration administration, PracticeDirectory directory, TestClock clock) {
    this.administration = administration;
    this.directory = directory;
    this.clock = clock;
  }

  public synchronized DemoPractice practice() {
    if (practice == null) {
      if (directory.snapshot().providers().stream()
          .anyMatch(p -> p.familyName().equals("Phillips"))) {
        throw new IllegalStateException(
            "The demo practice exists but was not created by this fixture");
      }
      practice =
          DemoPractice.create(
              administration, clock.instant().atZone(ZoneId.of("Europe/Paris")).toLocalDate());
    }
    return practice;
  }
}
