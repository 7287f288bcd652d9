@NullMarked
package org.accueil.disruptions.web;

import org.jspecify.annotations.NullMarked;
