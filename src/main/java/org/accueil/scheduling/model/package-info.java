/**
 * The scheduling rules, free of Spring and of the database: which times are free for a visit and,
 * when one is not, why. Everything here is a pure function of the practice's configuration, the
 * busy time and "now", so it is tested without a clock or a server.
 */
@NamedInterface("model")
@NullMarked
package org.accueil.scheduling.model;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
