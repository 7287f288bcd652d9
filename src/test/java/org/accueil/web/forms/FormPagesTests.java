package org.accueil.web.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.accueil.practice.PracticeAdministration;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.scheduling.Appointments;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.Browser.Page;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The form page a patient opens from the link a message carried ({@code /q/<token>}): in their
 * language, saved to finish later, sent with what to correct or thanked, items shown only for some
 * answers decided by the server, hostile text shown as text, a forged or expired link showing
 * nothing.
 */
@AccueilTest
class FormPagesTests {

  static final String STRICT =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

  static final Pattern INLINE =
      Pattern.compile(
          "<(script|style)(\\s[^>]*)?>\\s*[^<\\s]|\\sstyle\\s*=|\\son[a-z]+\\s*=",
          Pattern.CASE_INSENSITIVE);

  /** The dependent question's item, hidden by the server. */
  static final Pattern MEDS_LIST_HIDDEN =
      Pattern.compile("<div class=\"item\" id=\"item-meds-list\"[^>]*\\shidden[\\s=>]");

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired Questionnaires questionnaires;

  ClinicFixture clinic;

  @BeforeEach
  void aClinicOnAMondayMorning() {
    clock.setParis(LocalDateTime.of(2027, 3, 1, 6, 0));
    clinic = ClinicFixture.create(admin);
  }

  @AfterEach
  void realTime() {
    clock.reset();
  }

  @Test
  void theFormSpeaksThePatientsLanguageUnlessAnotherWasChosen() {
    FormFixture sent = FormFixture.create(questionnaires, appointments, clinic, "fr");
    Browser browser = english();

    Page first = browser.get("/q/" + sent.token);
    assertThat(first.redirectPath()).isEqualTo("/q/" + sent.token + "?lang=fr");
    Page french = browser.open("/q/" + sent.token);
    assertThat(french.status()).isEqualTo(200);
    assertThat(french.body())
        .contains(
            "<h1>Avant votre visite</h1>", "Motif de la visite", "Prenez-vous des médicaments")
        .contains("Jamais", "Tous les jours", "Envoyer mes réponses", "Enregistrer et terminer")
        .contains("inputmode=\"numeric\"", "type=\"date\"", "<textarea", "<legend>")
        .contains("aria-required=\"true\"", "/js/form.js");
    assertThat(MEDS_LIST_HIDDEN.matcher(french.body()).find())
        .as("asked only after a yes")
        .isTrue();

    Page italian = browser.get("/q/" + sent.token + "?lang=it");
    assertThat(italian.body())
        .contains("Prima della visita", "Prende farmaci?", "Invia le risposte");
    assertThat(browser.get("/q/" + sent.token).body())
        .as("the choice is kept")
        .contains("Prima della visita");
    Page english = browser.get("/q/" + sent.token + "?lang=en");
    assertThat(english.body()).contains("Before your visit", "Every day", "Send my answers");

    for (Page shown : List.of(french, italian, english)) {
      assertThat(shown.header("Content-Security-Policy")).isEqualTo(STRICT);
      assertThat(INLINE.matcher(shown.body()).find()).as(shown.uri().toString()).isFalse();
    }
  }

  @Test
  void savedAnswersAreThereWhenThePatientComesBackAndWhatIsMalformedIsShownKept() {
    FormFixture sent = FormFixture.create(questionnaires, appointments, clinic, "en");
    Browser browser = english();
    browser.open("/q/" + sent.token);

    Page saved =
        browser.submit(
            "/q/" + sent.token + "/save", Map.of("reason", "Back pain", "meds", "false"));
    assertThat(saved.redirectPath()).isEqualTo("/q/" + sent.token);
    Page again = browser.open("/q/" + sent.token);
    assertThat(again.body())
        .contains("Your answers are saved")
        .contains("value=\"Back pain\"")
        .containsPattern("id=\"f-meds-1\"[^>]*checked");

    // Another browser (the phone, the next day): the same answers.
    Page elsewhere = english().open("/q/" + sent.token);
    assertThat(elsewhere.body()).contains("value=\"Back pain\"").doesNotContain("are saved");

    Page malformed =
        browser.submit(
            "/q/" + sent.token + "/save", Map.of("reason", "Back pain", "height", "tall"));
    assertThat(malformed.status()).isEqualTo(422);
    assertThat(malformed.body())
        .contains("Your answers are saved", "Enter a whole number", "value=\"tall\"")
        .contains("href=\"#f-height\"", "aria-describedby=\"e-height\"");
  }

  @Test
  void aFormSentIncompleteIsShownAgainWithWhatToCorrectAndNothingTypedLost() {
    FormFixture sent = FormFixture.create(questionnaires, appointments, clinic, "en");
    Browser browser = english();
    browser.open("/q/" + sent.token);

    Page refused =
        browser.submit(
            "/q/" + sent.token, Map.of("meds", "true", "height", "172", "smoking", "daily"));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body())
        .contains("Please correct the following:")
        .contains("href=\"#f-reason\"", "href=\"#f-meds-list\"", "Answer this question.")
        .contains("value=\"172\"")
        .containsPattern("id=\"f-meds-0\"[^>]*checked")
        .containsPattern("id=\"f-smoking-2\"[^>]*checked")
        .contains("aria-describedby=\"e-reason\"", "aria-invalid=\"true\"");
    assertThat(MEDS_LIST_HIDDEN.matcher(refused.body()).find())
        .as("asked now that the answer is yes")
        .isFalse();
    assertThat(questionnaires.responses(sent.appointment.patient(), null, false, 10)).isEmpty();
  }

  @Test
  void aCompleteFormIsThankedAndItsAnswersRecordedWithoutThoseToHiddenQuestions() {
    FormFixture sent = FormFixture.create(questionnaires, appointments, clinic, "en");
    Browser browser = english();
    String csrf = browser.open("/q/" + sent.token).csrf();

    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("reason", "Back pain");
    answers.put("meds", "false");
    answers.put("meds-list", "Typed before changing my mind");
    answers.put("smoking", "never");
    answers.put("last-visit", "2026-05-04");
    answers.put("height", "172");
    Page done = browser.submit("/q/" + sent.token, answers);

    assertThat(done.redirectPath()).isEqualTo("/q/" + sent.token);
    Page thanks = browser.open("/q/" + sent.token);
    assertThat(thanks.status()).isEqualTo(200);
    assertThat(thanks.body())
        .contains("Thank you", "have been sent to the practice")
        .doesNotContain("<form method=\"post\" class=\"questionnaire\"");
    List<QuestionnaireAnswers> recorded =
        questionnaires.responses(sent.appointment.patient(), null, false, 10);
    assertThat(recorded).hasSize(1);
    assertThat(recorded.getFirst().resource())
        .contains("Back pain", "2026-05-04", "172", "never")
        .doesNotContain("Typed before changing my mind");

    // Opened again later, or sent twice: already sent, nothing more recorded.
    assertThat(english().open("/q/" + sent.token).body())
        .contains("You have already sent your answers");
    Map<String, String> again = new LinkedHashMap<>(answers);
    again.put("_csrf", csrf);
    Page twice = browser.post("/q/" + sent.token, again);
    assertThat(twice.redirectPath()).isEqualTo("/q/" + sent.token);
    assertThat(questionnaires.responses(sent.appointment.patient(), null, false, 10)).hasSize(1);
  }

  @Test
  void aFormPostedWithoutItsCsrfTokenIsRefusedAndNothingIsWritten() {
    FormFixture sent = FormFixture.create(questionnaires, appointments, clinic, "en");
    Browser browser = english();
    browser.open("/q/" + sent.token);

    Page forged = browser.post("/q/" + sent.token + "/save", Map.of("reason", "From elsewhere"));
    assertThat(forged.status()).isEqualTo(403);
    Page sentForged =
        browser.post("/q/" + sent.token, Map.of("reason", "From elsewhere", "meds", "false"));
    assertThat(sentForged.status()).isEqualTo(403);

    assertThat(browser.open("/q/" + sent.token).body()).doesNotContain("From elsewhere");
    assertThat(questionnaires.responses(sent.appointment.patient(), null, false, 10)).isEmpty();
  }

  @Test
  void aFormLeftOpenLongerThanItsSessionIsStillSentWithEverythingTyped() {
    FormFixture sent = FormFixture.create(questionnaires, appointments, clinic, "en");
    Browser browser = english();
    browser.open("/q/" + sent.token);
    browser.submit("/q/" + sent.token + "/save", Map.of("reason", "Saved before lunch"));
    browser.open("/q/" + sent.token);

    // The session ends over lunch; the page's token is bound to the form's link, not to it.
    browser.forgetCookies();
    Page later =
        browser.submit("/q/" + sent.token + "/save", Map.of("reason", "Typed after lunch"));

    assertThat(later.redirectPath()).isEqualTo("/q/" + sent.token);
    assertThat(browser.open("/q/" + sent.token).body()).contains("value=\"Typed after lunch\"");
    // Another form's token does not open this one.
    FormFixture other = FormFixture.create(questionnaires, appointments, clinic, "en");
    String othersToken = english().open("/q/" + other.token).csrf();
    Page crossed =
        browser.post(
            "/q/" + sent.token + "/save", Map.of("reason", "Crossed", "_csrf", othersToken));
    assertThat(crossed.status()).isEqualTo(403);
    assertThat(browser.open("/q/" + sent.token).body()).doesNotContain("Crossed");
  }

  @Test
  void hostileTextInAnAnswerIsShownAsText() {
    FormFixture sent = FormFixture.create(questionnaires, appointments, clinic, "en");
    Browser browser = english();
    browser.open("/q/" + sent.token);
    String hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

    browser.submit(
        "/q/" + sent.token + "/save",
        Map.of("reason", hostile, "meds", "true", "meds-list", hostile));
    Page shown = browser.open("/q/" + sent.token);

    assertThat(shown.body())
        .doesNotContain("<script>alert(1)", "<img src=x")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x");
  }

  @Test
  void aLinkThatIsForgedAlteredOrExpiredShowsNothingOfAnyForm() {
    FormFixture sent = FormFixture.create(questionnaires, appointments, clinic, "en");
    String token = sent.token;
    String altered =
        token.substring(0, token.length() - 2)
            + (token.charAt(token.length() - 2) == 'A' ? 'B' : 'A')
            + token.charAt(token.length() - 1);
    Browser browser = english();

    for (String link : List.of(altered, "whatever", token + "x", "qf_AAAA.BBBB")) {
      Page page = browser.get("/q/" + link);
      assertThat(page.status()).as(link).isEqualTo(404);
      assertThat(page.body())
          .contains("This link cannot be used")
          .doesNotContain("Before your visit", "Avant votre visite", "medication", "Lina");
    }

    // A form sent to a bad link writes nothing.
    browser.open("/q/" + token);
    Page posted = browser.submit("/q/" + altered + "/save", Map.of("reason", "Forged"));
    // The page's token is bound to its own link: refused before the link is even read.
    assertThat(posted.status()).isEqualTo(403);
    assertThat(browser.open("/q/" + token).body()).doesNotContain("Forged");

    String expiring = FormFixture.another(questionnaires, appointments, clinic);
    assertThat(browser.get("/q/" + expiring).status()).isEqualTo(200);
    clock.advance(Duration.ofDays(60));
    Page expired = browser.get("/q/" + expiring);
    assertThat(expired.status()).isEqualTo(404);
    assertThat(expired.body()).doesNotContain("Before your visit");
  }

  private Browser english() {
    return new Browser(api.baseUrl()).header("Accept-Language", "en");
  }
}
