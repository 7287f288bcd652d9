/**
 * What the patient decided about being contacted, and their rights over the data held on them:
 * consent records per channel and purpose ({@link org.accueil.privacy.Consents}), the export of
 * everything held on a patient ({@link org.accueil.privacy.DataExports}), erasure on request
 * ({@link org.accueil.privacy.Erasures}) and the retention of conversations. Modules holding
 * personal data of their own join in through {@link org.accueil.privacy.PersonalDataContributor}
 * and {@link org.accueil.privacy.RetentionSweep}.
 */
@ApplicationModule(
    displayName = "Privacy",
    allowedDependencies = {"platform", "patients", "patients :: fhir", "scheduling"})
@NullMarked
package org.accueil.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
