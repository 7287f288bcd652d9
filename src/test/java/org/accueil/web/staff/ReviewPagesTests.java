package org.accueil.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.DuplicateReview;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.patients.PossibleDuplicate;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review queues: a possible duplicate compared side by side and merged (in Chromium, as the
 * front desk does it), told apart, refused without a reason; a hostile name shown as text.
 */
@AccueilTest
class ReviewPagesTests {

  @Autowired Api api;
  @Autowired Patients patients;
  @Autowired DuplicateReview review;

  @Test
  void mergeTwoDuplicatesSideBySideInTheBrowser() {
    Chromium.assumeInstalled();
    String family = "Duplessis" + suffix();
    Patient first = register("Martine", family, "+33612" + digits());
    Patient second = register("Martine", family, "+33698" + digits());
    PossibleDuplicate pair = pairOf(first, second);

    ChromeDriver browser = Chromium.start(Chromium.LAPTOP, "en");
    try {
      Chromium.signInAsNewStaff(browser, api, List.of("FRONT_DESK"));
      browser.get(api.baseUrl() + "/app/review?lang=en");
      var wait = Chromium.waitFor(browser);
      Chromium.screenshot(browser, "review");
      browser.findElement(By.cssSelector("a.compare[href$='" + pair.id() + "']")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merge-form")));
      assertThat(browser.findElement(By.cssSelector("table.comparison")).getText())
          .contains("Martine", family, first.phone(), second.phone());
      assertThat(browser.findElements(By.cssSelector("table.comparison tr.differs"))).isNotEmpty();
      browser
          .findElement(By.cssSelector("input[name=survivor][value='" + second.id().value() + "']"))
          .click();
      browser.findElement(By.id("reason")).sendKeys("Same person: confirmed by phone");
      browser.executeScript("window.scrollTo(0, 0)");
      Chromium.screenshot(browser, "merge");
      browser.findElement(By.cssSelector("#merge-form button[type=submit]")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("p.notice"), "The records were merged."));
    } finally {
      browser.quit();
    }
    assertThat(patients.find(first.id()).orElseThrow().mergedInto()).isEqualTo(second.id());
    assertThat(review.open(500)).noneMatch(p -> p.id().equals(pair.id()));
  }

  @Test
  void aMergeNeedsAReasonAndTwoPeopleCanBeToldApart() {
    String family = "Distinct" + suffix();
    Patient a = register("Paolo", family, "+39347" + digits());
    Patient b = register("Paolo", family, "+39348" + digits());
    PossibleDuplicate pair = pairOf(a, b);
    Browser browser = Browser.signedIn(api, "FRONT_DESK");

    browser.get("/app/review/duplicates/" + pair.id());
    var refused =
        browser.submit(
            "/app/review/duplicates/" + pair.id() + "/merge",
            Map.of("survivor", a.id().value().toString(), "reason", " "));
    assertThat(browser.follow(refused).body()).contains("Say why these are the same person");
    assertThat(patients.find(b.id()).orElseThrow().mergedInto()).isNull();

    browser.get("/app/review/duplicates/" + pair.id());
    var apart = browser.submit("/app/review/duplicates/" + pair.id() + "/distinct", Map.of());
    assertThat(browser.follow(apart).body()).contains("Marked as two different people");
    assertThat(review.open(500)).noneMatch(p -> p.id().equals(pair.id()));
  }

  @Test
  void aHostileNameIsShownAsText() {
    String family = "Evil" + suffix();
    String given = "Zoé";
    Patient a = register(given, family, "+33611" + digits());
    // The registry refuses markup in names; an e-mail's local part is free text up to the @.
    Patient b =
        patients.register(
            new PatientDetails(
                given,
                family,
                LocalDate.of(1962, 1, 30),
                "+33622" + digits(),
                "x\"'><script>alert(1)</script>@example.org"));
    PossibleDuplicate pair = pairOf(a, b);
    Browser browser = Browser.signedIn(api, "FRONT_DESK");

    String page = browser.get("/app/review/duplicates/" + pair.id()).body();
    assertThat(page).doesNotContain("<script>alert(1)</script>");
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  PossibleDuplicate pairOf(Patient a, Patient b) {
    return review.open(500).stream()
        .filter(
            p ->
                (p.patient().equals(a.id()) && p.candidate().equals(b.id()))
                    || (p.patient().equals(b.id()) && p.candidate().equals(a.id())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pair queued for " + a + " and " + b));
  }

  Patient register(String given, String family, String phone) {
    return patients.register(
        new PatientDetails(given, family, LocalDate.of(1962, 1, 30), phone, null));
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x");
  }

  static String digits() {
    return String.valueOf(1_000_000 + new java.util.Random().nextInt(8_999_999)).substring(0, 6);
  }
}
