@NullMarked
package org.accueil.privacy.web;

import org.jspecify.annotations.NullMarked;
