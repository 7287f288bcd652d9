package org.accueil.notifications;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a notification tells the patient. */
public enum NotificationKind {
  /** The booking's confirmation. */
  BOOKED("booked", "appointment-confirmation"),
  /** The appointment moved: its new time. */
  MOVED("moved", "appointment-moved"),
  CANCELLED("cancelled", "appointment-cancelled"),
  /** Before the visit, asking the patient to confirm. */
  REMINDER("reminder", "appointment-reminder"),
  /** After the visit, what the appointment type asks for (book the post-operative check). */
  AFTER_VISIT("after-visit", "visit-follow-up"),
  /** After a missed visit: an offer to book again. */
  NO_SHOW("no-show", "missed-appointment"),
  /** The results are on the practice's portal (never the results themselves). */
  RESULTS_READY("results-ready", "results-ready"),
  /** A freed slot offered to a patient on the waitlist. */
  WAITLIST_OFFER("waitlist-offer", "waitlist-offer"),
  /** A form to fill in before the visit (or sent by hand): its link. */
  QUESTIONNAIRE("questionnaire", "questionnaire-request"),
  /** The form is still unanswered a set time before the visit. */
  QUESTIONNAIRE_REMINDER("questionnaire-reminder", "questionnaire-reminder"),
  /** After a visit or a resolved conversation: a rating from 1 to 5 (module satisfaction). */
  SATISFACTION("satisfaction", "satisfaction-survey"),
  /**
   * The provider cannot see the patient as planned: the times held for them instead (module
   * disruptions).
   */
  DISRUPTION("disruption", "appointment-disruption");

  private final String code;
  private final String templatePurpose;

  NotificationKind(String code, String templatePurpose) {
    this.code = code;
    this.templatePurpose = templatePurpose;
  }

  @JsonValue
  public String code() {
    return code;
  }

  /** The purpose of the practice's approved WhatsApp template for it. */
  public String templatePurpose() {
    return templatePurpose;
  }

  public static NotificationKind ofCode(String code) {
    return Arrays.stream(values())
        .filter(k -> k.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown notification kind " + code));
  }
}
