package org.accueil.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.accueil.testing.AccueilTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * What PostgreSQL refuses, as the problem handling answers it: real refusals of the real database,
 * by SQLState, never as a 5xx when the request's values were at fault, and never with the values in
 * the log.
 */
@AccueilTest
@ExtendWith(OutputCaptureExtension.class)
class DatabaseRefusalTests {

  @Autowired JdbcClient jdbc;
  @Autowired ProblemHandling handling;

  @Test
  void aNulCharacterIsABadRequestNamingCharacters() {
    assertAnswer(
        refusal("SELECT CAST(:v AS text)", "before\u0000after"), 400, "invalid-characters");
  }

  @Test
  void textThatIsNotAnIdIsABadRequest() {
    assertAnswer(refusal("SELECT CAST(:v AS uuid)", "' OR 1=1--"), 400, "unstorable-value");
  }

  @Test
  void aDateOutOfRangeIsABadRequest() {
    assertAnswer(refusal("SELECT CAST(:v AS date)", "2027-13-45"), 400, "unstorable-value");
  }

  @Test
  void aNumberOutOfRangeIsABadRequest() {
    assertAnswer(refusal("SELECT CAST(:v AS integer)", "99999999999"), 400, "unstorable-value");
  }

  @Test
  void aValueOverAProgramLimitIsABadRequestSayingTooLong() {
    assertAnswer(
        refusal("SELECT repeat('x', CAST(:v AS integer))", "1100000000"), 400, "value-too-long");
  }

  @Test
  void aBrokenCheckIsABadRequestNamingTheRuleAndTheLogHoldsNoValue(CapturedOutput output) {
    String family = "Vandenbroucke" + UUID.randomUUID().toString().replaceAll("[0-9-]", "");
    var refused =
        refusal(
            "INSERT INTO patient (id, given_name, family_name, birth_date, phone_ciphertext,"
                + " phone_index) VALUES (gen_random_uuid(), 'Amandine', :v, DATE '1971-04-03',"
                + " '\\x01', '\\x02')",
            family);

    var answer = answer(refused);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(problem(answer).getType()).hasToString("/problems/rejected-value");
    assertThat(problem(answer).getDetail()).contains("patient_phone_index_length");
    assertThat(refused.getMessage()).doesNotContain(family);
    assertThat(output.getAll()).contains("patient_phone_index_length").doesNotContain(family);
  }

  @Test
  void aConflictWithStoredRowsIsAConflict() {
    UUID id = UUID.randomUUID();
    String insert =
        "INSERT INTO patient (id, given_name, family_name, birth_date)"
            + " VALUES (CAST(:v AS uuid), 'Amandine', 'Twice', DATE '1971-04-03')";
    jdbc.sql(insert).param("v", id.toString()).update();

    assertAnswer(refusal(insert, id.toString()), 409, "conflict");
  }

  @Test
  void whatIsNotTheRequestsFaultStaysAnIncident() {
    assertAnswer(refusal("SELECT * FROM no_such_table WHERE x = :v", "1"), 500, "internal-error");
  }

  private DataAccessException refusal(String sql, String value) {
    return catchThrowableOfType(
        DataAccessException.class, () -> jdbc.sql(sql).param("v", value).query().listOfRows());
  }

  private void assertAnswer(DataAccessException refused, int status, String slug) {
    assertThat(refused).as("the database refused").isNotNull();
    var answer = answer(refused);
    assertThat(answer.getStatusCode().value()).as(refused.toString()).isEqualTo(status);
    assertThat(problem(answer).getType()).hasToString("/problems/" + slug);
  }

  private ResponseEntity<Object> answer(DataAccessException refused) {
    return handling.databaseRefusal(
        refused, new ServletWebRequest(new MockHttpServletRequest("POST", "/api/v1/test")));
  }

  private static ProblemDetail problem(ResponseEntity<Object> answer) {
    return (ProblemDetail) answer.getBody();
  }
}
