package org.accueil.channels.whatsapp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.accueil.channels.ChannelSender.Outcome;
import org.accueil.channels.DeliveryChanged.Fallback;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a refusal of Meta's Graph API means for the message ({@code {"error":{"message","type",
 * "code","error_data":{"details"},"fbtrace_id"}}}), by its code, as Meta advises (channels.md
 * §1.6): the HTTP status only decides when no code is given.
 */
final class GraphErrors {

  /** Wait at least this long after 131049 (the per-user marketing limit), Meta says. */
  private static final Duration HEALTHY_ECOSYSTEM_WAIT = Duration.ofHours(24);

  private GraphErrors() {}

  static Outcome outcomeOf(HttpResponse<String> response, JsonMapper json) {
    int status = response.statusCode();
    JsonNode error = error(response.body(), json);
    String code = error.has("code") ? error.path("code").asString() : null;
    String reason = reason(status, error);
    Duration retryAfter = retryAfter(response);
    if (code != null) {
      switch (code) {
        // Outside the 24-hour window: only an approved template gets through.
        case "131047" -> {
          return new Outcome.Rejected(code, reason, Fallback.TEMPLATE);
        }
        // Not a WhatsApp user, terms not accepted, an old client.
        case "131026" -> {
          return new Outcome.Rejected(code, reason, Fallback.OTHER_CHANNEL);
        }
        // The number's throughput (80 messages/s) or the pair rate (about 1 per 6 s per user).
        case "130429", "131056" -> {
          return new Outcome.RetryLater(retryAfter, code, reason);
        }
        case "131049" -> {
          return new Outcome.RetryLater(
              retryAfter == null ? HEALTHY_ECOSYSTEM_WAIT : retryAfter, code, reason);
        }
        default -> {
          // decided by the HTTP status below
        }
      }
    }
    if (status == 429 || status >= 500) {
      return new Outcome.RetryLater(retryAfter, code == null ? "http-" + status : code, reason);
    }
    // 100 invalid parameter, 190 expired token, 132000/132001/132015 template, 131050 stopped
    // marketing, 131051 unsupported type...: sending the same again cannot help.
    return new Outcome.Rejected(code == null ? "http-" + status : code, reason, Fallback.NONE);
  }

  private static JsonNode error(@Nullable String body, JsonMapper json) {
    if (body == null || body.isBlank()) {
      return json.missingNode();
    }
    try {
      return json.readTree(body).path("error");
    } catch (JacksonException e) {
      return json.missingNode();
    }
  }

  /** Meta's message ("(#131047) Re-engagement message") and its details, or the HTTP status. */
  private static String reason(int status, JsonNode error) {
    String message = error.path("message").asString("");
    String details = error.path("error_data").path("details").asString("");
    if (message.isEmpty()) {
      return "Meta answered HTTP " + status;
    }
    return details.isEmpty() ? message : message + ": " + details;
  }

  /** {@code Retry-After} in seconds or as an HTTP date, if given. */
  static @Nullable Duration retryAfter(HttpResponse<String> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.strip());
      return seconds > 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      try {
        Duration until =
            Duration.between(
                ZonedDateTime.now(),
                ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return until.isNegative() ? null : until;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }
}
