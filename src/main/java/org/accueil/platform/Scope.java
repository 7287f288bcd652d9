package org.accueil.platform;

import java.util.List;

/**
 * What a caller may do, as Spring Security authorities {@code SCOPE_<name>}. Staff roles imply a
 * set of scopes; an integration API key holds exactly the scopes it was given.
 */
public final class Scope {

  public static final String PRACTICE_READ = "practice:read";
  public static final String PRACTICE_WRITE = "practice:write";
  public static final String APPOINTMENTS_READ = "appointments:read";
  public static final String APPOINTMENTS_WRITE = "appointments:write";
  public static final String PATIENTS_READ = "patients:read";
  public static final String PATIENTS_WRITE = "patients:write";
  public static final String WEBHOOKS_MANAGE = "webhooks:manage";
  public static final String AUDIT_READ = "audit:read";
  public static final String CONVERSATIONS_READ = "conversations:read";
  public static final String CONVERSATIONS_WRITE = "conversations:write";
  public static final String ASSISTANT_USE = "assistant:use";
  public static final String ASSISTANT_MANAGE = "assistant:manage";
  public static final String INTEGRATION_READ = "integration:read";
  public static final String INTEGRATION_MANAGE = "integration:manage";
  public static final String METRICS_READ = "metrics:read";

  /** The practice's measures (confirmation, no-show, delivery rates): counts, never a patient. */
  public static final String REPORTS_READ = "reports:read";

  /** Every scope an API key may be given. Users and keys are managed by ADMIN only. */
  public static final List<String> ALL =
      List.of(
          PRACTICE_READ,
          PRACTICE_WRITE,
          APPOINTMENTS_READ,
          APPOINTMENTS_WRITE,
          PATIENTS_READ,
          PATIENTS_WRITE,
          WEBHOOKS_MANAGE,
          AUDIT_READ,
          CONVERSATIONS_READ,
          CONVERSATIONS_WRITE,
          ASSISTANT_USE,
          ASSISTANT_MANAGE,
          INTEGRATION_READ,
          INTEGRATION_MANAGE,
          METRICS_READ,
          REPORTS_READ);

  private Scope() {}

  public static String authority(String scope) {
    return "SCOPE_" + scope;
  }
}
