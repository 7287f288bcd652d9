/**
 * Encryption at rest: {@link org.accueil.platform.crypto.FieldCipher} seals the fields that must
 * not be readable from a stolen disk or backup (message bodies, staff notes, integration secrets,
 * patients' phone numbers and e-mail addresses), and {@link org.accueil.platform.crypto.BlindIndex}
 * keeps exact lookups on them possible. Modules that use it declare {@code "platform :: crypto"}.
 */
@NamedInterface("crypto")
@NullMarked
package org.accueil.platform.crypto;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
