@NullMarked
package org.accueil.scheduling.jdbc;

import org.jspecify.annotations.NullMarked;
