package org.accueil.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Chromium;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The widget as a patient meets it: on a page of the practice's own site (another origin, served
 * here by a small server of the test's own), in Debian's headless Chromium. The visitor opens the
 * chat, writes, reads the receptionist's answer when it comes, and finds the conversation again
 * after reloading the page. Skipped where Chromium and its driver are not installed (.ci/run
 * installs them).
 */
@AccueilTest
class WebChatInChromiumTests {

  /** The practice's site: one page that embeds the widget from Accueil. */
  static final HttpServer SITE = site();

  static int appPort;

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired WebServerApplicationContext server;

  @DynamicPropertySource
  static void theSiteMayCallTheChat(DynamicPropertyRegistry registry) {
    registry.add(
        "accueil.channels.webchat.allowed-origins",
        () -> "http://127.0.0.1:" + SITE.getAddress().getPort());
  }

  static HttpServer site() {
    try {
      HttpServer site =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      site.createContext(
          "/",
          exchange -> {
            byte[] page =
                ("<!doctype html><html lang='fr'><head><meta charset='utf-8'>"
                        + "<title>Cabinet du Dr Martin</title></head><body><h1>Cabinet</h1>"
                        + "<script src='http://localhost:"
                        + appPort
                        + "/channels/webchat/widget.js' data-lang='fr' async></script>"
                        + "</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
          });
      site.start();
      return site;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void closeTheSite() {
    SITE.stop(0);
  }

  @Test
  void aVisitorChatsReadsTheAnswerAndFindsTheConversationAfterReloading() throws Exception {
    Chromium.assumeInstalled();
    appPort = server.getWebServer().getPort();
    ChromeDriver browser = Chromium.start(Chromium.LAPTOP, "fr");
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      // The widget redraws its log as messages arrive: an element read mid-redraw is read again.
      wait.ignoring(StaleElementReferenceException.class);
      browser.get("http://127.0.0.1:" + SITE.getAddress().getPort() + "/");
      SearchContext widget =
          wait.until(d -> d.findElement(By.cssSelector("[data-accueil-chat]")).getShadowRoot());

      WebElement launcher = widget.findElement(By.cssSelector("button.l"));
      assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
      launcher.click();
      assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("true");
      WebElement input = widget.findElement(By.cssSelector("textarea"));
      String text = "Bonjour, avez-vous un créneau jeudi ? " + Tags.letters();
      input.sendKeys(text);
      input.sendKeys(Keys.ENTER);

      // The message reached the practice: on a new patient's timeline, from the web chat.
      String conversation = wait.until(d -> conversationHolding(text));
      // The receptionist answers; the open widget shows it without a reload.
      String answer = "Oui, jeudi à 10 h 30. " + Tags.letters();
      var replied =
          api.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", answer));
      assertThat(replied.status()).as(replied.toString()).isEqualTo(201);
      wait.until(d -> shown(widget).contains(answer));

      // A message carrying the link to a form: the widget offers to open it, in a new tab.
      String form = "http://localhost:" + appPort + "/q/qf_Form-" + Tags.letters() + ".sig";
      api.post(
          "/api/v1/conversations/" + conversation + "/replies",
          Map.of("text", "Merci de remplir ce formulaire : " + form + "."));
      WebElement fill = wait.until(d -> widget.findElement(By.cssSelector(".m a.q")));
      assertThat(fill.getText()).startsWith("Remplir le formulaire");
      assertThat(fill.getAttribute("href")).isEqualTo(form);
      assertThat(fill.getAttribute("target")).isEqualTo("_blank");
      assertThat(fill.getAttribute("rel")).isEqualTo("noopener");

      // Another day, the same browser: the conversation is still there.
      browser.navigate().refresh();
      SearchContext again =
          wait.until(d -> d.findElement(By.cssSelector("[data-accueil-chat]")).getShadowRoot());
      again.findElement(By.cssSelector("button.l")).click();
      wait.until(d -> shown(again).contains(text) && shown(again).contains(answer));
    } finally {
      browser.quit();
    }
  }

  private static String shown(SearchContext widget) {
    return widget.findElement(By.cssSelector(".m")).getText();
  }

  private String conversationHolding(String text) {
    List<String> ids =
        jdbc.sql(
                "SELECT c.id::text FROM conversation c JOIN conversation_entry e ON"
                    + " e.conversation_id = c.id WHERE e.channel = 'webchat'"
                    + " AND e.direction = 'inbound' ORDER BY e.seq DESC LIMIT 20")
            .query(String.class)
            .list();
    for (String id : ids) {
      JsonNode timeline = api.get("/api/v1/conversations/" + id + "/timeline").body();
      if (timeline.toString().contains(text)) {
        return id;
      }
    }
    return null;
  }
}
