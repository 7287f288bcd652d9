package org.accueil.web.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Source;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Chromium;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The patients' pages in Debian's headless Chromium, on a phone held upright: a patient books from
 * {@code /book} to the confirmation by tapping and typing, never scrolling sideways, and opens the
 * manage-booking page from it; the chat demo shows the widget, styled, under the page's policy.
 * Screenshots go to docs/screenshots/. Skipped where Chromium is not installed.
 */
@AccueilTest
class PatientPagesInChromiumTests {

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired Patients patients;

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
  void aPatientBooksOnAPhoneFromStartToFinishAndOpensTheManagePage() {
    ChromeDriver phone = Chromium.start(Chromium.PHONE, "fr");
    try {
      String base = api.baseUrl();
      String type = clinic.consultation.id().value().toString();
      phone.get(base + "/book");
      fitsTheScreen(phone);
      phone.findElement(By.cssSelector("a[href='/book/" + type + "']")).click();
      Chromium.waitFor(phone).until(ExpectedConditions.urlContains("/book/" + type));
      assertThat(phone.findElement(By.tagName("h1")).getText())
          .isEqualTo("Qui souhaitez-vous consulter ?");
      fitsTheScreen(phone);
      phone.findElement(By.cssSelector("a.choice.first")).click();
      Chromium.waitFor(phone).until(ExpectedConditions.urlContains("/any"));

      assertThat(phone.findElements(By.cssSelector("section.day h2")).getFirst().getText())
          .isEqualToIgnoringCase("lundi 1 mars");
      fitsTheScreen(phone);
      List<WebElement> times = phone.findElements(By.cssSelector("button.time"));
      assertThat(times.getFirst().getSize().getHeight())
          .as("a touch target")
          .isGreaterThanOrEqualTo(44);
      Chromium.screenshot(phone, "book-slots");
      times.getFirst().click();

      Chromium.waitFor(phone).until(ExpectedConditions.urlContains("/book/details/"));
      fitsTheScreen(phone);
      String family = "Navigateur-" + Tags.letters();
      phone.findElement(By.id("givenName")).sendKeys("Élodie");
      phone.findElement(By.id("familyName")).sendKeys(family);
      phone.findElement(By.id("birthDay")).sendKeys("9");
      phone.findElement(By.id("birthMonth")).sendKeys("11");
      phone.findElement(By.id("birthYear")).sendKeys("1988");
      phone.findElement(By.id("phone")).sendKeys("06 12 " + BookingPagesTests.digits(6));
      phone.findElement(By.cssSelector("form.details button[type=submit]")).click();

      Chromium.waitFor(phone).until(ExpectedConditions.urlContains("/book/done"));
      assertThat(phone.findElement(By.tagName("h1")).getText())
          .isEqualTo("Votre rendez-vous est réservé");
      assertThat(phone.findElement(By.cssSelector("dd.when")).getText())
          .isEqualTo("lundi 1 mars à 08:00");
      fitsTheScreen(phone);
      Chromium.screenshot(phone, "book-done");

      List<Appointment> booked =
          appointments.list(
              new AppointmentQuery(
                  Instant.parse("2027-03-01T00:00:00Z"),
                  Instant.parse("2027-03-08T00:00:00Z"),
                  clinic.provider.id(),
                  null,
                  null,
                  10));
      assertThat(booked).hasSize(1);
      assertThat(booked.getFirst().status()).isEqualTo(AppointmentStatus.BOOKED);
      assertThat(booked.getFirst().source()).isEqualTo(Source.WEB);
      assertThat(booked.getFirst().start()).isEqualTo(Instant.parse("2027-03-01T07:00:00Z"));
      assertThat(patients.find(booked.getFirst().patient()).orElseThrow().familyName())
          .isEqualTo(family);

      phone.findElement(By.cssSelector("a[href^='/p/pl_']")).click();
      Chromium.waitFor(phone).until(ExpectedConditions.urlContains("/p/pl_"));
      assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Votre rendez-vous");
      fitsTheScreen(phone);
      Chromium.screenshot(phone, "manage-booking");

      // The front desk sees it in the calendar, drawn where the patient chose it.
      ChromeDriver desk = Chromium.start(Chromium.LAPTOP, "fr");
      try {
        Chromium.signInAsNewStaff(desk, api, List.of("FRONT_DESK"));
        desk.get(
            base
                + "/app/calendar?lang=fr&date=2027-03-01&provider="
                + clinic.provider.id().value());
        WebElement event =
            Chromium.waitFor(desk)
                .until(
                    ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(
                            "#calendar [data-appointment='"
                                + booked.getFirst().id().value()
                                + "']")));
        assertThat(event.getText()).contains("08:00", "Élodie " + family);
      } finally {
        desk.quit();
      }
    } finally {
      phone.quit();
    }
  }

  @Test
  void theChatDemoShowsTheWidgetStyledUnderThePagesPolicy() {
    ChromeDriver phone = Chromium.start(Chromium.PHONE, "en");
    try {
      phone.get(api.baseUrl() + "/chat-demo");
      SearchContext widget =
          Chromium.waitFor(phone)
              .until(d -> d.findElement(By.cssSelector("[data-accueil-chat]")).getShadowRoot());
      WebElement launcher = widget.findElement(By.cssSelector("button.l"));
      assertThat(launcher.getCssValue("position"))
          .as("the widget's own stylesheet applies")
          .isEqualTo("fixed");
      launcher.click();
      assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("true");
      assertThat(widget.findElement(By.cssSelector("textarea")).isDisplayed()).isTrue();
      fitsTheScreen(phone);
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
