package org.accueil.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.AffectedPatient.State;
import org.accueil.disruptions.Disruption.Action;
import org.accueil.disruptions.Disruption.Reason;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.Disruptions.Block;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Source;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Chromium;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Eventually;
import org.accueil.testing.SmsPatients;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A disruption's live view in headless Chromium, on a phone and on a tablet held upright, as
 * whoever handles a morning's disruption uses it: nothing wider than the screen, every control a
 * finger's target (44 px), an action changed and the patients contacted from the phone, the rows
 * following what happens without a reload (htmx polls every 5 s), and a patient called from the
 * tablet. Saves docs/screenshots/disruption-progress.png.
 */
@AccueilTest
class DisruptionsInChromiumTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final String TABLET = "820,1180";

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired Patients patients;
  @Autowired Appointments appointments;
  @Autowired Disruptions disruptions;
  @Autowired TestClock clock;

  ClinicFixture clinic;
  LocalDate day;

  @BeforeEach
  void clinic() {
    Chromium.assumeInstalled();
    clinic = ClinicFixture.create(admin);
    day =
        LocalDate.ofInstant(clock.instant(), PARIS)
            .plusWeeks(2)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY));
  }

  @Test
  void onAPhoneAnActionIsChangedAndThePatientsContactedAndTheRowsFollowLive() {
    Appointment jeanne = book(patient("Jeanne", "Dupont"), day.atTime(9, 0));
    Appointment paul = book(patient("Paul", "Martin"), day.atTime(9, 30));
    UUID id = block(day.atTime(8, 30), day.atTime(10, 30), false);

    ChromeDriver phone = Chromium.start(Chromium.PHONE, "fr");
    try {
      // Headless Chromium keeps a window at least 500 px wide: the phone's own width is emulated.
      phone.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
      Chromium.signInAsNewStaff(phone, api, List.of("FRONT_DESK"));
      phone.get(api.baseUrl() + "/app/disruptions/" + id + "?lang=fr");
      var wait = Chromium.waitFor(phone);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#live table")));
      assertThat(((Number) phone.executeScript("return window.innerWidth")).intValue())
          .isEqualTo(390);
      fitsTheScreen(phone);
      fingerSized(phone);

      // Paul's visit is cancelled instead; the choice survives the refreshes while it is made.
      WebElement select =
          phone.findElement(
              By.cssSelector("tr[data-appointment='" + paul.id().value() + "'] select"));
      new Select(select).selectByValue("cancel");
      sleep(Duration.ofSeconds(6));
      WebElement again =
          phone.findElement(
              By.cssSelector("tr[data-appointment='" + paul.id().value() + "'] select"));
      assertThat(new Select(again).getFirstSelectedOption().getDomAttribute("value"))
          .as("the choice being made is not swapped away")
          .isEqualTo("cancel");
      phone
          .findElement(
              By.cssSelector("tr[data-appointment='" + paul.id().value() + "'] form.choose button"))
          .click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("p.notice"), "Le choix est enregistré."));
      assertThat(row(id, paul).action()).isEqualTo(Action.CANCEL);

      phone.findElement(By.cssSelector("form.contact button")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("p.notice"), "Les patients sont contactés maintenant."));
      // The page as loaded may still say "being contacted": the next refresh shows where each is.
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("tr[data-appointment='" + paul.id().value() + "'] .state"), "Annulé"));
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("tr[data-appointment='" + jeanne.id().value() + "'] .state"),
              "Proposé, en attente"));
      assertThat(phone.findElement(By.cssSelector(".counts .cancelled .value")).getText())
          .isEqualTo("1");
      fitsTheScreen(phone);
      fingerSized(phone);

      // The list, the form and the call list fit the phone too.
      phone.get(api.baseUrl() + "/app/disruptions?lang=fr");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("block")));
      fitsTheScreen(phone);
      fingerSized(phone);

      // The session ends while the live view is open: the page goes to the sign-in form, rather
      // than the form appearing inside the live part.
      phone.get(api.baseUrl() + "/app/disruptions/" + id + "?lang=fr");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#live table")));
      phone.manage().deleteAllCookies();
      wait.until(ExpectedConditions.urlContains("/login"));
      assertThat(phone.findElements(By.cssSelector("#live"))).isEmpty();
    } finally {
      phone.quit();
    }
  }

  @Test
  void onATabletThePatientsOfAMorningAreFollowedAndOneIsCalled() {
    Appointment jeanne = book(patient("Jeanne", "Dupont"), day.atTime(9, 0));
    Appointment paul = book(patient("Paul", "Martin"), day.atTime(9, 30));
    Appointment sofia = book(patient("Sofia", "Rossi"), day.atTime(10, 0));
    Appointment ahmed = book(patient("Ahmed", "Benali"), day.atTime(10, 30));
    Appointment lea = book(patient("Léa", "Bernard"), day.atTime(11, 0));
    UUID id = block(day.atTime(8, 30), day.atTime(12, 0), false);
    disruptions.choose(id, lea.id(), Action.CANCEL);
    disruptions.contact(id);
    Eventually.await(
        () ->
            disruptions.progress(id).patients().stream().allMatch(r -> r.state() != State.PENDING),
        Duration.ofSeconds(20),
        "every patient contacted");
    // The messages went out; Jeanne took the first time offered; nothing reaches Ahmed.
    for (Appointment a : List.of(jeanne, paul, sofia)) {
      disruptions.reached(id, a.id(), "sms");
    }
    disruptions.take(id, jeanne.id(), 1, "patient");
    disruptions.unreachable(id, ahmed.id());

    ChromeDriver tablet = Chromium.start(TABLET, "fr");
    try {
      Chromium.signInAsNewStaff(tablet, api, List.of("FRONT_DESK"));
      tablet.get(api.baseUrl() + "/app/disruptions/" + id + "?lang=fr");
      var wait = Chromium.waitFor(tablet);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#live table")));
      assertThat(tablet.findElement(By.cssSelector(".counts .rebooked .value")).getText())
          .isEqualTo("1");
      assertThat(tablet.findElement(By.cssSelector(".counts .unanswered .value")).getText())
          .isEqualTo("1");
      assertThat(
              tablet
                  .findElement(By.cssSelector("tr[data-appointment='" + ahmed.id().value() + "']"))
                  .getText())
          .contains("À appeler", "Aucun canal n'atteint le patient");
      fitsTheScreen(tablet);
      fingerSized(tablet);
      Chromium.screenshot(tablet, "disruption-progress");

      // Sofia answers while the page is open: the row follows without a reload.
      disruptions.cancel(id, sofia.id(), "patient");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("tr[data-appointment='" + sofia.id().value() + "'] .state"),
              "Annulé"));

      tablet
          .findElement(
              By.cssSelector("tr[data-appointment='" + ahmed.id().value() + "'] form button"))
          .click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("p.notice"), "le patient sort de la liste des appels"));
      assertThat(row(id, ahmed).state()).isEqualTo(State.SETTLED);
      fitsTheScreen(tablet);

      // The list of disruptions and the call list fit the tablet too.
      tablet.get(api.baseUrl() + "/app/disruptions?lang=fr");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("block")));
      fitsTheScreen(tablet);
      fingerSized(tablet);
    } finally {
      tablet.quit();
    }
  }

  /** Nothing wider than the screen: no sideways scrolling. */
  private static void fitsTheScreen(ChromeDriver browser) {
    Object overflow =
        browser.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(((Number) overflow).intValue())
        .as("horizontal overflow on " + browser.getCurrentUrl())
        .isLessThanOrEqualTo(0);
  }

  /**
   * Every visible control of the page's content (links, buttons, fields) is at least 44 px high: a
   * finger's target.
   */
  private static void fingerSized(ChromeDriver browser) {
    List<WebElement> controls =
        browser.findElements(
            By.cssSelector(
                "main a, main button, main select, main input:not([type=hidden]), main textarea"));
    assertThat(controls).isNotEmpty();
    for (WebElement found : controls) {
      // A box to tick is the label around it: tapping the words ticks it.
      WebElement control =
          "checkbox".equals(found.getDomAttribute("type"))
              ? found.findElement(By.xpath("./ancestor::label[1]"))
              : found;
      if (control.isDisplayed()) {
        assertThat(control.getSize().getHeight())
            .as("touch target " + control.getTagName() + " \"" + control.getText() + "\"")
            .isGreaterThanOrEqualTo(44);
      }
    }
  }

  private UUID block(LocalDateTime from, LocalDateTime to, boolean contact) {
    return disruptions
        .block(
            new Block(
                clinic.provider.id(),
                from.atZone(PARIS).toOffsetDateTime(),
                to.atZone(PARIS).toOffsetDateTime(),
                Reason.ILL,
                "Fièvre : de retour jeudi",
                Action.COLLEAGUE,
                contact,
                "test"))
        .disruption()
        .id();
  }

  private AffectedPatient row(UUID disruption, Appointment a) {
    return disruptions.progress(disruption).patients().stream()
        .filter(r -> r.appointment().equals(a.id()))
        .findFirst()
        .orElseThrow();
  }

  private Patient patient(String given, String family) {
    return patients.register(
        new PatientDetails(
            given,
            family,
            LocalDate.of(1975, 3, 9),
            "+33612" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)),
            UUID.randomUUID() + "@example.org"));
  }

  private Appointment book(Patient patient, LocalDateTime parisTime) {
    return SmsPatients.book(
        appointments, clinic, patient, parisTime.atZone(PARIS).toInstant(), null, Source.STAFF);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
