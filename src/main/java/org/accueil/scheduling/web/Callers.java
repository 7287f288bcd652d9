package org.accueil.scheduling.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling, as written in "created by" and "cancelled by". */
final class Callers {

  private Callers() {}

  static String current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication == null ? "anonymous" : authentication.getName();
  }
}
