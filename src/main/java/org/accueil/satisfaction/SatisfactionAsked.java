package org.accueil.satisfaction;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.scheduling.AppointmentId;
import org.jspecify.annotations.Nullable;

/**
 * A patient is to be asked for a rating: published in the transaction that wrote the request (the
 * visit marked fulfilled, the conversation resolved); the notifications module plans the message.
 *
 * @param request the rating request's id, which a reply names
 * @param appointment the visit asked about; null for a conversation
 * @param dueAt when to ask (quiet hours allowing)
 * @param usefulUntil past this, not asked at all
 */
public record SatisfactionAsked(
    UUID request,
    PatientId patient,
    @Nullable AppointmentId appointment,
    Instant dueAt,
    Instant usefulUntil) {}
