@NullMarked
package org.accueil.security.web;

import org.jspecify.annotations.NullMarked;
