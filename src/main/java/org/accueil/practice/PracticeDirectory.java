package org.accueil.practice;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.practice.internal.PracticeRepository;
import org.accueil.practice.internal.SnapshotLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * How other modules read the configuration. The snapshot is cached per node and reloaded when the
 * database's revision moves, so a change made on any node is seen by every node at its next read.
 */
@Service
public class PracticeDirectory {

  private final SnapshotLoader loader;
  private final PracticeRepository repository;
  private volatile @Nullable PracticeSnapshot cached;

  PracticeDirectory(SnapshotLoader loader, PracticeRepository repository) {
    this.loader = loader;
    this.repository = repository;
  }

  /** The configuration as of now: one cheap query when nothing changed. */
  public PracticeSnapshot snapshot() {
    long revision = loader.currentRevision();
    PracticeSnapshot snapshot = cached;
    if (snapshot != null && snapshot.revision() == revision) {
      return snapshot;
    }
    synchronized (this) {
      snapshot = cached;
      if (snapshot == null || snapshot.revision() < revision) {
        snapshot = loader.load();
        cached = snapshot;
      }
      return snapshot;
    }
  }

  /** Time off of these providers overlapping [from, to). */
  public List<TimeOff> timeOff(Collection<ProviderId> providers, Instant from, Instant to) {
    if (providers.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = providers.stream().map(ProviderId::value).toList();
    return repository.timeOff(ids, from, to);
  }

  /** One time off of this provider. */
  public Optional<TimeOff> timeOff(ProviderId provider, UUID id) {
    return repository.timeOff(provider.value(), id);
  }
}
