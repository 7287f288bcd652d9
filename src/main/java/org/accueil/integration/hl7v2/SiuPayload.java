package org.accueil.integration.hl7v2;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row of destination {@code hl7v2}: the appointment as it was when it changed. Ids and
 * scheduling facts only; the patient's name and birth date are read when the message is sent.
 *
 * @param event the SIU trigger event to send (S12, S13, S14, S15, S17, S26)
 * @param zone the location's zone, in which the times are written
 * @param status FHIR appointment status code
 */
record SiuPayload(
    UUID appointment,
    String event,
    UUID patient,
    UUID provider,
    UUID location,
    UUID type,
    Instant start,
    Instant end,
    String zone,
    String status) {}
