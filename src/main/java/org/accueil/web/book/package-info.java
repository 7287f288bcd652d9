/**
 * The patients' own pages: booking at {@code /book} (type, provider or the first available, a time,
 * who they are, confirm), managing one appointment from the link messages carry ({@code
 * /p/<token>}), and a demo page of a practice's site with the web chat. Plain HTML forms served by
 * the server, which work before any script loads. See docs/WEB.md, "Patient pages".
 */
@NullMarked
package org.accueil.web.book;

import org.jspecify.annotations.NullMarked;
