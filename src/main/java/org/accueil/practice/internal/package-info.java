@NullMarked
package org.accueil.practice.internal;

import org.jspecify.annotations.NullMarked;
