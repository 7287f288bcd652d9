package org.accueil.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One message to a patient, planned or sent.
 *
 * @param status {@code scheduled}, {@code sent}, {@code skipped} (of no use any more, or nobody to
 *     send it to; {@code reason} says why) or {@code cancelled} (the appointment moved or was
 *     cancelled)
 * @param channel where it went
 */
public record Notification(
    UUID id,
    NotificationKind kind,
    UUID patientId,
    @Nullable UUID appointmentId,
    Instant dueAt,
    @Nullable Instant usefulUntil,
    String status,
    @Nullable String reason,
    @Nullable Channel channel,
    @Nullable Instant sentAt,
    Map<String, Object> data,
    Instant createdAt) {}
