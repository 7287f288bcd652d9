@NullMarked
package org.accueil.conversations.web;

import org.jspecify.annotations.NullMarked;
