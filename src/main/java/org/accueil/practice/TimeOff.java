package org.accueil.practice;

import java.time.Instant;
import java.util.UUID;

/** An absence of a provider, as instants: holidays, sick leave, a conference. */
public record TimeOff(UUID id, ProviderId provider, Instant start, Instant end, String reason) {}
