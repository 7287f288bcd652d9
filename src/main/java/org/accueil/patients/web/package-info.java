@NullMarked
package org.accueil.patients.web;

import org.jspecify.annotations.NullMarked;
