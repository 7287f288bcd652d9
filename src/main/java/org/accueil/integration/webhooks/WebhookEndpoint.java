package org.accueil.integration.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where the practice wants events sent. Its secret is never part of it: it is shown once, when
 * created or rotated.
 *
 * @param eventTypes the types sent to it; empty: every type
 * @param disabledReason why it stopped receiving (410 Gone, every attempt failed, an administrator)
 * @param previousSecretUntil after a rotation, until when messages are signed with the old secret
 *     too
 */
public record WebhookEndpoint(
    UUID id,
    String url,
    String description,
    List<String> eventTypes,
    boolean enabled,
    @Nullable String disabledReason,
    @Nullable Instant disabledAt,
    @Nullable Instant previousSecretUntil,
    Instant createdAt,
    Instant updatedAt) {

  /** Whether events of {@code type} go to this endpoint. */
  public boolean subscribedTo(String type) {
    return eventTypes.isEmpty() || eventTypes.contains(type);
  }
}
