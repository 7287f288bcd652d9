/**
 * Patient matching, Spring-free: name keys, French and Italian phonetic codes, given names with
 * their sex and nicknames, identifier checksums (INS, codice fiscale), and the Fellegi–Sunter
 * scorer that compares two records field by field and explains itself. Other modules read its
 * results ({@link org.accueil.patients.matching.Band}, {@link
 * org.accueil.patients.matching.Comparison}) through {@code Patients#match}.
 */
@NamedInterface("matching")
@NullMarked
package org.accueil.patients.matching;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
