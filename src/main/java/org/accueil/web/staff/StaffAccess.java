package org.accueil.web.staff;

import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.springframework.http.HttpStatus;

/** The staff screens ask for the scope the API asks for the same data. */
public final class StaffAccess {

  private StaffAccess() {}

  /** 403 unless the signed-in person's roles give {@code scope}. */
  public static void require(String scope) {
    if (!Actor.current().can(scope)) {
      throw ProblemException.of(HttpStatus.FORBIDDEN, "screen-forbidden")
          .detail(
              "Your role does not give access to this screen ({0}); ask an administrator.", scope)
          .build();
    }
  }
}
