/**
 * The practice's configuration: locations and their opening hours and closures, rooms, providers
 * and their schedules, appointment types and booking rules. Plain records, a repository and an
 * admin API; other modules read it through {@link
 * org.accueil.practice.PracticeDirectory#snapshot()}.
 */
@ApplicationModule(displayName = "Practice", allowedDependencies = "platform")
@NullMarked
package org.accueil.practice;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
