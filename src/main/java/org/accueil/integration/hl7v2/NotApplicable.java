package org.accueil.integration.hl7v2;

/**
 * A stored message that cannot be applied as it is (an unmapped provider, a patient who cannot be
 * identified): it is kept, failed, for staff. The text names ids and fields, never the patient.
 */
final class NotApplicable extends RuntimeException {

  NotApplicable(String message) {
    super(message);
  }
}
