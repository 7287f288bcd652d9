@NullMarked
package org.accueil.questionnaires.web;

import org.jspecify.annotations.NullMarked;
