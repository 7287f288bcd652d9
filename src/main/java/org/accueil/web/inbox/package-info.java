/**
 * The staff's inbox and patient pages: the queue of conversations waiting for a person, one
 * patient's timeline across channels with the reply, note, assignment and hand-back forms, and the
 * patient page. Pages are rendered on the server and work without scripts; htmx refreshes the lists
 * when the live stream says something changed.
 */
@NullMarked
package org.accueil.web.inbox;

import org.jspecify.annotations.NullMarked;
