package org.accueil.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.channels.whatsapp.WhatsAppTest;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.Api;
import org.accueil.testing.Chromium;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox in headless Chromium, as a receptionist uses it: a WhatsApp message appears in the open
 * inbox without a reload, the receptionist opens it and replies, and the reply reaches Meta; a
 * hostile message is only text. Saves the screenshots of the inbox, a conversation and a patient
 * page to docs/screenshots/.
 */
@WhatsAppTest
class InboxBrowserTests {

  @Autowired Api api;
  @Autowired ChannelInbox channelInbox;
  @Autowired ChannelOutbox outbox;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired MetaRecorder meta;
  @Autowired PracticeAdministration admin;

  WhatsAppPatients patients;

  @BeforeEach
  void mondayMorning() {
    clock.setParis(LocalDateTime.of(2027, 4, 5, 9, 0));
    patients = new WhatsAppPatients(api, channelInbox, jdbc, clock);
  }

  @Test
  void answerAWhatsAppConversationFromTheInbox() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    String digits = WhatsAppPatients.newNumber();
    // A patient the practice knows, booked for tomorrow, with this number on their record.
    var booked =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId", clinic.consultation.id().toString(),
                "providerId", clinic.provider.id().toString(),
                "start",
                    LocalDateTime.of(2027, 4, 6, 10, 0)
                        .atZone(ZoneId.of("Europe/Paris"))
                        .toOffsetDateTime()
                        .toString(),
                "patient",
                    Map.of(
                        "givenName",
                        "Léa",
                        "familyName",
                        "Martin",
                        "birthDate",
                        "1986-05-14",
                        "phone",
                        "+" + digits)));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String patient = booked.body().path("patientId").asString();

    ChromeDriver browser = Chromium.start(Chromium.LAPTOP, "en");
    try {
      Chromium.signInAsNewStaff(browser, api, List.of("FRONT_DESK"));
      browser.get(api.baseUrl() + "/app/inbox");
      Chromium.waitFor(browser)
          .until(
              ExpectedConditions.presenceOfElementLocated(By.cssSelector(".live[data-live=on]")));
      ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

      // 09:00 on WhatsApp; the inbox is open, nobody reloads it.
      String wrote = "Bonjour, je serai en retard de 10 minutes demain.";
      UUID conversation = patients.writes(digits, "Léa", wrote);
      WebElement line =
          Chromium.waitFor(browser)
              .until(
                  ExpectedConditions.presenceOfElementLocated(
                      By.cssSelector("tr[data-conversation='" + conversation + "']")));
      assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument"))
          .as("it came live, without a reload")
          .isEqualTo(true);
      assertThat(line.getText()).contains("Léa Martin", "WhatsApp", "Waiting for staff");
      assertThat(line.findElement(By.cssSelector(".excerpt")).getText()).isEqualTo(wrote);
      Chromium.screenshot(browser, "inbox");

      line.findElement(By.cssSelector("td.patient a")).click();
      WebElement reply =
          Chromium.waitFor(browser)
              .until(ExpectedConditions.elementToBeClickable(By.id("reply-text")));
      assertThat(browser.findElement(By.id("window-status")).getText())
          .contains("24-hour window is open");
      assertThat(browser.findElement(By.id("timeline")).getText()).contains(wrote);
      String answer = "Merci de nous prévenir, à demain !";
      reply.sendKeys(answer);
      Chromium.screenshot(browser, "conversation");
      browser.findElement(By.cssSelector("form.reply button[type=submit]")).click();

      Chromium.waitFor(browser)
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.cssSelector("p.notice"), "Reply sent."));
      assertThat(browser.findElement(By.id("timeline")).getText()).contains(answer);
      for (int i = 0; i < 400 && meta.requestsTo(digits).isEmpty(); i++) {
        outbox.sendPending();
        sleep(25);
      }
      assertThat(meta.requestsTo(digits)).hasSize(1);
      assertThat(meta.requestsTo(digits).getFirst().body())
          .contains("\"type\":\"text\"", "\"to\":\"" + digits + "\"", answer);
      Chromium.screenshot(browser, "conversation");

      browser.get(api.baseUrl() + "/app/patients/" + patient);
      Chromium.waitFor(browser)
          .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".patient-timeline")));
      assertThat(browser.findElement(By.tagName("main")).getText())
          .contains("Léa", "Martin", "Upcoming appointments", wrote, answer, "Appointment booked");
      Chromium.screenshot(browser, "patient");
    } finally {
      browser.quit();
    }
  }

  @Test
  void aHostileMessageRendersAsText() {
    String digits = WhatsAppPatients.newNumber();
    UUID conversation = patients.writes(digits, "Mallory", InboxPagesTests.HOSTILE);

    ChromeDriver browser = Chromium.start(Chromium.LAPTOP, "en");
    try {
      Chromium.signInAsNewStaff(browser, api, List.of("FRONT_DESK"));
      browser.get(api.baseUrl() + "/app/inbox");
      WebElement excerpt =
          Chromium.waitFor(browser)
              .until(
                  ExpectedConditions.presenceOfElementLocated(
                      By.cssSelector("tr[data-conversation='" + conversation + "'] .excerpt")));
      assertThat(excerpt.getText()).isEqualTo(InboxPagesTests.HOSTILE);
      assertThat(excerpt.findElements(By.cssSelector("script, img"))).isEmpty();

      browser.get(api.baseUrl() + "/app/inbox/" + conversation);
      WebElement text =
          Chromium.waitFor(browser)
              .until(
                  ExpectedConditions.presenceOfElementLocated(
                      By.cssSelector("#timeline .entry.inbound .text")));
      assertThat(text.getText()).isEqualTo(InboxPagesTests.HOSTILE);
      assertThat(browser.findElements(By.cssSelector("main img, main script"))).isEmpty();
      assertThatThrownBy(() -> browser.switchTo().alert())
          .as("no alert was opened")
          .isInstanceOf(NoAlertPresentException.class);
    } finally {
      browser.quit();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
