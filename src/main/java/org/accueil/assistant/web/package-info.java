/**
 * The assistant's HTTP API: staff try its understanding of a message and read its knowledge;
 * administrators write the knowledge.
 */
@NullMarked
package org.accueil.assistant.web;

import org.jspecify.annotations.NullMarked;
