/** How errors reach API clients: RFC 9457 problem details, in the caller's language. */
@NullMarked
package org.accueil.platform.web;

import org.jspecify.annotations.NullMarked;
