package org.accueil.audit.internal;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.accueil.audit.AuditEvent;
import org.accueil.audit.AuditHash;
import org.accueil.audit.Verification;
import org.accueil.audit.Verification.Break;
import org.accueil.audit.Verification.Kind;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the whole trail in seq order and stops at the first row that is not as it was written. Each
 * row must come right after the previous one (seq continuity), link to it (its prev_hash is the
 * previous row's hash) and hash to its own hash; the last row must be the one the head names.
 *
 * <p>One repeatable-read snapshot covers the head and every row, so appends committed meanwhile are
 * either wholly seen or not at all; the rows come through a cursor, never all in memory.
 */
@Component
public class ChainVerifier {

  private final AuditRepository repository;
  private final TransactionTemplate snapshot;

  ChainVerifier(AuditRepository repository, PlatformTransactionManager transactions) {
    this.repository = repository;
    this.snapshot = new TransactionTemplate(transactions);
    snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
  }

  public Verification verify() {
    return snapshot.execute(status -> walk());
  }

  private Verification walk() {
    if (!repository.exists()) {
      throw new IllegalStateException(
          "This database holds no audit trail (there is no table audit_head): Accueil has not run"
              + " on it yet, or it is not Accueil's database.");
    }
    var head = repository.head().orElse(null);
    long checked = 0;
    long expected = 1;
    byte[] previous = AuditHash.genesis();
    try (Stream<AuditEvent> rows = repository.inSeqOrder()) {
      Iterator<AuditEvent> it = rows.iterator();
      while (it.hasNext()) {
        AuditEvent row = it.next();
        @Nullable Break broken = check(row, expected, previous);
        if (broken != null) {
          return result(checked, broken, head);
        }
        checked++;
        expected++;
        previous = row.hash();
      }
    }
    long last = expected - 1;
    if (head == null) {
      return result(checked, new Break(Kind.HEAD_MISSING, null, List.of()), head);
    }
    if (head.seq() > last) {
      return result(
          checked, new Break(Kind.TRUNCATED, last + 1, List.of(last + 1, head.seq(), last)), head);
    }
    if (head.seq() < last) {
      return result(
          checked, new Break(Kind.UNACCOUNTED, head.seq() + 1, List.of(head.seq())), head);
    }
    if (!Arrays.equals(head.hash(), previous)) {
      return result(checked, new Break(Kind.HEAD_MISMATCH, last, List.of(last)), head);
    }
    return result(checked, null, head);
  }

  /** Whether {@code row}, read where row {@code expected} should be, is as it was written. */
  private static @Nullable Break check(AuditEvent row, long expected, byte[] previous) {
    long seq = row.seq();
    if (seq != expected) {
      // ORDER BY seq on a primary key: a seq can only be higher than expected, never lower.
      return new Break(Kind.MISSING, expected, List.of(expected, seq - 1, seq));
    }
    boolean linked = row.follows(previous);
    boolean intact = row.hashMatches();
    if (linked && intact) {
      return null;
    }
    if (linked) {
      return new Break(Kind.MODIFIED, seq, List.of(seq));
    }
    if (seq == 1) {
      return new Break(Kind.RELINKED_FIRST, seq, List.of(seq));
    }
    return new Break(intact ? Kind.RELINKED : Kind.REORDERED, seq, List.of(seq, seq - 1));
  }

  private static Verification result(
      long read, @Nullable Break broken, AuditRepository.@Nullable Head head) {
    // Intact means: before the first row that is not as written, even when all of them were read.
    long checked = broken == null || broken.seq() == null ? read : Math.min(read, broken.seq() - 1);
    return head == null
        ? new Verification(checked, broken, null, null)
        : new Verification(checked, broken, head.seq(), head.hash());
  }
}
