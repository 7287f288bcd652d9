package org.accueil.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.accueil.notifications.NotificationPolicy;
import org.accueil.notifications.NotificationPolicy.Practice;
import org.accueil.notifications.NotificationPolicy.TypePolicy;
import org.accueil.notifications.NotificationsProperties;
import org.accueil.platform.ProblemException;
import org.accueil.practice.PracticeDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The policy in force: what the administrator saved, over the properties. */
@Component
public class Policies {

  static final String PRACTICE = "practice";
  static final String TYPE = "type:";
  static final int MAX_REMINDERS = 5;
  static final Duration SHORTEST_REMINDER = Duration.ofMinutes(30);
  static final Duration LONGEST_REMINDER = Duration.ofDays(30);

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final NotificationsProperties properties;
  private final PracticeDirectory practice;
  private final Clock clock;

  Policies(
      JdbcClient jdbc,
      JsonMapper json,
      NotificationsProperties properties,
      PracticeDirectory practice,
      Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.properties = properties;
    this.practice = practice;
    this.clock = clock;
  }

  public NotificationPolicy current() {
    Map<String, String> saved = new LinkedHashMap<>();
    jdbc.sql("SELECT scope, policy::text FROM notification_policy ORDER BY scope")
        .query((rs, n) -> saved.put(rs.getString(1), rs.getString(2)))
        .list();
    Practice p =
        Optional.ofNullable(saved.get(PRACTICE))
            .map(s -> json.readValue(s, Practice.class))
            .orElse(new Practice(null, null, null, null, null));
    Map<String, TypePolicy> types = new LinkedHashMap<>();
    saved.forEach(
        (scope, value) -> {
          if (scope.startsWith(TYPE)) {
            types.put(scope.substring(TYPE.length()), json.readValue(value, TypePolicy.class));
          }
        });
    return new NotificationPolicy(
        p.reminders() != null ? p.reminders() : properties.reminders(),
        p.quietHoursStart() != null ? p.quietHoursStart() : properties.quietHoursStart(),
        p.quietHoursEnd() != null ? p.quietHoursEnd() : properties.quietHoursEnd(),
        p.confirmEhrBookings() != null ? p.confirmEhrBookings() : properties.confirmEhrBookings(),
        p.showVisitType() != null ? p.showVisitType() : properties.showVisitType(),
        types);
  }

  QuietHours quietHours(NotificationPolicy policy) {
    return new QuietHours(policy.quietHoursStart(), policy.quietHoursEnd());
  }

  public void savePractice(Practice policy, String by) {
    if (policy.reminders() != null) {
      checkReminders(policy.reminders(), "reminders");
    }
    save(PRACTICE, json.writeValueAsString(policy), by);
  }

  public void saveType(String typeCode, TypePolicy policy, String by) {
    requireType(typeCode);
    if (policy.reminders() != null) {
      checkReminders(policy.reminders(), "reminders");
    }
    if (policy.followUp() != null) {
      Duration after = policy.followUp().after();
      if (after == null || after.compareTo(Duration.ofHours(1)) < 0 || after.toDays() > 365) {
        throw invalid(
            "followUp.after",
            "follow-up-after",
            "A follow-up goes between an hour and a year after the visit.");
      }
      Map<String, String> text = policy.followUp().text();
      if (text == null || text.isEmpty()) {
        throw invalid(
            "followUp.text",
            "follow-up-text",
            "Say what the follow-up tells the patient, in fr, en and/or it.");
      }
      for (var e : text.entrySet()) {
        if (!Wording.LANGUAGES.contains(e.getKey())) {
          throw invalid(
              "followUp.text." + e.getKey(),
              "language",
              "Languages are fr, en and it, not {0}.",
              e.getKey());
        }
        if (e.getValue() == null || e.getValue().isBlank() || e.getValue().length() > 400) {
          throw invalid(
              "followUp.text." + e.getKey(),
              "follow-up-length",
              "The words of a follow-up take 1 to 400 characters: a text message carries them.");
        }
      }
    }
    save(TYPE + typeCode, json.writeValueAsString(policy), by);
  }

  public boolean deleteType(String typeCode) {
    return jdbc.sql("DELETE FROM notification_policy WHERE scope = :scope")
            .param("scope", TYPE + typeCode)
            .update()
        == 1;
  }

  private void requireType(String code) {
    boolean known =
        practice.snapshot().appointmentTypes().stream().anyMatch(t -> t.code().equals(code));
    if (!known) {
      throw ProblemException.of(HttpStatus.NOT_FOUND, "unknown-appointment-type")
          .detail("The practice has no appointment type with the code {0}.", code)
          .with("field", "code")
          .build();
    }
  }

  private static void checkReminders(List<Duration> reminders, String field) {
    if (reminders.size() > MAX_REMINDERS) {
      throw invalid(
          field, "too-many-reminders", "At most {0} reminders per appointment.", MAX_REMINDERS);
    }
    List<Duration> seen = new ArrayList<>();
    for (Duration d : reminders) {
      if (d == null || d.compareTo(SHORTEST_REMINDER) < 0 || d.compareTo(LONGEST_REMINDER) > 0) {
        throw invalid(
            field,
            "reminder-range",
            "A reminder goes between 30 minutes and 30 days before the visit, as PT3H or P2D.");
      }
      if (seen.contains(d)) {
        throw invalid(field, "reminder-twice", "Two reminders at {0}: give each its own time.", d);
      }
      seen.add(d);
    }
  }

  private void save(String scope, String policy, String by) {
    jdbc.sql(
            """
            INSERT INTO notification_policy (scope, policy, updated_at, updated_by)
            VALUES (:scope, CAST(:policy AS jsonb), :now, :by)
            ON CONFLICT (scope) DO UPDATE
               SET policy = excluded.policy, updated_at = excluded.updated_at,
                   updated_by = excluded.updated_by
            """)
        .param("scope", scope)
        .param("policy", policy)
        .param("now", NotificationStore.utc(clock.instant()))
        .param("by", by)
        .update();
  }

  static ProblemException invalid(
      @Nullable String field, String code, String detail, Object... arguments) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-notification-policy")
        .messageCode("problem.invalid-notification-policy." + code)
        .detail(detail, arguments)
        .with("field", field == null ? "" : field)
        .build();
  }
}
