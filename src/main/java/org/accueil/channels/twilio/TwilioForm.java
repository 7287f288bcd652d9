package org.accueil.channels.twilio;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The parameters Twilio posted, once their signature was checked. */
public record TwilioForm(Map<String, List<String>> parameters) {

  public TwilioForm {
    parameters = Map.copyOf(parameters);
  }

  /** The first value of {@code name}, null when absent or empty. */
  public @Nullable String get(String name) {
    List<String> values = parameters.get(name);
    if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
      return null;
    }
    return values.getFirst();
  }

  /** The value of {@code name}, which Twilio always sends. */
  public String required(String name) {
    String value = get(name);
    if (value == null) {
      throw org.accueil.platform.ProblemException.of(
              org.springframework.http.HttpStatus.BAD_REQUEST, "twilio-parameter-missing")
          .detail("The Twilio request has no {0} parameter.", name)
          .with("parameter", name)
          .build();
    }
    return value;
  }
}
