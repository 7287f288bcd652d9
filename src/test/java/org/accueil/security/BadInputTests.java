package org.accueil.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.accueil.practice.PracticeAdministration;
import org.accueil.security.BadInputs.Payload;
import org.accueil.security.BodyShapes.Place;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.TestClock;
import org.accueil.testing.TextUnlessStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every endpoint Spring MVC knows (but the web application's pages, see {@link #endpoints()}),
 * called with what a careless or hostile client sends: malformed ids in the address, malformed
 * JSON, a wrong type in each field, huge bodies, Unicode edge cases, SQL and HTML injection in each
 * field and query parameter, wrong content types. Endpoints are read from {@link
 * RequestMappingHandlerMapping}, so one added later is covered without a change here, and one the
 * suite cannot call (an id or parameter it has no valid value for) fails it.
 *
 * <p>Each answer must be below 500; a refusal must be RFC 9457 problem JSON with type, title,
 * status and detail, and must leave every table as it was (see {@link TableState} for the
 * housekeeping tables left out). An accepted injection is allowed only in free text ({@link
 * SuiteFixture#FREE_TEXT}), stored verbatim (or sealed, {@link SuiteFixture#SEALED_FREE_TEXT}, and
 * then never in clear) and answered as JSON, and in secrets ({@link SuiteFixture#SECRETS}), never
 * stored or answered as typed; a field with a grammar must refuse it. Calls use the admin key: this
 * tests input handling, not who may call what.
 */
@AccueilTest
@TestPropertySource(
    properties = {
      // No background job writes while the suite compares the tables before and after a call,
      // nor does the outbox deliver what a replay made pending. (The sender woken after a commit
      // is let finish after each write: see settled.)
      "db-scheduler.enabled=false",
      "accueil.integration.outbox.workers=0"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTests {

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}/:]+)(?::[^}]*)?}");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired PracticeAdministration admin;
  @Autowired TestClock clock;
  @Autowired org.accueil.scheduling.Waitlist waitlist;
  @Autowired org.accueil.notifications.Notifications notifications;
  @Autowired org.accueil.disruptions.Disruptions disruptions;
  @Autowired org.accueil.questionnaires.Questionnaires questionnaires;

  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  final Map<String, AtomicInteger> casesByKind = new TreeMap<>();
  final AtomicInteger cases = new AtomicInteger();
  final Map<String, AtomicInteger> statuses = new TreeMap<>();
  SuiteFixture fixture;
  TableState tables;
  long started;

  @BeforeAll
  void fixture() {
    fixture =
        new SuiteFixture(admin, api, json, clock, jdbc, waitlist::offerFreedTime, questionnaires);
    tables = new TableState(jdbc);
    started = System.nanoTime();
  }

  @AfterAll
  void report() {
    System.out.printf(
        "Bad-input suite: %d endpoint × input cases in %.1f s %s%n",
        cases.get(), (System.nanoTime() - started) / 1e9, casesByKind);
    System.out.println("Bad-input suite answers: " + statuses);
  }

  /** An HTTP method and address pattern, and the controller method behind them. */
  record Endpoint(String method, String pattern, HandlerMethod handler) {
    @Override
    public String toString() {
      return method + " " + pattern;
    }

    /** Calls that change what they are given: they run last, and get fresh entities. */
    boolean changes() {
      return !method.equals("GET");
    }
  }

  /** One request of the suite and what it put where. */
  record Case(String kind, String label, Supplier<Request> request) {}

  record Request(
      String method,
      String target,
      Map<String, String> headers,
      byte @Nullable [] body,
      boolean chunked,
      @Nullable Injection injection) {

    Request(
        String method,
        String target,
        Map<String, String> headers,
        byte @Nullable [] body,
        boolean chunked) {
      this(method, target, headers, body, chunked, null);
    }
  }

  /** A text the case put into a body field. */
  record Injection(Payload payload, String text, Place place) {
    boolean freeText() {
      return SuiteFixture.FREE_TEXT.contains(place.field())
          || SuiteFixture.SEALED_FREE_TEXT.contains(place.field());
    }

    boolean sealed() {
      return SuiteFixture.SEALED_FREE_TEXT.contains(place.field());
    }

    boolean secret() {
      return SuiteFixture.SECRETS.contains(place.field());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyEndpointRefusesBadInputWithAProblemNeverAFailureNorAPartialWrite() {
    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints).as("endpoints found in the handler mapping").hasSizeGreaterThan(40);
    return endpoints.stream()
        .map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> run(endpoint)));
  }

  /** Every (method, pattern) of every controller; GETs first, then what changes data. */
  List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
        mappings.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = mapping.getKey();
      if (mapping.getValue().getBeanType().getPackageName().startsWith("org.accueil.web.")) {
        // The web application's pages answer people, not clients: a refusal is a page in the
        // reader's language (or a redirect to sign in), not problem JSON. Their bad input (hostile
        // text, forged and expired links, missing CSRF tokens, invalid forms that keep what was
        // typed) is tested with each page: org.accueil.web.*Tests.
        continue;
      }
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        if (methods.isEmpty()) {
          endpoints.add(new Endpoint("GET", pattern, mapping.getValue()));
        }
        for (RequestMethod method : methods) {
          endpoints.add(new Endpoint(method.name(), pattern, mapping.getValue()));
        }
      }
    }
    endpoints.sort(
        Comparator.comparingInt((Endpoint e) -> order(e.method()))
            .thenComparing(Endpoint::pattern));
    return endpoints;
  }

  private static int order(String method) {
    return switch (method) {
      case "GET" -> 0;
      case "PUT" -> 1;
      case "POST" -> 2;
      case "DELETE" -> 4;
      default -> 3;
    };
  }

  void run(Endpoint endpoint) {
    List<Case> generated = cases(endpoint);
    assertThat(generated).as("bad-input cases for " + endpoint).isNotEmpty();
    List<String> failures = new ArrayList<>();
    Map<String, String> before = tables.fingerprint();
    Map<String, String> start = before;
    boolean reads = endpoint.method().equals("GET");
    for (Case c : generated) {
      int written = fixture.writes();
      Request request = c.request().get();
      if (fixture.writes() != written) {
        before = settled(); // the case's own fresh appointment, not its outcome
      }
      HttpResponse<String> response;
      try {
        response = send(request);
      } catch (IOException e) {
        failures.add(c.label() + ": the connection failed: " + e);
        continue;
      }
      cases.incrementAndGet();
      casesByKind.computeIfAbsent(c.kind(), k -> new AtomicInteger()).incrementAndGet();
      int status = response.statusCode();
      statuses
          .computeIfAbsent(c.kind() + " " + (status / 100) + "xx", k -> new AtomicInteger())
          .incrementAndGet();
      String what = c.label() + " → " + status + " " + abbreviated(response.body());
      if (status >= 500) {
        failures.add(what + " (a server error)");
      }
      if (status >= 400) {
        problemShape(response).ifPresent(problem -> failures.add(what + " (" + problem + ")"));
      }
      if (reads) {
        continue; // a read is checked for writes once, after all its cases
      }
      if (status >= 400) {
        Map<String, String> after = tables.fingerprint();
        List<String> changed = TableState.changed(before, after);
        if (!changed.isEmpty()) {
          failures.add(what + " (refused, yet it changed " + changed + ")");
        }
        before = after;
      } else {
        if (status < 300 && request.injection() != null) {
          accepted(request.injection(), response)
              .ifPresent(wrong -> failures.add(what + " (" + wrong + ")"));
        }
        before = settled();
      }
    }
    if (reads) {
      List<String> changed = TableState.changed(start, tables.fingerprint());
      if (!changed.isEmpty()) {
        failures.add("reading changed " + changed);
      }
    }
    assertThat(failures)
        .as("%s: %d of %d cases went wrong", endpoint, failures.size(), generated.size())
        .isEmpty();
  }

  /**
   * The tables once this node's sender, woken after a commit (a booking's confirmation, "your
   * results are ready"), has finished: otherwise it would write during the next case and pass for
   * that case's partial write. sendDue waits for a pass under way and sends what is left, so a
   * wake-up still queued finds nothing to do.
   */
  private Map<String, String> settled() {
    // A disruption's patients are contacted by a pass woken after the commit: let it finish.
    disruptions.runPass();
    notifications.sendDue();
    return tables.fingerprint();
  }

  /** What is wrong with a refusal's body, if anything. */
  private Optional<String> problemShape(HttpResponse<String> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/problem+json")) {
      return Optional.of("not problem JSON but " + type);
    }
    JsonNode problem;
    try {
      problem = json.readTree(response.body());
    } catch (RuntimeException e) {
      return Optional.of("unreadable problem JSON");
    }
    for (String member : List.of("type", "title", "status", "detail")) {
      if (problem.path(member).isMissingNode() || problem.path(member).isNull()) {
        return Optional.of("the problem has no " + member);
      }
    }
    if (problem.path("status").asInt() != response.statusCode()) {
      return Optional.of("the problem's status is not the response's");
    }
    return Optional.empty();
  }

  /** What is wrong with a call that accepted an injected text, if anything. */
  private Optional<String> accepted(Injection injection, HttpResponse<String> response) {
    Payload payload = injection.payload();
    if (injection.place().owner().equals(FILE)) {
      // A file's rows are checked after the upload: any text is accepted, and stored sealed.
      return payload.kind().storable && tables.storesVerbatim(injection.text())
          ? Optional.of(payload.label() + " in a file was stored in clear")
          : Optional.empty();
    }
    if (injection.secret()) {
      return tables.storesVerbatim(injection.text()) || response.body().contains(injection.text())
          ? Optional.of(
              "the secret " + injection.place().text() + " was stored or answered as typed")
          : Optional.empty();
    }
    if (!payload.kind().storable) {
      return Optional.of(payload.label() + " in " + injection.place().text() + " was accepted");
    }
    if (!injection.freeText()) {
      return payload.kind().grammarRefuses
          ? Optional.of(
              payload.label()
                  + " was accepted in "
                  + injection.place().field()
                  + ", a field with a grammar")
          : Optional.empty();
    }
    if (injection.sealed()
        ? tables.storesVerbatim(injection.text())
        : !tables.storesVerbatim(injection.text())) {
      return Optional.of(
          payload.label()
              + " in "
              + injection.place().text()
              + (injection.sealed() ? " was stored in clear" : " was not stored verbatim"));
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!response.body().isEmpty() && !type.startsWith("application/json")) {
      return Optional.of("the stored text was answered as " + type);
    }
    if (!response.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff")) {
      return Optional.of("the answer lets browsers sniff its type");
    }
    return Optional.empty();
  }

  private HttpResponse<String> send(Request request) throws IOException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + request.target()))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + Api.ADMIN_KEY);
    request.headers().forEach(builder::header);
    HttpRequest.BodyPublisher body;
    if (request.body() == null) {
      body = HttpRequest.BodyPublishers.noBody();
    } else if (request.chunked()) {
      byte[] bytes = request.body();
      body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    } else {
      body = HttpRequest.BodyPublishers.ofByteArray(request.body());
    }
    builder.method(request.method(), body);
    try {
      return http.send(builder.build(), TextUnlessStream.INSTANCE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  // The cases

  List<Case> cases(Endpoint endpoint) {
    List<Case> cases = new ArrayList<>();
    List<String> variables = variables(endpoint.pattern());
    MethodParameter bodyParameter = parameter(endpoint, RequestBody.class);
    Type bodyType = bodyParameter == null ? null : bodyParameter.getGenericParameterType();
    Supplier<JsonNode> validBody =
        bodyType == null ? () -> null : () -> BodyShapes.body(bodyType, fixture);

    // Malformed ids in the address, the rest valid.
    for (String variable : variables) {
      for (String bad : BadInputs.MALFORMED_IDS) {
        cases.add(
            new Case(
                "path",
                variable + "=" + abbreviated(bad),
                () ->
                    request(
                        endpoint.method(),
                        path(endpoint, Map.of(variable, encodedId(bad)))
                            + query(endpoint, Map.of()),
                        json(validBody.get()))));
      }
    }

    // Each query parameter with each bad value; the others valid.
    for (MethodParameter parameter : parameters(endpoint, RequestParam.class)) {
      String name = requestParamName(parameter);
      List<String> values = new ArrayList<>();
      boolean text = parameter.getNestedParameterType() == String.class;
      (text ? BadInputs.TEXTS : BadInputs.FOR_NON_TEXT)
          .forEach(p -> values.add(URLEncoder.encode(p.text(), StandardCharsets.UTF_8)));
      values.addAll(BadInputs.RAW_QUERY_VALUES);
      for (String value : values) {
        cases.add(
            new Case(
                "query",
                name + "=" + abbreviated(value),
                () ->
                    request(
                        endpoint.method(),
                        path(endpoint, Map.of()) + query(endpoint, Map.of(name, value)),
                        json(validBody.get()))));
      }
    }
    // Parameters nobody declared, which must be ignored or refused, never obeyed.
    cases.add(
        new Case(
            "query",
            "undeclared parameters",
            () ->
                request(
                    endpoint.method(),
                    path(endpoint, Map.of())
                        + query(endpoint, Map.of())
                        + (query(endpoint, Map.of()).isEmpty() ? "?" : "&")
                        + "id=%27%20OR%201%3D1--&sort=name%3BDROP&__proto__=x",
                    json(validBody.get()))));

    // Header parameters (Idempotency-Key) with values they should refuse or bear.
    for (MethodParameter parameter : parameters(endpoint, RequestHeader.class)) {
      String name = headerName(parameter);
      for (String value : BadInputs.HEADER_VALUES) {
        cases.add(
            new Case(
                "header",
                name + ": " + abbreviated(value),
                () -> {
                  Request valid =
                      request(
                          endpoint.method(),
                          path(endpoint, Map.of()) + query(endpoint, Map.of()),
                          json(validBody.get()));
                  Map<String, String> headers = new LinkedHashMap<>(valid.headers());
                  headers.put(name, value);
                  return new Request(
                      valid.method(), valid.target(), headers, valid.body(), valid.chunked());
                }));
      }
    }

    if (bodyType != null) {
      bodyCases(endpoint, bodyType, validBody, cases);
    }
    if (SuiteFixture.FILE_UPLOADS.contains(endpoint.toString())) {
      fileCases(endpoint, cases);
    }

    // The call as it should be, last: for a DELETE it removes what the others pointed at.
    cases.add(
        new Case(
            "valid",
            "valid",
            () ->
                request(
                    endpoint.method(),
                    path(endpoint, Map.of()) + query(endpoint, Map.of()),
                    json(validBody.get()))));
    return cases;
  }

  private void bodyCases(
      Endpoint endpoint, Type bodyType, Supplier<JsonNode> validBody, List<Case> cases) {
    Supplier<String> target = () -> path(endpoint, Map.of()) + query(endpoint, Map.of());
    boolean list = java.util.Collection.class.isAssignableFrom(BodyShapes.raw(bodyType));

    // Malformed JSON.
    Map<String, Supplier<byte[]>> malformed = new LinkedHashMap<>();
    malformed.put("empty body", () -> new byte[0]);
    malformed.put("truncated", () -> utf8(half(JsonText.of(validBody.get()))));
    malformed.put("trailing garbage", () -> utf8(JsonText.of(validBody.get()) + " }{ trailing"));
    malformed.put("missing value", () -> utf8("{\"a\":}"));
    malformed.put("unquoted name", () -> utf8("{name: 1}"));
    malformed.put("comment", () -> utf8("/* hi */ " + JsonText.of(validBody.get())));
    malformed.put("null", () -> utf8("null"));
    malformed.put("wrong root", () -> utf8(list ? "{}" : "[]"));
    malformed.put("a string", () -> utf8("\"body\""));
    malformed.put("a number", () -> utf8("12"));
    malformed.put("deep nesting", () -> utf8("[".repeat(5000) + "]".repeat(5000)));
    malformed.put(
        "invalid UTF-8",
        () -> {
          byte[] valid = utf8(JsonText.of(validBody.get()));
          byte[] broken = new byte[valid.length + 3];
          broken[0] = '"';
          broken[1] = (byte) 0xC3;
          broken[2] = (byte) 0x28;
          System.arraycopy(valid, 0, broken, 3, valid.length);
          return broken;
        });
    malformed.forEach(
        (label, body) ->
            cases.add(
                new Case(
                    "malformed",
                    label,
                    () ->
                        new Request(
                            endpoint.method(), target.get(), jsonType(), body.get(), false))));

    // Too big, announced and chunked.
    cases.add(
        new Case(
            "huge",
            "300 KB with Content-Length",
            () ->
                new Request(endpoint.method(), target.get(), jsonType(), huge(validBody), false)));
    cases.add(
        new Case(
            "huge",
            "300 KB chunked",
            () -> new Request(endpoint.method(), target.get(), jsonType(), huge(validBody), true)));

    // A valid body under a content type that is not JSON.
    for (String contentType :
        List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=UTF-16",
            "application/json; charset=nonsense")) {
      cases.add(
          new Case(
              "content-type",
              contentType,
              () ->
                  new Request(
                      endpoint.method(),
                      target.get(),
                      Map.of("Content-Type", contentType),
                      utf8(JsonText.of(validBody.get())),
                      false)));
    }
    cases.add(
        new Case(
            "content-type",
            "none",
            () ->
                new Request(
                    endpoint.method(),
                    target.get(),
                    Map.of(),
                    utf8(JsonText.of(validBody.get())),
                    false)));

    // Each place of the body: wrong types, then each text.
    for (Place place : BodyShapes.places(bodyType)) {
      Map<String, JsonNode> wrong = new LinkedHashMap<>();
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      wrong.put("null", nodes.nullNode());
      wrong.put("object", nodes.objectNode().put("a", 1));
      wrong.put("array", nodes.arrayNode().add("a"));
      wrong.put("number", nodes.numberNode(new java.math.BigInteger("99999999999999999999")));
      wrong.put("negative", nodes.numberNode(-1));
      wrong.put("boolean", nodes.booleanNode(true));
      wrong.put("string", nodes.stringNode("not-" + place.name()));
      wrong.forEach(
          (label, value) ->
              cases.add(
                  new Case(
                      "type",
                      place.text() + "=" + label,
                      () ->
                          new Request(
                              endpoint.method(),
                              target.get(),
                              jsonType(),
                              utf8(
                                  JsonText.of(
                                      BodyShapes.with(validBody.get(), place, old -> value))),
                              false))));
      // A place that is not text (an id, a date, a number) refuses any text the same way: a few
      // kinds are enough there; text places get them all.
      for (Payload payload : place.isText() ? BadInputs.TEXTS : BadInputs.FOR_NON_TEXT) {
        cases.add(
            new Case(
                "text",
                place.text() + "=" + payload.label(),
                () -> {
                  // A tag of its own, so "stored verbatim" is this case's text, not an earlier one.
                  String text = org.accueil.testing.Tags.letters() + " " + payload.text();
                  return new Request(
                      endpoint.method(),
                      target.get(),
                      jsonType(),
                      utf8(
                          JsonText.of(
                              BodyShapes.with(
                                  validBody.get(), place, old -> nodes.stringNode(text)))),
                      false,
                      new Injection(payload, text, place));
                }));
      }
    }
  }

  /**
   * A call whose body is a file ({@link SuiteFixture#FILE_UPLOADS}): files well-formed and not,
   * under right and wrong content types, too large for the API's usual limit, and each column of a
   * CSV file with each text. The file is checked as a whole at the upload (a refusal stores
   * nothing), its rows later: any text may be accepted in a cell, but never stored in clear.
   */
  private void fileCases(Endpoint endpoint, List<Case> cases) {
    Supplier<String> target = () -> path(endpoint, Map.of()) + query(endpoint, Map.of());
    Map<String, Supplier<byte[]>> csv = new LinkedHashMap<>();
    csv.put("a valid CSV file", () -> utf8(SuiteFixture.patientFile(null, "")));
    csv.put("an empty file", () -> new byte[0]);
    csv.put("a header row only", () -> utf8(String.join(",", SuiteFixture.FILE_COLUMNS) + "\n"));
    csv.put(
        "an unknown column", () -> utf8("givenName,familyName,birthDate,x\nA,B,1980-01-01,y\n"));
    csv.put("no birthDate column", () -> utf8("givenName,familyName\nA,B\n"));
    csv.put("an unclosed quote", () -> utf8("givenName,familyName,birthDate\n\"A,B,1980-01-01\n"));
    csv.put(
        "invalid UTF-8",
        () -> {
          byte[] valid = utf8(SuiteFixture.patientFile(null, ""));
          byte[] broken = java.util.Arrays.copyOf(valid, valid.length + 2);
          broken[valid.length] = (byte) 0xC3;
          broken[valid.length + 1] = (byte) 0x28;
          return broken;
        });
    csv.put("NUL bytes", () -> new byte[] {0, 0, 0, '\n'});
    csv.put(
        "300 KB of rows",
        () -> {
          StringBuilder file = new StringBuilder(SuiteFixture.patientFile(null, ""));
          String row = file.substring(file.indexOf("\n") + 1);
          while (file.length() < 300 * 1024) {
            file.append(row);
          }
          return utf8(file.toString());
        });
    csv.forEach(
        (label, body) ->
            cases.add(
                new Case(
                    "file",
                    label,
                    () ->
                        new Request(
                            endpoint.method(),
                            target.get(),
                            Map.of("Content-Type", "text/csv"),
                            body.get(),
                            label.startsWith("300")))));
    Map<String, Supplier<byte[]>> json = new LinkedHashMap<>();
    json.put("a valid FHIR Bundle", () -> utf8(SuiteFixture.patientBundle()));
    json.put("truncated JSON", () -> utf8(half(SuiteFixture.patientBundle())));
    json.put("trailing garbage", () -> utf8(SuiteFixture.patientBundle() + " }{"));
    json.put("a JSON array", () -> utf8("[]"));
    json.put("null", () -> utf8("null"));
    json.put("deep nesting", () -> utf8("[".repeat(5000) + "]".repeat(5000)));
    json.put("an Observation", () -> utf8("{\"resourceType\":\"Observation\"}"));
    json.put(
        "a history Bundle",
        () -> utf8(SuiteFixture.patientBundle().replace("\"collection\"", "\"history\"")));
    json.put(
        "an unreadable Patient",
        () -> utf8(SuiteFixture.patientBundle().replace("1980-05-17", "1980-13-45")));
    json.forEach(
        (label, body) ->
            cases.add(
                new Case(
                    "file",
                    label,
                    () ->
                        new Request(
                            endpoint.method(),
                            target.get(),
                            Map.of("Content-Type", "application/fhir+json"),
                            body.get(),
                            false))));
    for (String contentType :
        List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "text/csv; charset=UTF-16",
            "text/csv; charset=nonsense",
            "application/json; charset=ISO-8859-1")) {
      cases.add(
          new Case(
              "file",
              contentType,
              () ->
                  new Request(
                      endpoint.method(),
                      target.get(),
                      Map.of("Content-Type", contentType),
                      utf8(SuiteFixture.patientFile(null, "")),
                      false)));
    }
    for (String column : SuiteFixture.FILE_COLUMNS) {
      for (Payload payload : BadInputs.TEXTS) {
        cases.add(
            new Case(
                "file",
                column + "=" + payload.label(),
                () -> {
                  String text = org.accueil.testing.Tags.letters() + " " + payload.text();
                  return new Request(
                      endpoint.method(),
                      target.get(),
                      Map.of("Content-Type", "text/csv"),
                      utf8(SuiteFixture.patientFile(column, text)),
                      false,
                      new Injection(
                          payload, text, new Place(List.of(column), String.class, FILE, column)));
                }));
      }
    }
  }

  /** The owner of the places of a file's cells. */
  private static final String FILE = "file";

  private static String half(String text) {
    return text.substring(0, Math.max(1, text.length() / 2));
  }

  private byte[] huge(Supplier<JsonNode> validBody) {
    JsonNode body = validBody.get();
    String padding = "x".repeat(300 * 1024);
    String text = JsonText.of(body);
    return utf8(
        text.startsWith("{")
            ? "{\"padding\":\"" + padding + "\"," + text.substring(1)
            : "[\"" + padding + "\"]");
  }

  // Requests

  private Request request(String method, String target, byte @Nullable [] body) {
    return new Request(method, target, body == null ? Map.of() : jsonType(), body, false);
  }

  private static Map<String, String> jsonType() {
    return Map.of("Content-Type", "application/json");
  }

  private byte @Nullable [] json(@Nullable JsonNode body) {
    return body == null ? null : utf8(JsonText.of(body));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The address with valid ids, but for the variables given (already encoded). */
  private String path(Endpoint endpoint, Map<String, String> overrides) {
    Matcher matcher = VARIABLE.matcher(endpoint.pattern());
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1);
      String value = overrides.get(variable);
      if (value == null && variable.equals("appointmentId")) {
        // A patient row of the disruption the {id} before it named.
        value = fixture.disruptionAppointment();
      }
      if (value == null) {
        value =
            fixture.pathValue(
                collectionBefore(endpoint.pattern(), matcher.start()), endpoint.changes());
      }
      matcher.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  private static String collectionBefore(String pattern, int variableStart) {
    String before = pattern.substring(0, variableStart);
    String trimmed = before.endsWith("/") ? before.substring(0, before.length() - 1) : before;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** The query string with valid values for the required and known parameters, and overrides. */
  private String query(Endpoint endpoint, Map<String, String> overrides) {
    List<String> pairs = new ArrayList<>();
    for (MethodParameter parameter : parameters(endpoint, RequestParam.class)) {
      String name = requestParamName(parameter);
      String value = overrides.get(name);
      if (value == null) {
        RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
        boolean required =
            annotation != null
                && annotation.required()
                && ValueConstants.DEFAULT_NONE.equals(annotation.defaultValue());
        String valid = fixture.queryValue(name, parameter.getNestedParameterType(), required);
        if (valid == null) {
          continue;
        }
        value = URLEncoder.encode(valid, StandardCharsets.UTF_8);
      }
      pairs.add(name + "=" + value);
    }
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }

  private static String encodedId(String bad) {
    return bad.startsWith("%")
        ? bad
        : URLEncoder.encode(bad, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static List<String> variables(String pattern) {
    List<String> variables = new ArrayList<>();
    Matcher matcher = VARIABLE.matcher(pattern);
    while (matcher.find()) {
      variables.add(matcher.group(1));
    }
    return variables;
  }

  private static @Nullable MethodParameter parameter(
      Endpoint endpoint, Class<? extends java.lang.annotation.Annotation> annotation) {
    List<MethodParameter> found = parameters(endpoint, annotation);
    return found.isEmpty() ? null : found.getFirst();
  }

  private static List<MethodParameter> parameters(
      Endpoint endpoint, Class<? extends java.lang.annotation.Annotation> annotation) {
    return Stream.of(endpoint.handler().getMethodParameters())
        .filter(p -> p.hasParameterAnnotation(annotation))
        .toList();
  }

  private static String requestParamName(MethodParameter parameter) {
    RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
    String name = annotation == null ? "" : annotation.name();
    return name.isEmpty() ? parameter.getParameterName() : name;
  }

  private static String headerName(MethodParameter parameter) {
    RequestHeader annotation = parameter.getParameterAnnotation(RequestHeader.class);
    String name = annotation == null ? "" : annotation.name();
    return name.isEmpty() ? parameter.getParameterName() : name;
  }

  private static String abbreviated(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
  }
}
