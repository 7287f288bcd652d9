/** The assistant's HTTP API for staff and administrators. */
@NullMarked
package org.accueil.assistant.web;

import org.jspecify.annotations.NullMarked;
