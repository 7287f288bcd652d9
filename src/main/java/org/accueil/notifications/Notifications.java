package org.accueil.notifications;

/** The notifications module's front door. */
public final class Notifications {
  private Notifications() {}
}
