/**
 * The demo practice, seeded when {@code accueil.demo.enabled=true}: Centre Médical Riverside, its
 * providers and a few weeks of bookings, created through the other modules' front doors. Nothing
 * depends on this module.
 */
@ApplicationModule(displayName = "Demo")
@NullMarked
package org.accueil.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
