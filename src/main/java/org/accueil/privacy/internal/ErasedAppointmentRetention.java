package org.accueil.privacy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.accueil.patients.PatientId;
import org.accueil.privacy.PrivacyProperties;
import org.accueil.scheduling.Appointments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the past appointments of erased patients once they are older than {@code
 * accueil.privacy.appointment-retention}: kept anonymous until then for the practice's accounting,
 * they serve nothing after. Run once a day on one node by db-scheduler ({@link
 * PrivacyHousekeeping}).
 */
public class ErasedAppointmentRetention {

  private static final Logger log = LoggerFactory.getLogger(ErasedAppointmentRetention.class);

  /** Erased patients per statement: one short transaction each, whatever their number. */
  private static final int PAGE = 500;

  private final ErasureRepository erasures;
  private final Appointments appointments;
  private final PrivacyProperties properties;
  private final Clock clock;

  public ErasedAppointmentRetention(
      ErasureRepository erasures,
      Appointments appointments,
      PrivacyProperties properties,
      Clock clock) {
    this.erasures = erasures;
    this.appointments = appointments;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * @return how many appointments were deleted
   */
  public long sweep() {
    Instant cutoff = properties.appointmentCutoff(clock.instant());
    long deleted = 0;
    List<PatientId> page = erasures.erasedPatients(null, PAGE);
    while (!page.isEmpty()) {
      deleted += appointments.forgetVisitsBefore(page, cutoff);
      page = erasures.erasedPatients(page.getLast().value(), PAGE);
    }
    log.debug(
        "Appointment retention {}: deleted {} appointments of erased patients that ended before {}",
        properties.appointmentRetention(),
        deleted,
        cutoff);
    return deleted;
  }
}
