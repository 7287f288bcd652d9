@NullMarked
package org.accueil.practice.web;

import org.jspecify.annotations.NullMarked;
