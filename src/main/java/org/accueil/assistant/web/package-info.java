/** The assistant's HTTP API: staff try its understanding of a message. */
@NullMarked
package org.accueil.assistant.web;

import org.jspecify.annotations.NullMarked;
