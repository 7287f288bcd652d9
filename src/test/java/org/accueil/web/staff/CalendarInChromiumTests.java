package org.accueil.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Chromium;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Eventually;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calendar as the front desk uses it, in headless Chromium: the week drawn by FullCalendar (its
 * injected stylesheet allowed by the page's nonce, nothing else inline), an appointment dragged to
 * a new time and moved for real, and a free time selected and booked.
 */
@AccueilTest
class CalendarInChromiumTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired Patients patients;
  @Autowired Appointments appointments;
  @Autowired TestClock clock;

  @Test
  void dragAnAppointmentToANewTimeAndBookAFreeOne() {
    Chromium.assumeInstalled();
    ClinicFixture clinic = ClinicFixture.create(admin);
    LocalDate tuesday =
        LocalDate.ofInstant(clock.instant(), PARIS)
            .plusWeeks(2)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY));
    Appointment moving = book(clinic, patient("Jeanne", "Dupont"), tuesday.atTime(9, 0));
    book(clinic, patient("Paul", "Martin"), tuesday.atTime(11, 0));
    book(clinic, patient("Sofia", "Rossi"), tuesday.plusDays(1).atTime(10, 30));
    book(clinic, patient("Ahmed", "Benali"), tuesday.plusDays(2).atTime(15, 0));
    Patient lea = patient("Léa", "Bernard");

    ChromeDriver browser = Chromium.start(Chromium.LAPTOP, "fr");
    try {
      Chromium.signInAsNewStaff(browser, api, List.of("FRONT_DESK"));
      browser.get(
          api.baseUrl()
              + "/app/calendar?view=week&lang=fr&date="
              + tuesday
              + "&provider="
              + clinic.provider.id().value());
      var wait = Chromium.waitFor(browser);
      WebElement event =
          wait.until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector("[data-appointment='" + moving.id().value() + "']")));
      assertThat(event.getText()).contains("Jeanne Dupont");
      // FullCalendar's own stylesheet applied (the nonce let it in): events are positioned.
      assertThat(event.getCssValue("position")).isIn("relative", "absolute");
      Chromium.screenshot(browser, "calendar");

      // Drag 09:00 to 10:00 the same day.
      browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", event);
      WebElement row =
          browser.findElement(By.cssSelector("td.fc-timegrid-slot-lane[data-time='10:00:00']"));
      WebElement from =
          browser.findElement(By.cssSelector("td.fc-timegrid-slot-lane[data-time='09:00:00']"));
      int dy = row.getLocation().getY() - from.getLocation().getY();
      new Actions(browser)
          .clickAndHold(event)
          .pause(Duration.ofMillis(200))
          .moveByOffset(0, dy / 2)
          .pause(Duration.ofMillis(100))
          .moveByOffset(0, dy - dy / 2)
          .pause(Duration.ofMillis(200))
          .release()
          .perform();
      Eventually.await(
          () ->
              appointments
                  .find(moving.id())
                  .orElseThrow()
                  .start()
                  .equals(tuesday.atTime(10, 0).atZone(PARIS).toInstant()),
          Duration.ofSeconds(10),
          "the dragged appointment moved to 10:00");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector(".calendar-status"), "déplacé"));

      // Select 16:00 on Thursday: the booking form opens with the time; find Léa and book.
      WebElement slot =
          browser.findElement(By.cssSelector("td.fc-timegrid-slot-lane[data-time='16:00:00']"));
      WebElement thursday =
          browser.findElement(By.cssSelector("td.fc-day[data-date='" + tuesday.plusDays(2) + "']"));
      browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", slot);
      int dx =
          thursday.getLocation().getX()
              + thursday.getSize().getWidth() / 2
              - (slot.getLocation().getX() + slot.getSize().getWidth() / 2);
      new Actions(browser)
          .moveToElement(slot, dx, -slot.getSize().getHeight() / 4)
          .clickAndHold()
          .pause(Duration.ofMillis(100))
          .moveByOffset(0, slot.getSize().getHeight() / 2)
          .pause(Duration.ofMillis(100))
          .release()
          .perform();
      WebElement dialog =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.booking")));
      assertThat(dialog.findElement(By.name("start")).getDomProperty("value"))
          .isEqualTo(tuesday.plusDays(2) + "T16:00");
      dialog.findElement(By.name("patientQuery")).sendKeys("Léa Bernard");
      dialog.findElement(By.cssSelector("#patient-search button")).click();
      wait.until(
          ExpectedConditions.elementToBeClickable(
              By.cssSelector(
                  "dialog.booking input[name=patient][value='" + lea.id().value() + "']")));
      browser
          .findElement(
              By.cssSelector(
                  "dialog.booking input[name=patient][value='" + lea.id().value() + "']"))
          .click();
      // The provider's own types only: the clinic's consultation is the one it offers.
      assertThat(
              new org.openqa.selenium.support.ui.Select(dialog.findElement(By.name("type")))
                  .getFirstSelectedOption()
                  .getDomAttribute("value"))
          .isEqualTo(clinic.consultation.id().value().toString());
      Chromium.screenshot(browser, "calendar-booking");
      dialog.findElement(By.cssSelector("#book-form button[type=submit]")).click();
      wait.until(
          d ->
              !d.findElement(By.cssSelector("dialog.booking")).isDisplayed()
                  || !d.findElements(By.cssSelector("#book-form p.error")).isEmpty());
      assertThat(browser.findElements(By.cssSelector("#book-form p.error")))
          .as("the booking form's error")
          .extracting(org.openqa.selenium.WebElement::getText)
          .isEmpty();
      Eventually.await(
          () ->
              appointments
                  .list(
                      new org.accueil.scheduling.Commands.AppointmentQuery(
                          clock.instant(),
                          clock.instant().plus(Duration.ofDays(40)),
                          null,
                          lea.id(),
                          null,
                          5))
                  .stream()
                  .anyMatch(
                      a ->
                          a.start()
                              .equals(tuesday.plusDays(2).atTime(16, 0).atZone(PARIS).toInstant())),
          Duration.ofSeconds(10),
          "Léa booked on Thursday at 16:00");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("calendar"), "Léa"));
    } finally {
      browser.quit();
    }
  }

  Patient patient(String given, String family) {
    return patients.register(
        new PatientDetails(
            given, family, LocalDate.of(1975, 3, 9), null, UUID.randomUUID() + "@example.org"));
  }

  Appointment book(ClinicFixture clinic, Patient patient, LocalDateTime parisTime) {
    var result =
        appointments.book(
            new BookAppointment(
                null,
                clinic.consultation.id(),
                clinic.provider.id(),
                parisTime.atZone(PARIS).toInstant(),
                null,
                patient.id(),
                null,
                null,
                Source.STAFF,
                "test"));
    return ((BookingResult.Success<Appointment>) result).value();
  }
}
