@NullMarked
package org.accueil.channels.internal;

import org.jspecify.annotations.NullMarked;
