package org.accueil.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.platform.Scope;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.StaffSessions;
import org.accueil.testing.TestClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API endpoint called as every kind of caller, against the policy written out below as a
 * table. Cells: {@code ok} (let through: any answer but 401, 403 or a 5xx), {@code 401}, {@code
 * 403}, {@code 404} (the record is hidden from this caller); {@code own/other} gives the outcome on
 * the caller's own record and on someone else's. The clinician is Dr A's; "own" records are on Dr
 * A's calendar, "other" ones on Dr B's. The patient link is for an "own" appointment. The
 * integration key "+" holds exactly the scope the row names (every scope for ADMIN-only rows), "-"
 * every scope but that one.
 *
 * <p>The table must name every endpoint Spring serves under /api: an endpoint added without a row
 * fails this test, so nobody ships a call whose access was never decided.
 */
@AccueilTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

  enum Caller {
    ANONYMOUS,
    ADMIN,
    FRONT_DESK,
    CLINICIAN,
    INTEGRATION_WITH,
    INTEGRATION_WITHOUT,
    PATIENT_LINK
  }

  // method path | scope the row needs ("-" none, "ADMIN" the role) | anon adm front clin int+ int-
  // link
  static final List<String> POLICY =
      List.of(
          "GET /api/v1/practice                                 | -  | ok ok ok ok ok ok ok",
          "GET /api/v1/locations                                | -  | ok ok ok ok ok ok ok",
          "GET /api/v1/locations/{id}                           | -  | ok ok ok ok ok ok ok",
          "GET /api/v1/providers                                | -  | ok ok ok ok ok ok ok",
          "GET /api/v1/providers/{id}                           | -  | ok ok ok ok ok ok ok",
          "GET /api/v1/appointment-types                        | -  | ok ok ok ok ok ok ok",
          "GET /api/v1/appointment-types/{id}                   | -  | ok ok ok ok ok ok ok",
          "GET /api/v1/slots                                    | -  | ok ok ok ok ok ok ok",
          "GET /api/v1/me                                       | -  | 401 ok ok ok ok ok ok",
          // The configuration beyond the booking page: staff read, administrators change.
          "GET /api/v1/rooms                                    | practice:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/rooms/{id}                               | practice:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/closures                                 | practice:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/closures/{id}                            | practice:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/booking-rules                            | practice:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/booking-rules/{id}                       | practice:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/providers/{id}/weekly-hours              | practice:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/providers/{id}/date-overrides            | practice:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/providers/{id}/time-off                  | practice:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/providers/{id}/time-off/{timeOffId}      | practice:read  | 401 ok ok ok ok 403 403",
          "PUT /api/v1/practice                                 | practice:write | 401 ok 403 403 ok 403 403",
          "POST /api/v1/locations                               | practice:write | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/locations/{id}                           | practice:write | 401 ok 403 403 ok 403 403",
          "POST /api/v1/closures                                | practice:write | 401 ok 403 403 ok 403 403",
          "DELETE /api/v1/closures/{id}                         | practice:write | 401 ok 403 403 ok 403 403",
          "POST /api/v1/rooms                                   | practice:write | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/rooms/{id}                               | practice:write | 401 ok 403 403 ok 403 403",
          "POST /api/v1/booking-rules                           | practice:write | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/booking-rules/{id}                       | practice:write | 401 ok 403 403 ok 403 403",
          "DELETE /api/v1/booking-rules/{id}                    | practice:write | 401 ok 403 403 ok 403 403",
          "POST /api/v1/providers                               | practice:write | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/providers/{id}                           | practice:write | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/providers/{id}/weekly-hours              | practice:write | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/providers/{id}/date-overrides/{date}     | practice:write | 401 ok 403 403 ok 403 403",
          "DELETE /api/v1/providers/{id}/date-overrides/{date}  | practice:write | 401 ok 403 403 ok 403 403",
          "POST /api/v1/providers/{id}/time-off                 | practice:write | 401 ok 403 403 ok 403 403",
          "DELETE /api/v1/providers/{id}/time-off/{timeOffId}   | practice:write | 401 ok 403 403 ok 403 403",
          "POST /api/v1/appointment-types                       | practice:write | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/appointment-types/{id}                   | practice:write | 401 ok 403 403 ok 403 403",
          // Calendars: a clinician only their own; a patient link only its appointment.
          "POST /api/v1/appointments                            | appointments:write | 401 ok ok ok/403 ok 403 403",
          "GET /api/v1/appointments                             | appointments:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/appointments/{id}                        | appointments:read  | 401 ok ok ok/404 ok 403 ok/404",
          "POST /api/v1/appointments/{id}/reschedule            | appointments:write | 401 ok ok ok/404 ok 403 ok/404",
          "POST /api/v1/appointments/{id}/cancel                | appointments:write | 401 ok ok ok/404 ok 403 ok/404",
          "POST /api/v1/appointments/{id}/arrive                | appointments:write | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/appointments/{id}/check-in              | appointments:write | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/appointments/{id}/fulfil                | appointments:write | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/appointments/{id}/no-show               | appointments:write | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/appointments/{id}/entered-in-error      | appointments:write | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/appointments/{id}/links                 | appointments:write | 401 ok ok ok/404 ok 403 403",
          // A patient confirms with their link; the day's list of the unconfirmed is staff's.
          "POST /api/v1/appointments/{id}/confirmation          | appointments:write | 401 ok ok ok/404 ok 403 ok/404",
          "GET /api/v1/appointments/unconfirmed                 | appointments:read  | 401 ok ok ok ok 403 403",
          // What the practice tells patients on its own: the messages are the conversations';
          // their wording and timing speak for the practice (administrators).
          "GET /api/v1/notifications                            | conversations:read | 401 ok ok ok ok 403 403",
          "GET /api/v1/notifications/{id}                       | conversations:read | 401 ok ok ok ok 403 403",
          "POST /api/v1/notifications/results-ready             | conversations:write | 401 ok ok ok ok 403 403",
          "GET /api/v1/notifications/policy                     | practice:read | 401 ok ok ok ok 403 403",
          "PUT /api/v1/notifications/policy                     | ADMIN | 401 ok 403 403 403 403 403",
          "PUT /api/v1/notifications/policy/types/{code}        | ADMIN | 401 ok 403 403 403 403 403",
          "DELETE /api/v1/notifications/policy/types/{code}     | ADMIN | 401 ok 403 403 403 403 403",
          "GET /api/v1/notifications/wording                    | practice:read | 401 ok ok ok ok 403 403",
          "PUT /api/v1/notifications/wording/{kind}/{language}  | ADMIN | 401 ok 403 403 403 403 403",
          "DELETE /api/v1/notifications/wording/{kind}/{language} | ADMIN | 401 ok 403 403 403 403 403",
          // The measures: counts only, for the practice's management (not a clinician's).
          "GET /api/v1/reports/confirmations                    | reports:read | 401 ok ok 403 ok 403 403",
          "GET /api/v1/reports/no-shows                         | reports:read | 401 ok ok 403 ok 403 403",
          "GET /api/v1/reports/deliveries                       | reports:read | 401 ok ok 403 ok 403 403",
          "GET /api/v1/reports/waitlist                         | reports:read | 401 ok ok 403 ok 403 403",
          "GET /api/v1/reports/satisfaction                     | reports:read | 401 ok ok 403 ok 403 403",
          "DELETE /api/v1/appointments/{id}/links               | appointments:write | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/holds                                   | appointments:write | 401 ok ok ok/403 ok 403 403",
          "GET /api/v1/holds/{id}                               | appointments:read  | 401 ok ok ok/404 ok 403 403",
          "DELETE /api/v1/holds/{id}                            | appointments:write | 401 ok ok ok/404 ok 403 403",
          // The waitlist: the front desk's queue, not a patient link's; a clinician's own calendar.
          "POST /api/v1/waitlist                                | appointments:write | 401 ok ok ok/403 ok 403 403",
          "GET /api/v1/waitlist                                 | appointments:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/waitlist/{id}                            | appointments:read  | 401 ok ok ok/404 ok 403 403",
          "DELETE /api/v1/waitlist/{id}                         | appointments:write | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/waitlist/offers/{id}/accept             | appointments:write | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/waitlist/offers/{id}/decline            | appointments:write | 401 ok ok ok/404 ok 403 403",
          // Patients: a clinician only those booked with them.
          "GET /api/v1/patients                                 | patients:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/patients/{id}                            | patients:read  | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/patients                                | patients:write | 401 ok ok 403 ok 403 403",
          "PUT /api/v1/patients/{id}                            | patients:write | 401 ok ok 403 ok 403 403",
          "POST /api/v1/patients/{id}/confirm                   | patients:write | 401 ok ok 403 ok 403 403",
          // Matching reads: it tells whose record details may be (a clinician: only their own).
          "POST /api/v1/patients/match                          | patients:read  | 401 ok ok ok ok 403 403",
          "POST /api/v1/patients/{id}/contacts                  | patients:write | 401 ok ok 403 ok 403 403",
          "DELETE /api/v1/patients/{id}/contacts/{contactId}    | patients:write | 401 ok ok 403 ok 403 403",
          "POST /api/v1/patients/{id}/identifiers               | patients:write | 401 ok ok 403 ok 403 403",
          "DELETE /api/v1/patients/{id}/identifiers/{identifierId} | patients:write | 401 ok ok 403 ok 403 403",
          "POST /api/v1/patients/{id}/channel-identities        | patients:write | 401 ok ok 403 ok 403 403",
          "POST /api/v1/patients/{id}/channel-identities/{identityId}/verify | patients:write | 401 ok ok 403 ok 403 403",
          "DELETE /api/v1/patients/{id}/channel-identities/{identityId} | patients:write | 401 ok ok 403 ok 403 403",
          "POST /api/v1/patients/{id}/dependents                | patients:write | 401 ok ok 403 ok 403 403",
          "DELETE /api/v1/patients/{id}/dependents/{dependentId} | patients:write | 401 ok ok 403 ok 403 403",
          "GET /api/v1/patients/{id}/merges                     | patients:read  | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/patients/{id}/duplicates/scan           | patients:write | 401 ok ok 403 ok 403 403",
          // The review queue and merges: those who keep the registry clean, not clinicians.
          "GET /api/v1/patients/review                          | patients:write | 401 ok ok 403 ok 403 403",
          "GET /api/v1/patients/duplicates/{id}                 | patients:write | 401 ok ok 403 ok 403 403",
          "POST /api/v1/patients/duplicates/{id}/distinct       | patients:write | 401 ok ok 403 ok 403 403",
          "POST /api/v1/patients/merges                         | patients:write | 401 ok ok 403 ok 403 403",
          "GET /api/v1/patients/merges/{id}                     | patients:write | 401 ok ok 403 ok 403 403",
          "POST /api/v1/patients/merges/{id}/unmerge            | patients:write | 401 ok ok 403 ok 403 403",
          "GET /api/v1/patients/{id}/consents                   | patients:read  | 401 ok ok ok/404 ok 403 403",
          "GET /api/v1/patients/{id}/consents/{recordId}        | patients:read  | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/patients/{id}/consents                  | patients:write | 401 ok ok 403 ok 403 403",
          "GET /api/v1/patients/{id}/export                     | patients:read  | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/patients/{id}/erasure                   | ADMIN | 401 ok 403 403 403 403 403",
          // The whole registry in or out at once: administrators only, whatever a key's scopes.
          "POST /api/v1/patients/imports                        | ADMIN | 401 ok 403 403 403 403 403",
          "GET /api/v1/patients/imports                         | ADMIN | 401 ok 403 403 403 403 403",
          "GET /api/v1/patients/imports/{id}                    | ADMIN | 401 ok 403 403 403 403 403",
          "GET /api/v1/patients/export                          | ADMIN | 401 ok 403 403 403 403 403",
          // Conversations: staff read and answer; a clinician those of the patients booked with
          // them (a conversation that is not theirs answers 404).
          "GET /api/v1/conversations                            | conversations:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/conversations/stream                     | conversations:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/conversations/{id}                       | conversations:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/conversations/{id}/timeline              | conversations:read  | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/replies              | conversations:write | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/questionnaires       | conversations:write | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/notes                | conversations:write | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/assign               | conversations:write | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/hand-back            | conversations:write | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/resolve              | conversations:write | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/snooze               | conversations:write | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/priority             | conversations:write | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/read                 | conversations:write | 401 ok ok ok ok 403 403",
          "POST /api/v1/conversations/{id}/patient              | conversations:write | 401 ok ok ok ok 403 403",
          // The assistant's understanding of a message: staff try it; nothing is stored.
          "POST /api/v1/assistant/understand                    | assistant:use | 401 ok ok ok ok 403 403",
          "GET /api/v1/patients/{id}/timeline                   | conversations:read  | 401 ok ok ok/404 ok 403 403",
          // The assistant's knowledge base: staff read and try it, administrators write it.
          "GET /api/v1/assistant/knowledge                      | assistant:use    | 401 ok ok ok ok 403 403",
          "GET /api/v1/assistant/knowledge/search               | assistant:use    | 401 ok ok ok ok 403 403",
          "GET /api/v1/assistant/knowledge/{id}                 | assistant:use    | 401 ok ok ok ok 403 403",
          "POST /api/v1/assistant/knowledge                     | assistant:manage | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/assistant/knowledge/{id}                 | assistant:manage | 401 ok 403 403 ok 403 403",
          "DELETE /api/v1/assistant/knowledge/{id}              | assistant:manage | 401 ok 403 403 ok 403 403",
          // The audit trail.
          "GET /api/v1/audit                                    | audit:read | 401 ok 403 403 ok 403 403",
          "GET /api/v1/audit/verify                             | audit:read | 401 ok 403 403 ok 403 403",
          // The integrations' delivery log and mapping tables: administrators, and keys given the
          // scope (monitoring reads, an integrator's tooling replays and maps).
          "GET /api/v1/integration/deliveries                   | integration:read   | 401 ok 403 403 ok 403 403",
          "GET /api/v1/integration/deliveries/{id}              | integration:read   | 401 ok 403 403 ok 403 403",
          "POST /api/v1/integration/deliveries/{id}/replay      | integration:manage | 401 ok 403 403 ok 403 403",
          "POST /api/v1/integration/deliveries/replay           | integration:manage | 401 ok 403 403 ok 403 403",
          "GET /api/v1/integration/links                        | integration:read   | 401 ok 403 403 ok 403 403",
          "GET /api/v1/integration/links/{system}/{resourceType}/{localId} | integration:read | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/integration/links/{system}/{resourceType}/{localId} | integration:manage | 401 ok 403 403 ok 403 403",
          "DELETE /api/v1/integration/links/{system}/{resourceType}/{localId} | integration:manage | 401 ok 403 403 ok 403 403",
          // The EHR connector's conflicts and reconciliations: read by whoever watches the
          // integration, settled and run by those who may change what it did.
          "GET /api/v1/integration/conflicts                    | integration:read   | 401 ok 403 403 ok 403 403",
          "GET /api/v1/integration/conflicts/{id}               | integration:read   | 401 ok 403 403 ok 403 403",
          "POST /api/v1/integration/conflicts/{id}/resolve      | integration:manage | 401 ok 403 403 ok 403 403",
          "GET /api/v1/integration/reconciliations              | integration:read   | 401 ok 403 403 ok 403 403",
          "GET /api/v1/integration/reconciliations/{id}         | integration:read   | 401 ok 403 403 ok 403 403",
          "POST /api/v1/integration/reconciliations             | integration:manage | 401 ok 403 403 ok 403 403",
          // Administration: the ADMIN role itself, which no scope grants.
          "GET /api/v1/api-keys                                 | ADMIN | 401 ok 403 403 403 403 403",
          "POST /api/v1/api-keys                                | ADMIN | 401 ok 403 403 403 403 403",
          "GET /api/v1/api-keys/{id}                            | ADMIN | 401 ok 403 403 403 403 403",
          "DELETE /api/v1/api-keys/{id}                         | ADMIN | 401 ok 403 403 403 403 403",
          // Staff accounts: administrators only, an ADMIN key or an administrator's session.
          "GET /api/v1/users                                    | ADMIN | 401 ok 403 403 403 403 403",
          "POST /api/v1/users                                   | ADMIN | 401 ok 403 403 403 403 403",
          "GET /api/v1/users/{id}                               | ADMIN | 401 ok 403 403 403 403 403",
          "PUT /api/v1/users/{id}                               | ADMIN | 401 ok 403 403 403 403 403",
          "POST /api/v1/users/{id}/disable                      | ADMIN | 401 ok 403 403 403 403 403",
          "POST /api/v1/users/{id}/enable                       | ADMIN | 401 ok 403 403 403 403 403",
          "POST /api/v1/users/{id}/password                     | ADMIN | 401 ok 403 403 403 403 403",
          "POST /api/v1/users/{id}/unlock                       | ADMIN | 401 ok 403 403 403 403 403",
          "DELETE /api/v1/users/{id}/totp                       | ADMIN | 401 ok 403 403 403 403 403",
          // What the practice says to patients on WhatsApp outside the 24-hour window.
          "GET /api/v1/channels/whatsapp/templates              | ADMIN | 401 ok 403 403 403 403 403",
          "PUT /api/v1/channels/whatsapp/templates/{name}/{language} | ADMIN | 401 ok 403 403 403 403 403",
          "DELETE /api/v1/channels/whatsapp/templates/{name}/{language} | ADMIN | 401 ok 403 403 403 403 403",
          // Disruptions: the front desk's; a clinician blocks and follows their own calendar.
          "POST /api/v1/disruptions                             | appointments:write | 401 ok ok ok/403 ok 403 403",
          "GET /api/v1/disruptions                              | appointments:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/disruptions/call-list                    | appointments:read  | 401 ok ok ok ok 403 403",
          "GET /api/v1/disruptions/{id}                         | appointments:read  | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/disruptions/{id}/contact                | appointments:write | 401 ok ok ok/404 ok 403 403",
          "PUT /api/v1/disruptions/{id}/patients/{appointmentId} | appointments:write | 401 ok ok ok/404 ok 403 403",
          "POST /api/v1/disruptions/{id}/patients/{appointmentId}/settle | appointments:write | 401 ok ok ok/404 ok 403 403",
          // The practice's forms: staff read them, administrators publish them and their rules;
          // the answers are patient data.
          "GET /api/v1/questionnaires                           | practice:read | 401 ok ok ok ok 403 403",
          "GET /api/v1/questionnaires/{id}                      | practice:read | 401 ok ok ok ok 403 403",
          "GET /api/v1/questionnaires/rules                     | practice:read | 401 ok ok ok ok 403 403",
          "POST /api/v1/questionnaires                          | ADMIN | 401 ok 403 403 403 403 403",
          "POST /api/v1/questionnaires/{id}/retire              | ADMIN | 401 ok 403 403 403 403 403",
          "POST /api/v1/questionnaires/rules                    | ADMIN | 401 ok 403 403 403 403 403",
          "DELETE /api/v1/questionnaires/rules/{id}             | ADMIN | 401 ok 403 403 403 403 403",
          "GET /api/v1/questionnaire-requests                   | patients:read | 401 ok ok ok ok 403 403",
          "GET /api/v1/questionnaire-responses                  | patients:read | 401 ok ok ok ok 403 403",
          "GET /api/v1/questionnaire-responses/{id}             | patients:read | 401 ok ok ok ok 403 403",
          "POST /api/v1/questionnaire-responses/{id}/review     | patients:write | 401 ok ok 403 ok 403 403",
          // Outgoing webhooks: the practice's administrators, or a key given webhooks:manage.
          "GET /api/v1/webhooks                                 | webhooks:manage | 401 ok 403 403 ok 403 403",
          "POST /api/v1/webhooks                                | webhooks:manage | 401 ok 403 403 ok 403 403",
          "GET /api/v1/webhooks/{id}                            | webhooks:manage | 401 ok 403 403 ok 403 403",
          "PUT /api/v1/webhooks/{id}                            | webhooks:manage | 401 ok 403 403 ok 403 403",
          "DELETE /api/v1/webhooks/{id}                         | webhooks:manage | 401 ok 403 403 ok 403 403",
          "POST /api/v1/webhooks/{id}/rotate-secret             | webhooks:manage | 401 ok 403 403 ok 403 403",
          "POST /api/v1/webhooks/{id}/enable                    | webhooks:manage | 401 ok 403 403 ok 403 403",
          "POST /api/v1/webhooks/{id}/disable                   | webhooks:manage | 401 ok 403 403 ok 403 403",
          "POST /api/v1/webhooks/{id}/test                      | webhooks:manage | 401 ok 403 403 ok 403 403",
          "GET /api/v1/webhooks/{id}/deliveries                 | webhooks:manage | 401 ok 403 403 ok 403 403",
          // Channel settings hold the providers' credentials: administrators only.
          "GET /api/v1/channels/settings                        | ADMIN | 401 ok 403 403 403 403 403",
          "PUT /api/v1/channels/{channel}/settings/{name}       | ADMIN | 401 ok 403 403 403 403 403",
          "DELETE /api/v1/channels/{channel}/settings/{name}    | ADMIN | 401 ok 403 403 403 403 403");

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired TestClock clock;
  @Autowired org.accueil.scheduling.Waitlist waitlist;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  // By name: Actuator's controllerEndpointHandlerMapping is a RequestMappingHandlerMapping too.
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired StaffSessions sessions;

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDateTime NOW = LocalDateTime.of(2027, 3, 1, 7, 0);

  ClinicFixture a;
  ClinicFixture b;
  final Map<ClinicFixture, AtomicInteger> nextSlot = new HashMap<>();
  final Map<Caller, Api> fixed = new EnumMap<>(Caller.class);
  final Map<String, Api> keysByScope = new HashMap<>();
  final String tag = UUID.randomUUID().toString().substring(0, 8);
  final AtomicInteger patients = new AtomicInteger();

  @BeforeAll
  void callersAndTwoCalendars() {
    clock.setParis(NOW);
    a = ClinicFixture.create(admin);
    b = ClinicFixture.create(admin);
    fixed.put(Caller.ANONYMOUS, api.anonymous());
    fixed.put(Caller.ADMIN, api);
    fixed.put(Caller.FRONT_DESK, sessions.signIn(List.of("FRONT_DESK"), null));
    fixed.put(Caller.CLINICIAN, sessions.signIn(List.of("CLINICIAN"), a.provider.id().value()));
  }

  @Test
  void everyEndpointAnswersEachCallerAsThePolicySays() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (String line : POLICY) {
      Row row = Row.parse(line);
      for (Caller caller : Caller.values()) {
        String cell = row.cells.get(caller);
        String[] variants = cell.split("/");
        for (int v = 0; v < variants.length; v++) {
          boolean own = v == 0;
          Fixture fixture = fixture(row, own);
          Api client = client(caller, row, fixture, own);
          var response = client.request(row.method, path(row, fixture), body(row, fixture));
          cases++;
          String expected = variants[v];
          int status = response.status();
          boolean passed =
              status < 500
                  && (expected.equals("ok")
                      ? status != 401 && status != 403 && (status != 404 || !fixture.existing())
                      : status == Integer.parseInt(expected));
          if (!passed) {
            failures.add(
                "%s %s as %s%s: expected %s, got %s"
                    .formatted(
                        row.method,
                        row.path,
                        caller,
                        variants.length > 1 ? (own ? " (own)" : " (other)") : "",
                        expected,
                        response));
          }
        }
      }
    }
    System.out.println("Authorization matrix: " + cases + " endpoint x caller cases");
    assertThat(failures).isEmpty();
    assertThat(cases).isGreaterThan(POLICY.size() * Caller.values().length);
  }

  @Test
  void aClinicianCannotBookATimeSomeoneElseHeldOnAnotherCalendar() {
    var held = api.post("/api/v1/holds", hold(b, slot(b)));
    assertThat(held.status()).as(held.toString()).isEqualTo(201);
    Map<String, Object> booking = new LinkedHashMap<>(booking(b, slot(b)));
    booking.keySet().removeAll(List.of("appointmentTypeId", "providerId", "start"));
    booking.put("holdId", held.string("id"));

    var refused = fixed.get(Caller.CLINICIAN).post("/api/v1/appointments", booking);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.string("type")).isEqualTo("/problems/own-calendar-only");
    assertThat(api.get("/api/v1/holds/" + held.string("id")).status()).isEqualTo(200);
  }

  @Test
  void thePolicyNamesEveryApiEndpointThereIs() {
    Set<String> served = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        for (var method : info.getMethodsCondition().getMethods()) {
          served.add(method.name() + " " + pattern);
        }
      }
    }
    Set<String> inTable = new TreeSet<>();
    POLICY.forEach(line -> inTable.add(Row.parse(line).method + " " + Row.parse(line).path));

    assertThat(inTable).as("rows for endpoints that do not exist").isSubsetOf(served);
    assertThat(served).as("endpoints without a row in POLICY").isSubsetOf(inTable);
  }

  // ---------------------------------------------------------------------------------- rows

  record Row(String method, String path, String scope, Map<Caller, String> cells) {
    static Row parse(String line) {
      String[] parts = line.split("\\|");
      String[] endpoint = parts[0].trim().split("\\s+");
      String[] cells = parts[2].trim().split("\\s+");
      Map<Caller, String> byCaller = new EnumMap<>(Caller.class);
      for (Caller caller : Caller.values()) {
        byCaller.put(caller, cells[caller.ordinal()]);
      }
      return new Row(endpoint[0], endpoint[1], parts[1].trim(), byCaller);
    }

    boolean pathHasIds() {
      return path.contains("{");
    }
  }

  /**
   * What a case's path and body point at. {@code existing}: the ids name real records, so an "ok"
   * that answers 404 is a wrong refusal; otherwise (destructive calls on configuration) the ids are
   * random and 404 shows the call got past authorization.
   */
  record Fixture(Map<String, String> ids, boolean existing, @Nullable Map<String, Object> body) {}

  private Fixture fixture(Row row, boolean own) {
    ClinicFixture clinic = own ? a : b;
    String p = row.path;
    if (p.startsWith("/api/v1/appointments/{id}")) {
      String appointment = book(clinic);
      Map<String, Object> body =
          p.endsWith("/reschedule") ? Map.of("start", slot(clinic).toString()) : null;
      return new Fixture(Map.of("id", appointment), true, body);
    }
    if (p.equals("/api/v1/appointments") && row.method.equals("POST")) {
      return new Fixture(Map.of(), false, booking(clinic, slot(clinic)));
    }
    if (p.equals("/api/v1/holds") && row.method.equals("POST")) {
      return new Fixture(Map.of(), false, hold(clinic, slot(clinic)));
    }
    if (p.startsWith("/api/v1/holds/{id}")) {
      var held = api.post("/api/v1/holds", hold(clinic, slot(clinic)));
      assertThat(held.status()).as(held.toString()).isEqualTo(201);
      return new Fixture(Map.of("id", held.string("id")), true, null);
    }
    if (p.equals("/api/v1/waitlist") && row.method.equals("POST")) {
      return new Fixture(Map.of(), false, waitlistEntry(clinic));
    }
    if (p.startsWith("/api/v1/waitlist/offers/{id}")) {
      return new Fixture(Map.of("id", waitlistOffer(clinic)), true, Map.of());
    }
    if (p.startsWith("/api/v1/waitlist/{id}")) {
      var joined = api.post("/api/v1/waitlist", waitlistEntry(clinic));
      assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
      return new Fixture(Map.of("id", joined.string("id")), true, null);
    }
    if (p.equals("/api/v1/disruptions") && row.method.equals("POST")) {
      return new Fixture(Map.of(), false, disruption(clinic));
    }
    if (p.startsWith("/api/v1/disruptions/{id}")) {
      var blocked = api.post("/api/v1/disruptions", disruption(clinic));
      assertThat(blocked.status()).as(blocked.toString()).isEqualTo(201);
      // The appointment of a patient row is a random id: 404 shows the call got past
      // authorization.
      return new Fixture(
          Map.of("id", blocked.string("id"), "appointmentId", UUID.randomUUID().toString()),
          !p.contains("{appointmentId}"),
          Map.of("action", "cancel"));
    }
    if (p.startsWith("/api/v1/patients/{id}/")
        && p.matches(".*\\{(contactId|identifierId|identityId|dependentId)}.*")) {
      // The patient is real; what the call removes or verifies is a random id: 404 shows it got
      // past authorization.
      String appointment = book(clinic);
      String patient = api.get("/api/v1/appointments/" + appointment).string("patientId");
      return new Fixture(Map.of("id", patient), false, Map.of());
    }
    if (p.startsWith("/api/v1/patients/{id}")) {
      String appointment = book(clinic);
      String patient = api.get("/api/v1/appointments/" + appointment).string("patientId");
      Map<String, String> ids = new HashMap<>(Map.of("id", patient));
      if (p.contains("{recordId}")) {
        var consent =
            api.post(
                "/api/v1/patients/" + patient + "/consents",
                Map.of(
                    "channel", "sms",
                    "purpose", "appointment-messages",
                    "granted", false,
                    "source", "staff"));
        assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
        ids.put("recordId", consent.string("id"));
      }
      return new Fixture(ids, true, null);
    }
    if (p.startsWith("/api/v1/providers/{id}")) {
      Map<String, String> ids = new HashMap<>();
      ids.put("id", clinic.provider.id().value().toString());
      ids.put("timeOffId", UUID.randomUUID().toString());
      ids.put("date", LocalDate.of(2027, 12, 24).toString());
      return new Fixture(ids, row.method.equals("GET") && !p.endsWith("{timeOffId}"), Map.of());
    }
    if (p.startsWith("/api/v1/locations/{id}")) {
      return new Fixture(Map.of("id", clinic.site.id().value().toString()), true, Map.of());
    }
    if (p.startsWith("/api/v1/appointment-types/{id}")) {
      return new Fixture(Map.of("id", clinic.consultation.id().value().toString()), true, Map.of());
    }
    // Rooms, closures, rules, keys: random ids; "ok" may then be 404, never 401 or 403.
    return new Fixture(Map.of("id", UUID.randomUUID().toString()), false, Map.of());
  }

  /** An hour of the clinic's provider blocked, far from the slots the other rows book. */
  private static Map<String, Object> disruption(ClinicFixture clinic) {
    return Map.of(
        "providerId", clinic.provider.id().value().toString(),
        "start", LocalDateTime.of(2027, 12, 20, 10, 0).atZone(PARIS).toOffsetDateTime().toString(),
        "end", LocalDateTime.of(2027, 12, 20, 11, 0).atZone(PARIS).toOffsetDateTime().toString(),
        "reason", "training",
        "contact", false);
  }

  private Api client(Caller caller, Row row, Fixture fixture, boolean own) {
    return switch (caller) {
      case INTEGRATION_WITH ->
          key(row.scope.equals("-") || row.scope.equals("ADMIN") ? Scope.ALL : List.of(row.scope));
      case INTEGRATION_WITHOUT ->
          key(Scope.ALL.stream().filter(s -> !s.equals(row.scope)).toList());
      case PATIENT_LINK -> link(fixture, row, own);
      default -> fixed.get(caller);
    };
  }

  /**
   * A link to the case's appointment when it is the "own" one; otherwise to another appointment, so
   * the call tries to reach a record the link was not made for.
   */
  private Api link(Fixture fixture, Row row, boolean own) {
    String target =
        row.path.startsWith("/api/v1/appointments/{id}") && own ? fixture.ids().get("id") : book(a);
    var issued = api.post("/api/v1/appointments/" + target + "/links", Map.of());
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    return api.with("Authorization", "Bearer " + issued.string("token"));
  }

  private Api key(List<String> scopes) {
    String name = String.join(",", new TreeSet<>(scopes));
    return keysByScope.computeIfAbsent(
        name, n -> api.withNewKey("matrix " + tag + " " + keysByScope.size(), scopes));
  }

  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

  private static String path(Row row, Fixture fixture) {
    Matcher m = VARIABLE.matcher(row.path);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          path, fixture.ids().getOrDefault(m.group(1), UUID.randomUUID().toString()));
    }
    m.appendTail(path);
    if (row.path.equals("/api/v1/slots")) {
      return path + "?from=2027-03-02&to=2027-03-03";
    }
    if (row.path.equals("/api/v1/patients/export")) {
      return path + "?format=csv";
    }
    if (row.path.equals("/api/v1/assistant/knowledge/search")) {
      return path + "?q=parking&language=en";
    }
    return path.toString();
  }

  private static @Nullable Object body(Row row, Fixture fixture) {
    if (row.method.equals("GET") || row.method.equals("DELETE")) {
      return null;
    }
    return fixture.body() == null ? Map.of() : fixture.body();
  }

  // ------------------------------------------------------------------------------ bookings

  /** Successive half-hours, 08:00 to 18:00, Monday to Saturday, from Tuesday 2 March 2027. */
  private OffsetDateTime slot(ClinicFixture clinic) {
    int n = nextSlot.computeIfAbsent(clinic, c -> new AtomicInteger()).getAndIncrement();
    LocalDate day = LocalDate.of(2027, 3, 2);
    for (int i = 0; i < n / 20; i++) {
      day = day.plusDays(day.getDayOfWeek() == DayOfWeek.SATURDAY ? 2 : 1);
    }
    return day.atTime(8, 0).plusMinutes(30L * (n % 20)).atZone(PARIS).toOffsetDateTime();
  }

  private String book(ClinicFixture clinic) {
    var booked = api.post("/api/v1/appointments", booking(clinic, slot(clinic)));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return booked.string("id");
  }

  private Map<String, Object> booking(ClinicFixture clinic, OffsetDateTime start) {
    Map<String, Object> booking = new LinkedHashMap<>(hold(clinic, start));
    int n = patients.incrementAndGet();
    booking.put(
        "patient",
        Map.of(
            "givenName",
            "Matrix",
            "familyName",
            // A person's name: letters only, since names refuse digits.
            "Patient " + org.accueil.testing.Tags.letters(),
            "birthDate",
            "1980-05-05",
            "phone",
            "+33612" + String.format("%06d", n)));
    return booking;
  }

  /** A new patient waiting for a consultation with the clinic's provider, this spring. */
  private Map<String, Object> waitlistEntry(ClinicFixture clinic) {
    var patient =
        api.post(
            "/api/v1/patients",
            Map.of(
                "givenName", "Waiting",
                "familyName", "Patient " + org.accueil.testing.Tags.letters(),
                "birthDate", "1980-05-05"));
    assertThat(patient.status()).as(patient.toString()).isEqualTo(201);
    return Map.of(
        "patientId", patient.string("id"),
        "appointmentTypeId", clinic.consultation.id().value().toString(),
        "providerId", clinic.provider.id().value().toString(),
        "latestDate", "2027-05-31");
  }

  /**
   * A time freed on the clinic's calendar, offered to a patient waiting there: the new one, or,
   * when another case's cancellation reached the new patient first, whoever this time went to.
   */
  private String waitlistOffer(ClinicFixture clinic) {
    var joined = api.post("/api/v1/waitlist", waitlistEntry(clinic));
    assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
    String entry = joined.string("id");
    String appointment = book(clinic);
    assertThat(api.post("/api/v1/appointments/" + appointment + "/cancel", Map.of()).status())
        .isEqualTo(200);
    String[] offer = new String[1];
    org.accueil.testing.Eventually.await(
        () -> {
          waitlist.offerFreedTime();
          offer[0] =
              jdbc.sql(
                      """
                      SELECT o.id::text FROM waitlist_offer o
                        JOIN waitlist_freed_time f ON f.id = o.freed_time_id
                       WHERE o.status = 'offered'
                         AND (o.entry_id = CAST(:entry AS uuid)
                              OR f.appointment_id = CAST(:appointment AS uuid))
                       LIMIT 1
                      """)
                  .param("entry", entry)
                  .param("appointment", appointment)
                  .query(String.class)
                  .optional()
                  .orElse(null);
          return offer[0] != null;
        },
        java.time.Duration.ofSeconds(15),
        "an offer of the time appointment " + appointment + " left");
    return offer[0];
  }

  private Map<String, Object> hold(ClinicFixture clinic, OffsetDateTime start) {
    return Map.of(
        "appointmentTypeId", clinic.consultation.id().value().toString(),
        "providerId", clinic.provider.id().value().toString(),
        "start", start.toString());
  }
}
