@NullMarked
package org.accueil.questionnaires.internal;

import org.jspecify.annotations.NullMarked;
