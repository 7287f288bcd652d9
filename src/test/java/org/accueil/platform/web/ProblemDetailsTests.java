package org.accueil.platform.web;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client gets when it calls the API wrongly: RFC 9457 problem JSON whose detail says what to
 * change, in the caller's language (Accept-Language en, fr or it).
 */
@AccueilTest
class ProblemDetailsTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  final String tag = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void anAddressWhereNothingLivesIsANotFoundProblem() {
    var underApi = api.get("/api/v1/no-such-thing");
    var elsewhere = api.anonymous().get("/no-such-page");

    assertThatProblem(underApi)
        .is(404, "no-such-path")
        .titled("Not found")
        .withDetailContaining("/api/v1");
    assertThatProblem(elsewhere).is(404, "no-such-path");
  }

  @Test
  void aMethodTheAddressDoesNotTakeIsNotAllowed() {
    var refused = api.delete("/api/v1/locations");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(405);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.header("Allow")).contains("GET", "POST");
    assertThat(refused.string("detail")).contains("DELETE", "GET", "POST");
    assertThat(refused.string("type")).isEqualTo("/problems/method-not-allowed");
  }

  @Test
  void aBodyThatIsNotJsonIsAnUnsupportedMediaTypeAndWritesNothing() {
    var refused = send("POST", "/api/v1/locations", "text/plain", "name=Site " + tag);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.string("detail")).contains("application/json", "text/plain");
    assertThat(refused.string("type")).isEqualTo("/problems/unsupported-media-type");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void malformedJsonIsABadRequest() {
    var refused = api.post("/api/v1/locations", "{\"name\": \"Site " + tag + "\", ");

    assertThatProblem(refused)
        .is(400, "malformed-json")
        .titled("Malformed JSON")
        .withDetailContaining("not valid JSON");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aMissingBodyIsABadRequest() {
    var refused = send("POST", "/api/v1/locations", "application/json", "");

    assertThatProblem(refused).is(400, "missing-body");
  }

  @Test
  void aFieldTheRequestDoesNotHaveIsNamed() {
    var misspelt = location();
    misspelt.put("colour", "blue");

    var refused = api.post("/api/v1/locations", misspelt);

    assertThatProblem(refused)
        .is(400, "unknown-field")
        .titled("Unknown field")
        .withDetailContaining("\"colour\"");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aQueryParameterThatIsNotAnIdIsNamed() {
    var refused = api.get("/api/v1/providers?appointmentType=not-an-id");

    assertThatProblem(refused)
        .is(400, "invalid-value")
        .titled("Invalid value")
        .withDetailContaining("appointmentType", "\"not-an-id\"", "an id such as");
  }

  @Test
  void aPathSegmentThatIsNotAnIdIsNamed() {
    var refused = api.get("/api/v1/locations/not-an-id");

    assertThatProblem(refused).is(400, "invalid-value").withDetailContaining("id", "not-an-id");
  }

  @Test
  void aMissingQueryParameterIsNamed() {
    var refused = api.anonymous().get("/api/v1/slots?from=2027-03-01&to=2027-03-05");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.string("detail")).contains("'appointmentType'");
    assertThat(refused.string("type")).isEqualTo("/problems/missing-parameter");
  }

  @Test
  void aMissingQueryParameterIsExplainedInFrenchAndItalian() {
    var french = in("fr").get("/api/v1/slots?from=2027-03-01&to=2027-03-05");
    var italian = in("it").get("/api/v1/slots?from=2027-03-01&to=2027-03-05");

    assertThat(french.status()).isEqualTo(400);
    assertThat(french.string("detail")).contains("Le paramètre 'appointmentType' est obligatoire");
    assertThat(french.string("title")).isEqualTo("Paramètre manquant");
    assertThat(italian.status()).isEqualTo(400);
    assertThat(italian.string("detail")).contains("Il parametro 'appointmentType' è obbligatorio");
    assertThat(italian.string("title")).isEqualTo("Parametro mancante");
  }

  // ------------------------------------------------------------------------ other languages

  @Test
  void anAddressWhereNothingLivesIsExplainedInFrenchAndItalian() {
    assertThatProblem(in("fr").get("/api/v1/no-such-thing"))
        .is(404, "no-such-path")
        .titled("Introuvable")
        .withDetailContaining("Il n'y a rien à cette adresse");
    assertThatProblem(in("it").get("/api/v1/no-such-thing"))
        .is(404, "no-such-path")
        .titled("Non trovato")
        .withDetailContaining("Non c'è nulla a questo indirizzo");
  }

  @Test
  void aMethodNotAllowedIsExplainedInFrenchAndItalian() {
    var french = in("fr").delete("/api/v1/locations");
    var italian = in("it").delete("/api/v1/locations");

    assertThat(french.status()).isEqualTo(405);
    assertThat(french.string("detail")).contains("Cette adresse n'accepte pas DELETE");
    assertThat(french.string("title")).isEqualTo("Méthode non autorisée");
    assertThat(italian.status()).isEqualTo(405);
    assertThat(italian.string("detail")).contains("Questo indirizzo non accetta DELETE");
    assertThat(italian.string("title")).isEqualTo("Metodo non consentito");
  }

  @Test
  void anUnsupportedMediaTypeIsExplainedInFrenchAndItalian() {
    var french = send("POST", "/api/v1/locations", "text/plain", "x", "fr");
    var italian = send("POST", "/api/v1/locations", "text/plain", "x", "it");

    assertThat(french.status()).isEqualTo(415);
    assertThat(french.string("detail"))
        .contains("Envoyez le corps de la requête en application/json");
    assertThat(french.string("title")).isEqualTo("Type de contenu non pris en charge");
    assertThat(italian.status()).isEqualTo(415);
    assertThat(italian.string("detail"))
        .contains("Invia il corpo della richiesta come application/json");
    assertThat(italian.string("title")).isEqualTo("Tipo di contenuto non supportato");
  }

  @Test
  void malformedJsonIsExplainedInFrenchAndItalian() {
    assertThatProblem(in("fr").post("/api/v1/locations", "{\"name\": "))
        .is(400, "malformed-json")
        .titled("JSON mal formé")
        .withDetailContaining("n'est pas du JSON valide");
    assertThatProblem(in("it").post("/api/v1/locations", "{\"name\": "))
        .is(400, "malformed-json")
        .titled("JSON non valido")
        .withDetailContaining("non è JSON valido");
  }

  @Test
  void anUnknownFieldIsExplainedInFrenchAndItalian() {
    var misspelt = location();
    misspelt.put("colour", "blue");

    assertThatProblem(in("fr").post("/api/v1/locations", misspelt))
        .is(400, "unknown-field")
        .titled("Champ inconnu")
        .withDetailContaining("Le champ « colour » ne fait pas partie de cette requête");
    assertThatProblem(in("it").post("/api/v1/locations", misspelt))
        .is(400, "unknown-field")
        .titled("Campo sconosciuto")
        .withDetailContaining("Il campo «colour» non fa parte di questa richiesta");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aValueThatIsNotAnIdIsExplainedInFrenchAndItalian() {
    assertThatProblem(in("fr").get("/api/v1/providers?appointmentType=not-an-id"))
        .is(400, "invalid-value")
        .titled("Valeur invalide")
        .withDetailContaining(
            "« not-an-id » n'est pas une valeur valide pour appointmentType",
            "un identifiant tel que");
    assertThatProblem(in("it").get("/api/v1/providers?appointmentType=not-an-id"))
        .is(400, "invalid-value")
        .titled("Valore non valido")
        .withDetailContaining(
            "«not-an-id» non è un valore valido per appointmentType", "un identificativo come");
  }

  @Test
  void anUnknownIdIsExplainedInFrenchAndItalian() {
    String unknown = UUID.randomUUID().toString();

    assertThatProblem(in("fr").get("/api/v1/locations/" + unknown))
        .is(404, "not-found")
        .titled("Introuvable")
        .withDetailContaining("Aucun site n'a l'identifiant " + unknown);
    assertThatProblem(in("it").get("/api/v1/locations/" + unknown))
        .is(404, "not-found")
        .titled("Non trovato")
        .withDetailContaining("Non esiste alcuna sede con identificativo " + unknown);
  }

  @Test
  void aRefusedConfigurationIsExplainedInFrenchAndItalian() {
    var martian = location();
    martian.put("timeZone", "Mars/Olympus");

    assertThatProblem(in("fr").post("/api/v1/locations", martian))
        .is(422, "invalid-time-zone")
        .titled("Fuseau horaire invalide")
        .withDetailContaining("« Mars/Olympus » n'est pas un fuseau horaire");
    assertThatProblem(in("it").post("/api/v1/locations", martian))
        .is(422, "invalid-time-zone")
        .withDetailContaining("Mars/Olympus");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void invalidFieldsAreExplainedInTheCallersLanguage() {
    var nameless = location();
    nameless.put("name", "");

    var french = in("fr").post("/api/v1/locations", nameless);
    var italian = in("it").post("/api/v1/locations", nameless);

    assertThatProblem(french)
        .is(400, "invalid-request")
        .titled("Requête invalide")
        .naming("name")
        .withDetailContaining("La requête contient des champs invalides", "name: ne doit pas");
    assertThatProblem(italian)
        .is(400, "invalid-request")
        .titled("Richiesta non valida")
        .withDetailContaining("La richiesta contiene campi non validi", "name: non deve");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void theApplicationsOwnFieldRulesAreExplainedInTheCallersLanguage() {
    var lowercaseCountry = location();
    lowercaseCountry.put(
        "address", Map.of("line", tag, "postalCode", "75001", "city", "Paris", "country", "fr"));

    var english = api.post("/api/v1/locations", lowercaseCountry);
    var french = in("fr").post("/api/v1/locations", lowercaseCountry);
    var italian = in("it").post("/api/v1/locations", lowercaseCountry);

    assertThatProblem(english)
        .is(400, "invalid-request")
        .naming("address.country")
        .withDetailContaining("ISO 3166 country code");
    assertThatProblem(french)
        .is(400, "invalid-request")
        .withDetailContaining("address.country: doit être un code pays ISO 3166");
    assertThatProblem(italian)
        .is(400, "invalid-request")
        .withDetailContaining("address.country: deve essere un codice paese ISO 3166");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aLanguageTheApplicationDoesNotSpeakGetsEnglish() {
    assertThatProblem(in("de").get("/api/v1/no-such-thing"))
        .is(404, "no-such-path")
        .titled("Not found")
        .withDetailContaining("There is nothing at this address");
  }

  // ------------------------------------------------------------------------------- fixtures

  private Api in(String language) {
    return api.with("Accept-Language", language);
  }

  private Map<String, Object> location() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "Site " + tag);
    body.put("timeZone", "Europe/Paris");
    body.put(
        "address", Map.of("line", tag, "postalCode", "75001", "city", "Paris", "country", "FR"));
    return body;
  }

  private Api.Response send(String method, String path, String contentType, String body) {
    return send(method, path, contentType, body, "en");
  }

  /** A request {@link Api} cannot make: a body of another media type, or none at all. */
  private Api.Response send(
      String method, String path, String contentType, String body, String language) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
            .header("Authorization", "Bearer " + Api.ADMIN_KEY)
            .header("Accept-Language", language)
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      return new Api.Response(
          response.statusCode(),
          response.headers().map(),
          text.isBlank() ? json.nullNode() : json.readTree(text),
          text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int locationsTagged() {
    return jdbc.sql("SELECT count(*) FROM location WHERE address_line = ?")
        .params(tag)
        .query(Integer.class)
        .single();
  }
}
