package org.accueil.web.staff;

import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The staff screens ask for the scope the API asks for the same data ({@code conversations:read} to
 * read a timeline, {@code patients:read} for a patient's page…): a page never shows what the API
 * would refuse the same person.
 */
public final class StaffAccess {

  private StaffAccess() {}

  /** The signed-in person; 403 unless their roles give {@code scope}. */
  public static Actor require(String scope) {
    Actor me = Actor.current();
    if (!me.can(scope)) {
      throw ProblemException.of(HttpStatus.FORBIDDEN, "screen-forbidden")
          .detail(
              "Your role does not give access to this screen ({0}); ask an administrator.", scope)
          .build();
    }
    return me;
  }
}
