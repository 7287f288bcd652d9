package org.accueil.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One row of the audit trail, as stored and as hashed.
 *
 * @param seq position in the chain: 1, 2, 3... with no gaps, in commit order
 * @param occurredAt when the action was recorded (microsecond precision, as stored)
 * @param actorKind {@code user}, {@code api-key}, {@code patient-link}, {@code ehr}, {@code system}
 *     or {@code anonymous}
 * @param actorRoles the actor's roles when it acted, sorted
 * @param outcome {@code success}, {@code denied} or {@code failed}
 * @param refs related entities by id ({@code patient -> <uuid>}), sorted by name
 * @param prevHash the {@link #hash} of row {@code seq - 1}; 32 zero bytes for row 1
 * @param hash SHA-256 over {@code prevHash} and the row's fields ({@link AuditHash})
 */
public record AuditEvent(
    long seq,
    Instant occurredAt,
    String actorKind,
    String actorId,
    String actorName,
    List<String> actorRoles,
    String action,
    String entityType,
    @Nullable String entityId,
    String outcome,
    @Nullable String ip,
    String channel,
    @Nullable String sourceSystem,
    SortedMap<String, String> refs,
    byte[] prevHash,
    byte[] hash) {

  public AuditEvent {
    actorRoles = actorRoles.stream().sorted().toList();
    refs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(refs));
    prevHash = prevHash.clone();
    hash = hash.clone();
  }

  /** How the API names the actor: {@code user:<id>}, {@code api-key:<id>}. */
  public String actorReference() {
    return actorKind + ":" + actorId;
  }

  @Override
  public byte[] prevHash() {
    return prevHash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /** Whether {@link #hash} is what this row's contents and {@link #prevHash} hash to. */
  public boolean hashMatches() {
    return Arrays.equals(hash, AuditHash.of(this));
  }

  /** Whether this row continues the chain after a row whose hash is {@code previousHash}. */
  public boolean follows(byte[] previousHash) {
    return Arrays.equals(prevHash, previousHash);
  }

  /** The same row, placed at {@code position} after a row whose hash is {@code previousHash}. */
  public AuditEvent chainedAt(long position, byte[] previousHash) {
    AuditEvent placed = withLink(position, previousHash, new byte[0]);
    return placed.withLink(position, previousHash, AuditHash.of(placed));
  }

  private AuditEvent withLink(long position, byte[] previousHash, byte[] ownHash) {
    return new AuditEvent(
        position,
        occurredAt,
        actorKind,
        actorId,
        actorName,
        actorRoles,
        action,
        entityType,
        entityId,
        outcome,
        ip,
        channel,
        sourceSystem,
        refs,
        previousHash,
        ownHash);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuditEvent e
        && seq == e.seq
        && occurredAt.equals(e.occurredAt)
        && actorKind.equals(e.actorKind)
        && actorId.equals(e.actorId)
        && actorName.equals(e.actorName)
        && actorRoles.equals(e.actorRoles)
        && action.equals(e.action)
        && entityType.equals(e.entityType)
        && java.util.Objects.equals(entityId, e.entityId)
        && outcome.equals(e.outcome)
        && java.util.Objects.equals(ip, e.ip)
        && channel.equals(e.channel)
        && java.util.Objects.equals(sourceSystem, e.sourceSystem)
        && refs.equals(e.refs)
        && Arrays.equals(prevHash, e.prevHash)
        && Arrays.equals(hash, e.hash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq) * 31 + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "AuditEvent[" + seq + " " + action + " " + entityType + ":" + entityId + "]";
  }
}
