@NullMarked
package org.accueil.patients.internal;

import org.jspecify.annotations.NullMarked;
