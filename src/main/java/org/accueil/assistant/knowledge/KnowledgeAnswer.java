package org.accueil.assistant.knowledge;

import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the knowledge base answers, ready to send: {@code answer} is complete on its own (a map link
 * is in the text), and when the entry was not written in the language asked, it starts with a line
 * saying so in that language and {@code language} is the one the text is in.
 *
 * @param entryId the entry, or null for an appointment type's own preparation instructions
 * @param topic the entry's topic: info, hours, address, directions, parking, prices, insurance,
 *     preparation, services or other
 * @param question the entry's question, in {@code language}
 * @param score the BM25 score of a search (0 for an answer looked up by topic or type)
 */
public record KnowledgeAnswer(
    @Nullable UUID entryId,
    String topic,
    String question,
    String answer,
    @Nullable String mapUrl,
    Locale language,
    float score) {}
