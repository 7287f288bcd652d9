/** The rating page a patient opens from the satisfaction question's e-mail ({@code /r/<token>}). */
@NullMarked
package org.accueil.web.rate;

import org.jspecify.annotations.NullMarked;
