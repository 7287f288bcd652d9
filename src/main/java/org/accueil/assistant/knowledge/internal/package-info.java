/** The knowledge base's storage, analyzers and in-memory Lucene index. */
@NullMarked
package org.accueil.assistant.knowledge.internal;

import org.jspecify.annotations.NullMarked;
