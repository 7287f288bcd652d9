package org.accueil.web.staff;

import org.accueil.platform.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page of the web application shows in its header: who is signed in. */
@ControllerAdvice(basePackages = {"org.accueil.web", "org.accueil.security.users.web"})
class StaffShell {

  @ModelAttribute("staffName")
  @Nullable String staffName() {
    Actor actor = Actor.current();
    return actor.kind() == Actor.Kind.USER ? actor.name() : null;
  }
}
