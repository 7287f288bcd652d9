@NullMarked
package org.accueil.disruptions.internal;

import org.jspecify.annotations.NullMarked;
