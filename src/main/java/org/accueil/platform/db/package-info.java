/** Where the data lives: an embedded PostgreSQL in the data directory, or a configured server. */
@NullMarked
package org.accueil.platform.db;

import org.jspecify.annotations.NullMarked;
