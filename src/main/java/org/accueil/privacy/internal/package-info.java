@NullMarked
package org.accueil.privacy.internal;

import org.jspecify.annotations.NullMarked;
