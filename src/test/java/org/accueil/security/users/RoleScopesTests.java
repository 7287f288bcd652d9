package org.accueil.security.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.accueil.platform.Scope;
import org.accueil.security.Role;
import org.junit.jupiter.api.Test;

/** What each staff role may do, as scopes. */
class RoleScopesTests {

  @Test
  void anAdministratorHoldsEveryScope() {
    assertThat(Role.ADMIN.scopes()).containsExactlyInAnyOrderElementsOf(Scope.ALL);
  }

  @Test
  void theFrontDeskReadsThePracticeAndReadsAndWritesAppointmentsPatientsAndConversations() {
    assertThat(Role.FRONT_DESK.scopes())
        .containsExactlyInAnyOrder(
            "practice:read",
            "appointments:read",
            "appointments:write",
            "patients:read",
            "patients:write",
            "conversations:read",
            "conversations:write",
            "assistant:use",
            "reports:read");
  }

  @Test
  void aClinicianReadsPatientsButDoesNotWriteThemAndAnswersTheirConversations() {
    assertThat(Role.CLINICIAN.scopes())
        .containsExactlyInAnyOrder(
            "practice:read",
            "appointments:read",
            "appointments:write",
            "patients:read",
            "conversations:read",
            "conversations:write",
            "assistant:use");
  }

  @Test
  void theIntegrationRoleImpliesNothing() {
    assertThat(Role.INTEGRATION.scopes()).isEmpty();
  }

  @Test
  void severalRolesHoldTheUnionAndTheAuthoritiesNameRolesThenScopes() {
    assertThat(Role.scopes(List.of(Role.CLINICIAN, Role.FRONT_DESK)))
        .containsExactly(
            "practice:read",
            "appointments:read",
            "appointments:write",
            "patients:read",
            "patients:write",
            "conversations:read",
            "conversations:write",
            "assistant:use",
            "reports:read");
    assertThat(Role.authorities(List.of(Role.CLINICIAN)))
        .containsExactly(
            "ROLE_CLINICIAN",
            "SCOPE_practice:read",
            "SCOPE_appointments:read",
            "SCOPE_appointments:write",
            "SCOPE_patients:read",
            "SCOPE_conversations:read",
            "SCOPE_conversations:write",
            "SCOPE_assistant:use");
  }
}
