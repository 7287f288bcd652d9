package org.accueil.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.accueil.privacy.internal.ConversationRetention;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** In the running application: the task is scheduled daily and reaches the registered sweeps. */
@PrivacyTest
class RetentionTaskTests {

  @Autowired ConversationRetention retention;
  @Autowired StickyNotes.Sweep sweep;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  @Test
  void theRetentionTaskIsScheduledForHalfPastThreeEveryDay() {
    OffsetDateTime next =
        jdbc.sql(
                "SELECT execution_time FROM scheduled_tasks"
                    + " WHERE task_name = 'conversation-retention'")
            .query(OffsetDateTime.class)
            .single()
            .withOffsetSameInstant(ZoneOffset.UTC);

    assertThat(next.toLocalTime()).hasHour(3).hasMinute(30);
  }

  @Test
  void theRunAsksTheSweepsOfTheModulesWithTheDefaultThreeYears() {
    clock.set(Instant.parse("2027-06-01T03:30:00Z"));
    sweep.cutoffs.clear();

    retention.sweep();

    assertThat(sweep.cutoffs).containsExactly(Instant.parse("2024-06-01T03:30:00Z"));
  }
}
