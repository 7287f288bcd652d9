@NullMarked
package org.accueil.channels.web;

import org.jspecify.annotations.NullMarked;
