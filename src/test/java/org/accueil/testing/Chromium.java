package org.accueil.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the web application's browser tests: a browser the size of a
 * 13-inch laptop's window (or a phone's), a staff sign-in through the real form, and screenshots
 * into {@code docs/screenshots/} for the README. Tests using it are skipped where Chromium and its
 * driver are not installed ({@code .ci/run} installs them).
 */
public final class Chromium {

  public static final Path BINARY = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** A 13-inch laptop's browser window. */
  public static final String LAPTOP = "1366,860";

  /** A phone held upright (CSS pixels). */
  public static final String PHONE = "390,844";

  private Chromium() {}

  /** Skips the calling test where Chromium is missing. */
  public static void assumeInstalled() {
    assumeTrue(
        Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
        "Debian's chromium and chromium-driver are not installed");
  }

  /** A new headless browser with a window of {@code size} ("width,height"), in {@code language}. */
  public static ChromeDriver start(String size, String language) {
    assumeInstalled();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    Path profile;
    try {
      profile = Files.createTempDirectory("accueil-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--window-size=" + size,
        "--lang=" + language,
        "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  public static WebDriverWait waitFor(WebDriver browser) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Signs in through the sign-in form, as a person does, and waits for the signed-in page. */
  public static void signIn(WebDriver browser, String base, String email, String password) {
    browser.get(base + "/login");
    browser.findElement(By.name("email")).sendKeys(email);
    browser.findElement(By.name("password")).sendKeys(password);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    waitFor(browser).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }

  /** A new staff user with these roles (through the users API), signed in in {@code browser}. */
  public static String signInAsNewStaff(WebDriver browser, Api admin, List<String> roles) {
    String email = "staff-" + UUID.randomUUID() + "@clinic.example";
    var created =
        admin.post(
            "/api/v1/users",
            Map.of(
                "email",
                email,
                "displayName",
                "Claire Dubois",
                "roles",
                roles,
                "password",
                StaffSessions.PASSWORD));
    if (created.status() != 201) {
      throw new IllegalStateException("Could not create a staff user: " + created);
    }
    signIn(browser, admin.baseUrl(), email, StaffSessions.PASSWORD);
    return email;
  }

  /**
   * Saves what the browser shows to {@code docs/screenshots/<name>.png} (the README shows them), so
   * each run of the suite refreshes them.
   */
  public static void screenshot(ChromeDriver browser, String name) {
    Path dir =
        Path.of(
            System.getProperty("basedir", System.getProperty("user.dir")), "docs", "screenshots");
    try {
      Files.createDirectories(dir);
      Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
