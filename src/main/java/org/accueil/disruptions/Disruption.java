package org.accueil.disruptions;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.ProblemException;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A provider's time blocked for a reason, and the patients booked in it.
 *
 * @param note for staff only, never sent to patients
 * @param defaultAction what each patient is offered unless staff choose otherwise for them
 * @param timeOff the provider's time off that blocks the time (gone if staff removed it)
 */
public record Disruption(
    UUID id,
    ProviderId provider,
    Instant start,
    Instant end,
    Reason reason,
    String note,
    Action defaultAction,
    @Nullable UUID timeOff,
    String source,
    String createdBy,
    Instant createdAt) {

  /** Why the provider is away. */
  public enum Reason {
    LATE,
    ILL,
    EMERGENCY,
    TRAINING,
    /** A block from the EHR that says no reason Accueil knows. */
    OTHER;

    @JsonValue
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Reason> ofCode(@Nullable String code) {
      return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    /** The reason a request names, or a problem (422) saying which there are. */
    public static Reason parse(String code) {
      return ofCode(code)
          .orElseThrow(
              () ->
                  ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-disruption")
                      .messageCode("problem.invalid-disruption-reason")
                      .detail(
                          "reason is one of late, ill, emergency, training, other; not {0}.", code)
                      .with("field", "reason")
                      .build());
    }
  }

  /** What a patient booked in the blocked time is offered. */
  public enum Action {
    /** Another provider of the same qualification, the same day (else the same provider later). */
    COLLEAGUE("colleague"),
    /** The next free times with the same provider. */
    SAME_PROVIDER("same-provider"),
    /** The appointment is cancelled and the patient told. */
    CANCEL("cancel");

    private final String code;

    Action(String code) {
      this.code = code;
    }

    @JsonValue
    public String code() {
      return code;
    }

    public static Optional<Action> ofCode(@Nullable String code) {
      return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }

    /** The action a request names, or a problem (422) saying which there are. */
    public static Action parse(String code) {
      return ofCode(code)
          .orElseThrow(
              () ->
                  ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-disruption")
                      .messageCode("problem.invalid-disruption-action")
                      .detail("action is one of colleague, same-provider, cancel; not {0}.", code)
                      .with("field", "action")
                      .build());
    }
  }
}
