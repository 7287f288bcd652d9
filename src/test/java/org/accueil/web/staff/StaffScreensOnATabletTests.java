package org.accueil.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every staff screen on a tablet held upright (820 × 1180, an iPad Air's CSS pixels): nothing wider
 * than the screen, so nothing needs a sideways scroll; wide tables scroll in their own box.
 */
@AccueilTest
class StaffScreensOnATabletTests {

  static final String TABLET = "820,1180";

  @Autowired Api api;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void noScreenIsWiderThanATablet() {
    Chromium.assumeInstalled();
    ChromeDriver tablet = Chromium.start(TABLET, "fr");
    // A dead letter whose error quotes a long URL, one unbreakable word: the review's table must
    // wrap it rather than widen the screen (an EHR's errors do quote such URLs).
    jdbc.sql(
            """
            INSERT INTO integration_outbox
              (destination, key, kind, payload, idempotency_key, state, attempts, next_attempt_at,
               last_error, created_at, dead_at)
            VALUES ('test:tablet', 'appointment:tablet', 'appointment.booked', '{}',
                    gen_random_uuid(), 'dead', 9, now(), :error, now(), now())
            """)
        .param(
            "error",
            "The EHR answered 400: http://ehr.example/fhir/QuestionnaireResponse?identifier="
                + "https%3A%2F%2Faccueil.health%2Fsid%2Fquestionnaire-response%7C"
                + java.util.UUID.randomUUID())
        .update();
    try {
      Chromium.signInAsNewStaff(tablet, api, List.of("ADMIN"));
      for (String screen :
          List.of(
              "/app",
              "/app/calendar?view=week",
              "/app/calendar?view=day",
              "/app/disruptions",
              "/app/inbox",
              "/app/patients",
              "/app/review",
              "/app/dashboard",
              "/app/settings")) {
        tablet.get(api.baseUrl() + screen);
        Chromium.waitFor(tablet).until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
        if (screen.startsWith("/app/calendar")) {
          // Measured once FullCalendar has drawn the period.
          Chromium.waitFor(tablet)
              .until(
                  ExpectedConditions.presenceOfElementLocated(
                      By.cssSelector("#calendar .fc-timegrid")));
        }
        Object overflow =
            tablet.executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue())
            .as(screen + " fits the tablet")
            .isLessThanOrEqualTo(0);
        if (screen.equals("/app/calendar?view=week")) {
          Chromium.screenshot(tablet, "tablet-calendar");
        }
      }
    } finally {
      tablet.quit();
    }
  }
}
