@NullMarked
package org.accueil.scheduling.web;

import org.jspecify.annotations.NullMarked;
