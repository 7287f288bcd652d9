/** The shell around the modules: home page, start-up report. Nothing depends on it. */
@ApplicationModule(displayName = "Web")
@NullMarked
package org.accueil.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
