package org.accueil.assistant.knowledge;

import java.time.Instant;
import java.util.UUID;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocalizedText;
import org.jspecify.annotations.Nullable;

/**
 * An entry of the knowledge base as stored. A text left empty in a language is not written in it
 * yet.
 *
 * @param keywords words patients use for it that its question and answer do not hold ("garer",
 *     "mutuelle", "parcheggio"), separated by spaces or commas
 */
public record KnowledgeEntry(
    UUID id,
    String topic,
    @Nullable AppointmentTypeId appointmentType,
    LocalizedText question,
    LocalizedText answer,
    LocalizedText keywords,
    @Nullable String mapUrl,
    boolean active,
    Instant updatedAt) {}
