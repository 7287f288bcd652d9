/**
 * Spring-free building blocks of patient matching: name keys, phonetic codes, given names,
 * identifier checksums.
 */
@NullMarked
package org.accueil.patients.matching;

import org.jspecify.annotations.NullMarked;
