@NullMarked
package org.accueil.notifications.internal;

import org.jspecify.annotations.NullMarked;
