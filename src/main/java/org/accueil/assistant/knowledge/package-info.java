/**
 * What the assistant may tell patients about the practice, and nothing else: hours, address,
 * directions, parking, prices, insurance and cards, preparation per appointment type, services, in
 * French, English and Italian ({@link org.accueil.assistant.knowledge.KnowledgeBase}). Its
 * administration is {@link org.accueil.assistant.knowledge.KnowledgeEntries}.
 */
@NamedInterface("knowledge")
@NullMarked
package org.accueil.assistant.knowledge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
