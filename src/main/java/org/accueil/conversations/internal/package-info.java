@NullMarked
package org.accueil.conversations.internal;

import org.jspecify.annotations.NullMarked;
