package org.accueil;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

  private final ApplicationModules modules = ApplicationModules.of(AccueilApplication.class);

  @Test
  void modulesOnlyUseEachOthersFrontDoorsAndFormNoCycles() {
    modules.verify();
  }

  @Test
  void writesTheModuleDocumentation() {
    new Documenter(modules).writeDocumentation();
  }
}
