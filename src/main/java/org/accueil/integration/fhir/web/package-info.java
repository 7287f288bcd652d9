/** The FHIR connector's doors: the EHR's notifications, conflicts and reconciliations. */
@NullMarked
package org.accueil.integration.fhir.web;

import org.jspecify.annotations.NullMarked;
