@NullMarked
package org.accueil.assistant.internal;

import org.jspecify.annotations.NullMarked;
