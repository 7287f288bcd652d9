package org.accueil.platform;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.accueil.platform.crypto.EncryptedColumn;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Honours the {@code Idempotency-Key} header of creating calls: the same caller sending the same
 * key gets the same response, and what the call creates is created once.
 *
 * <p>The key row is inserted first, in the transaction that creates the resource, and the response
 * is stored in it before commit. A concurrent retry blocks on that row's unique key until the first
 * transaction ends, then replays its response; if the first call failed, its transaction (and the
 * key row) rolled back and the retry runs afresh. Keys are kept for {@link #RETENTION}.
 *
 * <p>The stored response is sealed ({@link FieldCipher}): it is what the call answered, often a
 * patient's details.
 */
@Component
public class IdempotentRequests {

  /** As Stripe does: long enough for any client's retry loop, short enough to stay small. */
  public static final Duration RETENTION = Duration.ofHours(24);

  public static final String HEADER = "Idempotency-Key";

  static final String RESPONSE_CONTEXT = "idempotent-request.response";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final JsonMapper json;
  private final FieldCipher cipher;

  IdempotentRequests(
      JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, FieldCipher cipher) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
    this.cipher = cipher;
  }

  /**
   * Runs {@code call} once per (caller, key); without a key it simply runs it.
   *
   * @param operation names the call (e.g. {@code POST /api/v1/appointments}); a key reused for a
   *     different operation or body is refused
   */
  public ResponseEntity<?> once(
      @Nullable String key, String operation, Object request, Supplier<ResponseEntity<?>> call) {
    if (key == null) {
      return call.get();
    }
    if (key.isBlank() || key.length() > 255) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-idempotency-key")
          .detail("The Idempotency-Key header must hold 1 to 255 characters.")
          .build();
    }
    String principal = currentPrincipal();
    byte[] fingerprint = fingerprint(operation, request);
    return transactions.execute(
        status -> {
          int inserted =
              jdbc.sql(
                      """
                      INSERT INTO idempotent_request (principal, idempotency_key, request_fingerprint)
                      VALUES (:principal, :key, :fingerprint)
                      ON CONFLICT DO NOTHING
                      """)
                  .param("principal", principal)
                  .param("key", key)
                  .param("fingerprint", fingerprint)
                  .update();
          if (inserted == 0) {
            return replay(principal, key, fingerprint);
          }
          ResponseEntity<?> response = call.get();
          URI location = response.getHeaders().getLocation();
          jdbc.sql(
                  """
                  UPDATE idempotent_request
                     SET response_status = :status, response_location = :location,
                         response_sealed = :sealed
                   WHERE principal = :principal AND idempotency_key = :key
                  """)
              .param("status", response.getStatusCode().value())
              .param("location", location == null ? null : location.toString())
              .param(
                  "sealed",
                  cipher.encrypt(json.writeValueAsString(response.getBody()), RESPONSE_CONTEXT))
              .param("principal", principal)
              .param("key", key)
              .update();
          return response;
        });
  }

  /**
   * A creating {@code POST} to {@code collection}, run {@link #once}: 201 with the created view and
   * its {@code Location}, {@code collection/<id>}.
   */
  public <V> ResponseEntity<?> create(
      @Nullable String key,
      String collection,
      Object request,
      Supplier<V> create,
      java.util.function.Function<V, ?> id) {
    return once(
        key,
        "POST " + collection,
        request,
        () -> {
          V view = create.get();
          return ResponseEntity.created(URI.create(collection + "/" + id.apply(view))).body(view);
        });
  }

  /**
   * Forgets the stored responses of creating calls whose {@code Location} is {@code path} or under
   * it: for a patient's erasure, a replayed registration must not hand back the details the erasure
   * removed. A retry of a forgotten key runs afresh.
   *
   * @return how many stored responses were forgotten
   */
  public int forgetResponsesUnder(String path) {
    return jdbc.sql(
            """
            DELETE FROM idempotent_request
             WHERE response_location = :path OR starts_with(response_location, :path || '/')
            """)
        .param("path", path)
        .update();
  }

  private ResponseEntity<?> replay(String principal, String key, byte[] fingerprint) {
    StoredResponse stored =
        jdbc.sql(
                """
                SELECT request_fingerprint, response_status, response_location, response_sealed
                  FROM idempotent_request
                 WHERE principal = :principal AND idempotency_key = :key
                """)
            .param("principal", principal)
            .param("key", key)
            .query(StoredResponse.class)
            .single();
    if (!Arrays.equals(stored.requestFingerprint(), fingerprint)) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused")
          .detail(
              "This Idempotency-Key was already used for a different request; send a new key for"
                  + " a new request.")
          .build();
    }
    HttpHeaders headers = new HttpHeaders();
    if (stored.responseLocation() != null) {
      headers.setLocation(URI.create(stored.responseLocation()));
    }
    headers.set("Idempotent-Replayed", "true");
    headers.setContentType(MediaType.APPLICATION_JSON);
    return ResponseEntity.status(stored.responseStatus())
        .headers(headers)
        .body(cipher.decrypt(stored.responseSealed(), RESPONSE_CONTEXT));
  }

  private record StoredResponse(
      byte[] requestFingerprint,
      int responseStatus,
      @Nullable String responseLocation,
      byte[] responseSealed) {}

  private byte[] fingerprint(String operation, Object request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(operation.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(json.writeValueAsBytes(request));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String currentPrincipal() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication == null ? "anonymous" : authentication.getName();
  }

  @Configuration(proxyBeanMethods = false)
  static class Housekeeping {

    /** Kept 24 hours only, but a key retired sooner must not leave a replay unreadable. */
    @Bean
    EncryptedColumn idempotentResponseColumn() {
      return EncryptedColumn.of("idempotent_request", "id", "response_sealed", RESPONSE_CONTEXT);
    }

    @Bean
    RecurringTask<Void> idempotencyKeyExpiry(JdbcClient jdbc, Clock clock) {
      return Tasks.recurring("idempotency-key-expiry", FixedDelay.ofMinutes(30))
          .execute(
              (instance, context) ->
                  jdbc.sql("DELETE FROM idempotent_request WHERE created_at < :cutoff")
                      .param("cutoff", java.sql.Timestamp.from(clock.instant().minus(RETENTION)))
                      .update());
    }
  }
}
