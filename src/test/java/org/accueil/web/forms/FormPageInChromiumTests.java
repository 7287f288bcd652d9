package org.accueil.web.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.accueil.practice.PracticeAdministration;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.scheduling.Appointments;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Chromium;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The form page in Debian's headless Chromium, on a phone held upright: the patient fills the form
 * in by tapping and typing, never scrolling sideways, sees the question that depends on a yes
 * appear as they answer, sends it and is thanked. Screenshots go to docs/screenshots/. Skipped
 * where Chromium is not installed.
 */
@AccueilTest
class FormPageInChromiumTests {

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired Questionnaires questionnaires;

  ClinicFixture clinic;

  @BeforeEach
  void aClinicOnAMondayMorning() {
    Chromium.assumeInstalled();
    clock.setParis(LocalDateTime.of(2027, 3, 1, 6, 0));
    clinic = ClinicFixture.create(admin);
  }

  @AfterEach
  void realTime() {
    clock.reset();
  }

  @Test
  void aPatientFillsTheFormInOnAPhoneAndSendsIt() {
    FormFixture sent = FormFixture.create(questionnaires, appointments, clinic, "en");
    ChromeDriver phone = Chromium.start(Chromium.PHONE, "en");
    try {
      phone.get(api.baseUrl() + "/q/" + sent.token);
      assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Before your visit");
      fitsTheScreen(phone);
      WebElement dependent = phone.findElement(By.id("item-meds-list"));
      assertThat(dependent.isDisplayed()).as("asked only after a yes").isFalse();

      phone.findElement(By.id("f-reason")).sendKeys("Back pain since Sunday");
      phone.findElement(By.cssSelector("label[for='f-meds-0']")).click();
      Chromium.waitFor(phone).until(ExpectedConditions.visibilityOf(dependent));
      phone.findElement(By.id("f-meds-list")).sendKeys("Paracetamol 1 g in the evening");
      phone.findElement(By.cssSelector("label[for='f-smoking-0']")).click();
      WebElement date = phone.findElement(By.id("f-last-visit"));
      phone.executeScript("arguments[0].value = '2026-05-04'", date);
      phone.findElement(By.id("f-height")).sendKeys("172");
      fitsTheScreen(phone);

      List<WebElement> options = phone.findElements(By.cssSelector("fieldset.choices .option"));
      assertThat(options).isNotEmpty();
      for (WebElement option : options) {
        assertThat(option.getSize().getHeight()).as("touch target").isGreaterThanOrEqualTo(44);
      }
      for (WebElement button : phone.findElements(By.cssSelector(".form-actions button"))) {
        assertThat(button.getSize().getHeight()).isGreaterThanOrEqualTo(44);
      }
      phone.executeScript("window.scrollTo(0, 0)");
      Chromium.screenshot(phone, "questionnaire-form");

      // Answering no again hides the question (its answer is not sent).
      phone.findElement(By.cssSelector("label[for='f-meds-1']")).click();
      Chromium.waitFor(phone).until(ExpectedConditions.invisibilityOf(dependent));
      phone.findElement(By.cssSelector("label[for='f-meds-0']")).click();
      Chromium.waitFor(phone).until(ExpectedConditions.visibilityOf(dependent));

      phone.findElement(By.cssSelector(".form-actions button.primary")).click();
      Chromium.waitFor(phone).until(ExpectedConditions.textToBe(By.tagName("h1"), "Thank you"));
      assertThat(phone.findElement(By.cssSelector("p.notice")).getText())
          .contains("have been sent to the practice");
      fitsTheScreen(phone);
      Chromium.screenshot(phone, "questionnaire-form-sent");

      List<QuestionnaireAnswers> recorded =
          questionnaires.responses(sent.appointment.patient(), null, false, 10);
      assertThat(recorded).hasSize(1);
      assertThat(recorded.getFirst().resource())
          .contains("Back pain since Sunday", "Paracetamol 1 g", "2026-05-04", "172");
    } finally {
      phone.quit();
    }
  }

  /** Nothing wider than the phone's screen: no sideways scrolling. */
  private static void fitsTheScreen(ChromeDriver phone) {
    Object overflow =
        phone.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(((Number) overflow).intValue())
        .as("horizontal overflow on " + phone.getCurrentUrl())
        .isLessThanOrEqualTo(0);
  }
}
