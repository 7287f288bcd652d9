package org.accueil.platform.limits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.accueil.platform.limits.RateLimiter.Outcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The header fields every limited response carries, and the 429 problem of a refused one. */
final class RateLimitResponses {

  private final FilterProblems problems;

  RateLimitResponses(FilterProblems problems) {
    this.problems = problems;
  }

  void describe(HttpServletResponse response, Outcome outcome) {
    response.setHeader("RateLimit-Policy", outcome.policyHeader());
    response.setHeader("RateLimit", outcome.stateHeader());
  }

  void refuse(HttpServletRequest request, HttpServletResponse response, Outcome outcome)
      throws IOException {
    long wait = outcome.retryAfterSeconds();
    response.setHeader("Retry-After", Long.toString(wait));
    ProblemDetail problem =
        switch (outcome.policy()) {
          case LOGIN ->
              problems.problem(
                  request,
                  HttpStatus.TOO_MANY_REQUESTS,
                  "rate-limited",
                  "problem.rate-limited.login",
                  "Too many login attempts from your address; try again in {0} seconds.",
                  Long.toString(wait));
          case FAILED_API_KEYS ->
              problems.problem(
                  request,
                  HttpStatus.TOO_MANY_REQUESTS,
                  "rate-limited",
                  "problem.rate-limited.failed-api-keys",
                  "Too many calls with an unknown or revoked API key came from your address; check"
                      + " the key, and try again in {0} seconds.",
                  Long.toString(wait));
          case PUBLIC, AUTHENTICATED ->
              problems.problem(
                  request,
                  HttpStatus.TOO_MANY_REQUESTS,
                  "rate-limited",
                  "problem.rate-limited",
                  "Too many requests; slow down and try again in {0} seconds.",
                  Long.toString(wait));
        };
    problem.setProperty("retryAfterSeconds", wait);
    problem.setProperty("policy", outcome.policy().id);
    problems.write(response, problem);
  }
}
