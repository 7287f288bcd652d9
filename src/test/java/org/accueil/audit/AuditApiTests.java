package org.accueil.audit;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.platform.AuditRecord.Outcome;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/audit} and {@code /verify} as an administrator or an auditor's script uses
 * them.
 */
@AccueilTest
class AuditApiTests {

  @Autowired Api api;
  @Autowired ApplicationEventPublisher events;
  @Autowired TestClock clock;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  @Test
  void withoutAKeyTheTrailAndItsVerificationAreRefused() {
    assertThatProblem(api.anonymous().get("/api/v1/audit")).is(401, "unauthorized");
    assertThatProblem(api.anonymous().get("/api/v1/audit/verify")).is(401, "unauthorized");
  }

  @Test
  void rowsComeNewestFirstWithEveryField() {
    String appointment = UUID.randomUUID().toString();
    clock.set(Instant.parse("2026-04-02T08:15:30.5Z"));
    events.publishEvent(
        AuditRecords.of("appointment.book", "appointment", appointment, Outcome.SUCCESS));
    clock.set(Instant.parse("2026-04-02T08:20:00Z"));
    events.publishEvent(
        AuditRecords.of("appointment.cancel", "appointment", appointment, Outcome.DENIED));

    var answer = api.get("/api/v1/audit?entityType=appointment&entityId=" + appointment);

    assertThat(answer.status()).isEqualTo(200);
    List<JsonNode> rows = events(answer);
    assertThat(rows).hasSize(2);
    JsonNode cancel = rows.get(0);
    JsonNode book = rows.get(1);
    assertThat(cancel.get("seq").asLong()).isEqualTo(book.get("seq").asLong() + 1);
    assertThat(cancel.get("time").asString()).isEqualTo("2026-04-02T08:20:00Z");
    assertThat(book.get("time").asString()).isEqualTo("2026-04-02T08:15:30.500Z");
    assertThat(cancel.get("actor").get("reference").asString())
        .isEqualTo("api-key:" + AuditRecords.FRONT_DESK_KEY.id());
    assertThat(cancel.get("actor").get("kind").asString()).isEqualTo("api-key");
    assertThat(cancel.get("actor").get("name").asString()).isEqualTo("Front desk tablet");
    assertThat(cancel.get("actor").get("roles").get(0).asString()).isEqualTo("FRONT_DESK");
    assertThat(cancel.get("action").asString()).isEqualTo("appointment.cancel");
    assertThat(cancel.get("entity").get("type").asString()).isEqualTo("appointment");
    assertThat(cancel.get("entity").get("id").asString()).isEqualTo(appointment);
    assertThat(cancel.get("outcome").asString()).isEqualTo("denied");
    assertThat(cancel.get("ip").asString()).isEqualTo("203.0.113.7");
    assertThat(cancel.get("channel").asString()).isEqualTo("api");
    assertThat(cancel.get("sourceSystem").isNull()).isTrue();
    assertThat(cancel.get("refs").get("patient").asString())
        .isEqualTo("0193e8a4-6000-7000-8000-0000000000b3");
    assertThat(cancel.get("hash").asString()).matches("[0-9a-f]{64}");
    assertThat(cancel.get("prevHash").asString()).isEqualTo(book.get("hash").asString());
    assertThat(answer.body().get("nextBefore").isNull()).isTrue();
  }

  @Test
  void aCursorPagesThroughTheTrailToItsEnd() {
    String patient = UUID.randomUUID().toString();
    for (int i = 0; i < 5; i++) {
      events.publishEvent(AuditRecords.viewed("patient", patient));
    }

    List<Long> seen = new ArrayList<>();
    String next = "/api/v1/audit?entityId=" + patient + "&limit=2";
    int pages = 0;
    while (next != null) {
      var page = api.get(next);
      assertThat(page.status()).isEqualTo(200);
      events(page).forEach(e -> seen.add(e.get("seq").asLong()));
      JsonNode before = page.body().get("nextBefore");
      next =
          before.isNull()
              ? null
              : "/api/v1/audit?entityId=" + patient + "&limit=2&before=" + before.asLong();
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen)
        .hasSize(5)
        .doesNotHaveDuplicates()
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void filtersCombineByActorActionOutcomeAndPeriod() {
    String type = "thing-" + UUID.randomUUID().toString().substring(0, 8);
    Actor clinician =
        new Actor(
            Actor.Kind.USER,
            UUID.randomUUID().toString(),
            "Dr Phillips",
            Set.of("CLINICIAN"),
            Set.of(),
            null,
            null);
    clock.set(Instant.parse("2026-05-04T09:00:00Z"));
    events.publishEvent(AuditRecords.of("thing.view", type, "1", Outcome.SUCCESS));
    clock.set(Instant.parse("2026-05-04T10:00:00Z"));
    events.publishEvent(AuditRecords.by(clinician, "thing.view", type, "2", Outcome.SUCCESS));
    clock.set(Instant.parse("2026-05-04T11:00:00Z"));
    events.publishEvent(AuditRecords.by(clinician, "thing.change", type, "3", Outcome.DENIED));
    String all = "/api/v1/audit?entityType=" + type;

    assertThat(entityIds(all)).containsExactly("3", "2", "1");
    assertThat(entityIds(all + "&actor=user:" + clinician.id())).containsExactly("3", "2");
    assertThat(entityIds(all + "&action=thing.view")).containsExactly("2", "1");
    assertThat(entityIds(all + "&outcome=denied")).containsExactly("3");
    assertThat(entityIds(all + "&outcome=SUCCESS")).containsExactly("2", "1");
    assertThat(entityIds(all + "&from=2026-05-04T10:00:00Z")).containsExactly("3", "2");
    assertThat(entityIds(all + "&to=2026-05-04T10:00:00Z")).containsExactly("1");
    assertThat(entityIds(all + "&from=2026-05-04T11:30:00%2B02:00&to=2026-05-04T10:30:00Z"))
        .containsExactly("2");
    assertThat(entityIds(all + "&entityId=2&actor=api-key:" + AuditRecords.FRONT_DESK_KEY.id()))
        .isEmpty();
  }

  @Test
  void readingTheTrailIsItselfRecorded() {
    long before = newestSeq();

    api.get("/api/v1/audit?limit=1");
    api.get("/api/v1/audit/verify");

    var reads = api.get("/api/v1/audit?entityType=audit-trail&limit=2");
    List<JsonNode> rows = events(reads);
    assertThat(rows)
        .extracting(r -> r.get("action").asString())
        .containsExactly("audit.verify", "audit.search");
    assertThat(rows.get(1).get("seq").asLong()).isGreaterThan(before);
  }

  @Test
  void verificationAnswersWhetherTheChainIsIntactAndHowManyRowsItChecked() {
    events.publishEvent(AuditRecords.viewed("patient", UUID.randomUUID().toString()));
    long newest = newestSeq();

    var answer = api.get("/api/v1/audit/verify");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("valid").asBoolean()).isTrue();
    assertThat(answer.body().get("rowsChecked").asLong()).isGreaterThanOrEqualTo(newest);
    assertThat(answer.body().get("headSeq").asLong())
        .isEqualTo(answer.body().get("rowsChecked").asLong());
    assertThat(answer.body().get("headHash").asString()).matches("[0-9a-f]{64}");
    assertThat(answer.body().has("firstBrokenSeq")).isTrue();
    assertThat(answer.body().get("firstBrokenSeq").isNull()).isTrue();
    assertThat(answer.body().get("problem").isNull()).isTrue();
  }

  @Test
  void aDateThatIsNotADateIsAProblemNamingTheParameter() {
    assertThatProblem(api.get("/api/v1/audit?from=yesterday"))
        .is(400, "invalid-value")
        .withDetailContaining("from", "yesterday", "2026-03-30T09:30:00+02:00");
    assertThatProblem(api.get("/api/v1/audit?to=2026-13-01T00:00:00Z"))
        .is(400, "invalid-value")
        .withDetailContaining("to");
  }

  @Test
  void moreThanFiveHundredRowsAPageIsAProblem() {
    assertThatProblem(api.get("/api/v1/audit?limit=501"))
        .is(400, "invalid-request")
        .naming("limit");
    assertThatProblem(api.get("/api/v1/audit?limit=0")).is(400, "invalid-request").naming("limit");
    assertThat(api.get("/api/v1/audit?limit=500").status()).isEqualTo(200);
  }

  @Test
  void otherBadFiltersAreProblemsThatSayWhatIsExpected() {
    assertThatProblem(api.get("/api/v1/audit?actor=nobody"))
        .is(400, "invalid-value")
        .naming("actor")
        .withDetailContaining("api-key:<id>");
    assertThatProblem(api.get("/api/v1/audit?actor=robot:7"))
        .is(400, "invalid-value")
        .naming("actor");
    assertThatProblem(api.get("/api/v1/audit?outcome=maybe"))
        .is(400, "invalid-value")
        .naming("outcome")
        .withDetailContaining("success, denied, failed");
    assertThatProblem(api.get("/api/v1/audit?before=last")).is(400, "invalid-value");
    assertThatProblem(api.get("/api/v1/audit?before=0"))
        .is(400, "invalid-request")
        .naming("before");
    assertThatProblem(api.get("/api/v1/audit?entityId=" + "x".repeat(501)))
        .is(400, "invalid-request")
        .naming("entityId");
  }

  @Test
  void aPeriodThatEndsBeforeItStartsIsAProblemInTheCallersLanguage() {
    String reversed = "/api/v1/audit?from=2026-05-04T12:00:00Z&to=2026-05-04T10:00:00Z";

    assertThatProblem(api.get(reversed))
        .is(400, "audit-period-reversed")
        .naming("from")
        .withDetailContaining("ends before it starts");
    assertThatProblem(api.with("Accept-Language", "fr").get(reversed))
        .is(400, "audit-period-reversed")
        .titled("Période inversée");
  }

  private long newestSeq() {
    return events(api.get("/api/v1/audit?limit=1")).getFirst().get("seq").asLong();
  }

  private List<String> entityIds(String path) {
    var answer = api.get(path);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return events(answer).stream().map(e -> e.get("entity").get("id").asString()).toList();
  }

  private static List<JsonNode> events(Api.Response answer) {
    List<JsonNode> rows = new ArrayList<>();
    answer.body().get("events").forEach(rows::add);
    return rows;
  }
}
