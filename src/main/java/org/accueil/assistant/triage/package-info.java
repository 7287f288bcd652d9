/** Red-flag detection, free of Spring: phrases per language, matched on folded text. */
@NamedInterface("triage")
@NullMarked
package org.accueil.assistant.triage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
