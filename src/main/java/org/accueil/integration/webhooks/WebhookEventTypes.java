package org.accueil.integration.webhooks;

import java.util.List;

/**
 * The event types an endpoint may subscribe to. Each payload is {@code {"type", "timestamp",
 * "data"}}; {@code data} carries ids and scheduling facts, never clinical content (no reason for
 * visit, no message text, no names).
 */
public final class WebhookEventTypes {

  public static final String APPOINTMENT_BOOKED = "appointment.booked";
  public static final String APPOINTMENT_RESCHEDULED = "appointment.rescheduled";
  public static final String APPOINTMENT_CANCELLED = "appointment.cancelled";
  public static final String APPOINTMENT_CHECKED_IN = "appointment.checked_in";
  public static final String APPOINTMENT_NO_SHOW = "appointment.no_show";
  public static final String PATIENT_CREATED = "patient.created";
  public static final String PATIENT_MERGED = "patient.merged";
  public static final String CONVERSATION_HANDED_OVER = "conversation.handed_over";

  /** Sent by {@code POST /api/v1/webhooks/{id}/test} only, whatever the endpoint subscribed to. */
  public static final String TEST = "webhook.test";

  public static final List<String> ALL =
      List.of(
          APPOINTMENT_BOOKED,
          APPOINTMENT_RESCHEDULED,
          APPOINTMENT_CANCELLED,
          APPOINTMENT_CHECKED_IN,
          APPOINTMENT_NO_SHOW,
          PATIENT_CREATED,
          PATIENT_MERGED,
          CONVERSATION_HANDED_OVER);

  private WebhookEventTypes() {}
}
