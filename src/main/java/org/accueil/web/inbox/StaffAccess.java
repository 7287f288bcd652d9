package org.accueil.web.inbox;

import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The same scope checks as the API's ({@code conversations:read} to read a timeline, {@code
 * conversations:write} to act on it, {@code patients:read} for the patient pages): a page never
 * shows what the API would refuse the same person.
 */
final class StaffAccess {

  private StaffAccess() {}

  static Actor require(String scope) {
    Actor me = Actor.current();
    if (!me.can(scope)) {
      throw ProblemException.of(HttpStatus.FORBIDDEN, "forbidden")
          .messageCode("inbox.forbidden")
          .detail("Your roles do not allow this page ({0}).", scope)
          .build();
    }
    return me;
  }
}
