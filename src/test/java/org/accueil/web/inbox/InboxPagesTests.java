package org.accueil.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.channels.whatsapp.WhatsAppTest;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.security.NewStaffUser;
import org.accueil.security.Role;
import org.accueil.security.StaffAccounts;
import org.accueil.security.StaffUser;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The inbox, conversation and patient pages over HTTP, as a browser without scripts uses them: the
 * queue's order and filters, every action as a form with its CSRF token, the scope checks, a
 * hostile message shown as text, the live stream, and the pages' strict policy.
 */
@WhatsAppTest
class InboxPagesTests {

  static final String STRICT =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

  /** A script or style element with content, a style attribute or an event handler attribute. */
  static final Pattern INLINE =
      Pattern.compile(
          "<(script|style)(\\s[^>]*)?>\\s*[^<\\s]|\\sstyle=|\\son[a-z]+=",
          Pattern.CASE_INSENSITIVE);

  static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>";
  static final String HOSTILE_ESCAPED =
      "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";

  static final String PASSWORD = "inbox pages password 1";

  @Autowired Api api;
  @Autowired ChannelInbox channelInbox;
  @Autowired ChannelOutbox outbox;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired StaffAccounts accounts;
  @Autowired MetaRecorder meta;
  @Autowired InboxPages pages;
  @Autowired ConversationActions actions;
  @Autowired InboxEvents events;
  @Autowired PatientPages patientPages;

  WhatsAppPatients patients;
  StaffUser receptionist;
  Browser browser;

  @BeforeEach
  void aReceptionistSignedIn() {
    clock.reset();
    patients = new WhatsAppPatients(api, channelInbox, jdbc, clock);
    receptionist = staff("Claire Dubois", Set.of(Role.FRONT_DESK));
    browser = signedIn(receptionist);
  }

  StaffUser staff(String name, Set<Role> roles) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    return accounts.create(
        new NewStaffUser(
            "inbox-" + tag + "@clinic.example", name + " " + tag, roles, null, null, PASSWORD));
  }

  Browser signedIn(StaffUser user) {
    Browser b = new Browser(api.baseUrl()).header("Accept-Language", "en");
    b.get("/login");
    var signedIn = b.submit("/login", Map.of("email", user.email(), "password", PASSWORD));
    assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
    assertThat(signedIn.location()).doesNotContain("error");
    return b;
  }

  Browser.Page page(String path) {
    var page = browser.get(path);
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page;
  }

  /** Posts a conversation's form with the token the conversation page carries. */
  Browser.Page act(UUID conversation, String action, Map<String, String> fields) {
    page("/app/inbox/" + conversation);
    var posted = browser.submit("/app/inbox/" + conversation + "/" + action, fields);
    assertThat(posted.status()).as(posted.toString()).isEqualTo(302);
    assertThat(posted.redirectPath()).isEqualTo("/app/inbox/" + conversation);
    return browser.follow(posted);
  }

  @Test
  void theInboxListsUrgentConversationsFirstThenWhoeverHasWaitedLongest() {
    String tag = Tags.letters();
    UUID first = patients.writes(WhatsAppPatients.newNumber(), "Ann", "First " + tag);
    clock.advance(Duration.ofMinutes(5));
    UUID second = patients.writes(WhatsAppPatients.newNumber(), "Bob", "Second " + tag);
    clock.advance(Duration.ofMinutes(5));
    UUID third = patients.writes(WhatsAppPatients.newNumber(), "Cleo", "Third " + tag);
    act(third, "priority", Map.of("priority", "urgent"));

    String inbox = page("/app/inbox?channel=whatsapp").body();

    assertThat(inbox).contains("Third " + tag, "First " + tag, "Second " + tag);
    assertThat(inbox.indexOf(third.toString()))
        .as("urgent first")
        .isLessThan(inbox.indexOf(first.toString()));
    assertThat(inbox.indexOf(first.toString()))
        .as("then who waited longest")
        .isLessThan(inbox.indexOf(second.toString()));
    assertThat(inbox).contains("Urgent", "Waiting for staff", "WhatsApp", "10 min");
  }

  @Test
  void theFiltersNarrowTheListByAssigneeChannelAndState() {
    String tag = Tags.letters();
    UUID mine = patients.writes(WhatsAppPatients.newNumber(), "Dan", "Mine " + tag);
    UUID waiting = patients.writes(WhatsAppPatients.newNumber(), "Eve", "Waiting " + tag);
    act(mine, "assign", Map.of("assignee", "me"));

    String onlyMine = page("/app/inbox?who=mine").body();
    String unassigned = page("/app/inbox?who=unassigned&channel=whatsapp").body();
    String bySms = page("/app/inbox?channel=sms").body();
    act(waiting, "resolve", Map.of());
    String resolved = page("/app/inbox?state=resolved").body();
    String open = page("/app/inbox").body();

    assertThat(onlyMine).contains(mine.toString()).doesNotContain(waiting.toString());
    assertThat(unassigned).contains(waiting.toString()).doesNotContain(mine.toString());
    assertThat(bySms).doesNotContain(mine.toString(), waiting.toString());
    assertThat(resolved).contains(waiting.toString()).doesNotContain(mine.toString());
    assertThat(open).contains(mine.toString()).doesNotContain(waiting.toString());
    assertThat(onlyMine)
        .as("the form keeps its choice")
        .contains("<option value=\"mine\" selected=\"selected\">");
  }

  @Test
  void staffReplyNoteAssignAndHandBackThroughTheForms() {
    String digits = WhatsAppPatients.newNumber();
    String tag = Tags.letters();
    UUID conversation = patients.writes(digits, "Fay", "Can I come on Saturday? " + tag);
    StaffUser colleague = staff("Marco Rossi", Set.of(Role.FRONT_DESK));

    var replied =
        act(conversation, "reply", Map.of("text", "Yes, from 9 to 12. " + tag, "channel", ""));
    assertThat(replied.body()).contains("Reply sent.", "Yes, from 9 to 12. " + tag, "With staff");
    awaitSentTo(digits, 1);
    assertThat(meta.requestsTo(digits).getFirst().body())
        .contains("\"type\":\"text\"", "Yes, from 9 to 12. " + tag);

    var noted = act(conversation, "note", Map.of("text", "Prefers mornings " + tag));
    assertThat(noted.body()).contains("Note added.", "Prefers mornings " + tag, "Internal note by");
    assertThat(meta.requestsTo(digits)).as("a note is never sent").hasSize(1);

    var given = act(conversation, "assign", Map.of("assignee", colleague.id().toString()));
    assertThat(given.body()).contains("With " + colleague.displayName());

    var handedBack = act(conversation, "hand-back", Map.of());
    assertThat(handedBack.body())
        .contains("The assistant has the conversation again.", "With the assistant")
        .contains("Handed back to the assistant");
    assertThat(api.get("/api/v1/conversations/" + conversation).body().path("state").asString())
        .isEqualTo("with-assistant");
  }

  @Test
  void aReplyTheChannelCannotCarryShowsWhyAndKeepsTheDraft() {
    UUID conversation =
        patients.writes(WhatsAppPatients.newNumber(), "Gus", "Hello " + Tags.letters());

    var refused = act(conversation, "reply", Map.of("text", "By e-mail then", "channel", "email"));

    assertThat(refused.body())
        .contains("class=\"error\"", "By e-mail then")
        .doesNotContain("Reply sent.");
    assertThat(api.get("/api/v1/conversations/" + conversation + "/timeline").body()).hasSize(1);
    assertThat(page("/app/inbox/" + conversation).body())
        .as("the channels the patient cannot be reached on say why")
        .contains("E-mail — not possible:");
  }

  @Test
  void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
    UUID conversation =
        patients.writes(WhatsAppPatients.newNumber(), "Hal", "Hello " + Tags.letters());
    page("/app/inbox/" + conversation);

    var forged =
        browser.post(
            "/app/inbox/" + conversation + "/note", Map.of("text", "forged note from elsewhere"));
    var forgedAssign =
        browser.post("/app/inbox/" + conversation + "/assign", Map.of("assignee", "me"));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(forgedAssign.status()).isEqualTo(403);
    assertThat(page("/app/inbox/" + conversation).body()).doesNotContain("forged note");
    assertThat(api.get("/api/v1/conversations/" + conversation).body().path("assignee").isNull())
        .isTrue();
  }

  @Test
  void aCallerWithoutTheScopesIsRefused403AndAnUnknownConversationIs404() {
    UUID conversation =
        patients.writes(WhatsAppPatients.newNumber(), "Ivy", "Hello " + Tags.letters());
    // Every staff role holds conversations:read and patients:read, and the database allows no
    // account without a role: the pages are asked directly, as an actor without those scopes.
    var readOnly =
        new Actor(
            Actor.Kind.USER,
            receptionist.id().toString(),
            "Read only",
            Set.of(),
            Set.of(Scope.CONVERSATIONS_READ),
            null,
            null);
    var nothing =
        new Actor(
            Actor.Kind.USER,
            receptionist.id().toString(),
            "Nothing",
            Set.of(),
            Set.of(),
            null,
            null);
    var model = new org.springframework.ui.ExtendedModelMap();
    var redirect = new org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap();
    try {
      as(nothing);
      for (Runnable call :
          List.<Runnable>of(
              () -> pages.inbox("", "", "", model, Locale.ENGLISH),
              () -> pages.listFragment("", "", "", model, Locale.ENGLISH),
              () -> pages.conversation(conversation, null, model, Locale.ENGLISH),
              () -> events.events(null),
              () -> patientPages.search("Ivy", model, Locale.ENGLISH))) {
        assertThatThrownBy(call::run)
            .isInstanceOfSatisfying(
                ProblemException.class, p -> assertThat(p.getStatusCode().value()).isEqualTo(403));
      }
      as(readOnly);
      assertThatThrownBy(() -> actions.note(conversation, "not allowed", redirect, Locale.ENGLISH))
          .isInstanceOfSatisfying(
              ProblemException.class, p -> assertThat(p.getStatusCode().value()).isEqualTo(403));
    } finally {
      SecurityContextHolder.clearContext();
    }
    assertThat(page("/app/inbox/" + conversation).body()).doesNotContain("not allowed");

    var unknown = browser.get("/app/inbox/" + UUID.randomUUID());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("text/html");
    assertThat(unknown.body()).contains("This page cannot be shown", "There is no conversation");
  }

  static void as(Actor actor) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(actor, null, List.of()));
  }

  /** The session's CSRF token, from the meta tag every staff page carries. */
  static String csrfOf(Browser b) {
    var m = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(b.last().body());
    assertThat(m.find()).as("a csrf meta tag").isTrue();
    return m.group(1);
  }

  @Test
  void aHostileMessageIsShownAsTextOnEveryPage() {
    UUID conversation = patients.writes(WhatsAppPatients.newNumber(), "<b>Mallory</b>", HOSTILE);
    UUID patient =
        UUID.fromString(
            api.get("/api/v1/conversations/" + conversation).body().path("patientId").asString());
    act(conversation, "note", Map.of("text", "Staff too: " + HOSTILE));

    for (String path :
        List.of(
            "/app/inbox",
            "/app/inbox/list",
            "/app/inbox/" + conversation,
            "/app/inbox/" + conversation + "/timeline",
            "/app/patients/" + patient)) {
      String body = page(path).body();
      assertThat(body).as(path).contains(HOSTILE_ESCAPED).doesNotContain(HOSTILE);
      assertThat(body).as(path).doesNotContain("<script>alert", "<img src=x", "<b>Mallory");
    }
  }

  @Test
  void theLiveStreamSaysWhenAMessageArrives() throws Exception {
    String digits = WhatsAppPatients.newNumber();
    UUID conversation = patients.writes(digits, "Jo", "First " + Tags.letters());
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<java.io.InputStream> stream =
        http.send(
            HttpRequest.newBuilder(URI.create(api.baseUrl() + "/app/inbox/events"))
                .header("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID"))
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<String> lines = new ArrayList<>();
    CompletableFuture<Boolean> heard =
        CompletableFuture.supplyAsync(
            () -> {
              try (var reader =
                  new BufferedReader(
                      new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                  if (line.equals("data:" + conversation)) {
                    return true;
                  }
                }
                return false;
              } catch (java.io.IOException e) {
                return false;
              }
            });
    waitFor(lines, "event:ready");
    // The node's listening connection takes up to 250 ms to LISTEN on a topic nobody listened to.
    Thread.sleep(600);

    patients.awaitConversationOf(
        patients.sendWebhook(
            digits, "Jo", "wamid." + UUID.randomUUID(), "Second " + Tags.letters()));

    try {
      assertThat(heard.completeOnTimeout(false, 20, TimeUnit.SECONDS).get())
          .as("heard of %s: %s", conversation, lines)
          .isTrue();
    } finally {
      stream.body().close();
    }
    synchronized (lines) {
      assertThat(lines).contains("event:change");
      assertThat(String.join("\n", lines)).doesNotContain("Second");
    }
  }

  private static void waitFor(List<String> lines, String line) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      synchronized (lines) {
        if (lines.contains(line)) {
          return;
        }
      }
      Thread.sleep(25);
    }
    throw new AssertionError("The stream never said " + line + ": " + lines);
  }

  @Test
  void everyPageCarriesTheStrictPolicyAndNothingInline() {
    String digits = WhatsAppPatients.newNumber();
    UUID conversation = patients.writes(digits, "Kim", "Hello " + Tags.letters());
    String patient =
        api.get("/api/v1/conversations/" + conversation).body().path("patientId").asString();

    for (String path :
        List.of(
            "/app/inbox",
            "/app/inbox/" + conversation,
            "/app/patients",
            "/app/patients?q=%2B" + digits,
            "/app/patients/" + patient)) {
      var page = page(path);
      assertThat(page.header("Content-Security-Policy")).as(path).isEqualTo(STRICT);
      assertThat(INLINE.matcher(page.body()).find())
          .as("no inline script, style or handler on " + path)
          .isFalse();
      assertThat(page.body()).as(path).contains("<main id=\"main\"", "<body class=\"app\">");
    }
    assertThat(page("/app/patients?q=%2B" + digits).body())
        .as("found by phone number")
        .contains("/app/patients/" + patient);
  }

  @Test
  void thePagesSpeakFrenchAndItalian() {
    UUID conversation =
        patients.writes(WhatsAppPatients.newNumber(), "Léa", "Bonjour " + Tags.letters());

    String fr = page("/app/inbox/" + conversation + "?lang=fr").body();
    String it = page("/app/inbox?lang=it").body();

    assertThat(fr).contains("Répondre au patient", "Retour à la boîte de réception");
    assertThat(it).contains("Posta in arrivo", "Canale");
  }

  void awaitSentTo(String digits, int count) {
    for (int i = 0; i < 400 && meta.requestsTo(digits).size() < count; i++) {
      outbox.sendPending();
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    assertThat(meta.requestsTo(digits)).hasSize(count);
  }
}
