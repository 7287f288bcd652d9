@NullMarked
package org.accueil.security.internal;

import org.jspecify.annotations.NullMarked;
