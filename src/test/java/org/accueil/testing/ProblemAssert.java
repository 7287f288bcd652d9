package org.accueil.testing;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What an integrator checks on a refusal: the status, RFC 9457 problem JSON, the stable {@code
 * type} to switch on, and which field is at fault. {@code assertThatProblem(response).is(422,
 * "hours-overlap").naming("hours")}.
 */
public final class ProblemAssert extends AbstractAssert<ProblemAssert, Api.Response> {

  private ProblemAssert(Api.Response actual) {
    super(actual, ProblemAssert.class);
  }

  public static ProblemAssert assertThatProblem(Api.Response response) {
    return new ProblemAssert(response);
  }

  /** The status, the {@code application/problem+json} media type and {@code /problems/<slug>}. */
  public ProblemAssert is(int status, String slug) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage("Expected status %s but the answer was:%n%s", status, actual);
    }
    String contentType = actual.header("Content-Type");
    if (contentType == null || !contentType.startsWith("application/problem+json")) {
      failWithMessage(
          "Expected application/problem+json but the content type was %s:%n%s",
          contentType, actual);
    }
    String type = text(actual.body().path("type"));
    if (!("/problems/" + slug).equals(type)) {
      failWithMessage("Expected type /problems/%s but the answer was:%n%s", slug, actual);
    }
    if (actual.body().path("status").asInt() != status) {
      failWithMessage("Expected the member status to be %s:%n%s", status, actual);
    }
    return this;
  }

  /** The problem is about {@code field}: its {@code field} member or one of its {@code errors}. */
  public ProblemAssert naming(String field) {
    isNotNull();
    List<String> named = new ArrayList<>();
    String own = text(actual.body().path("field"));
    if (own != null) {
      named.add(own);
    }
    actual.body().path("errors").forEach(e -> named.add(text(e.path("field"))));
    if (!named.contains(field)) {
      failWithMessage("Expected the problem to name %s, it names %s:%n%s", field, named, actual);
    }
    return this;
  }

  public ProblemAssert withDetailContaining(String... fragments) {
    isNotNull();
    String detail = text(actual.body().path("detail"));
    for (String fragment : fragments) {
      if (detail == null || !detail.contains(fragment)) {
        failWithMessage("Expected the detail to contain <%s>:%n%s", fragment, actual);
      }
    }
    return this;
  }

  public ProblemAssert titled(String title) {
    isNotNull();
    if (!title.equals(text(actual.body().path("title")))) {
      failWithMessage("Expected the title <%s>:%n%s", title, actual);
    }
    return this;
  }

  private static @Nullable String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
  }
}
