package org.accueil.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** "Now" as a test says it is. Until a test sets it, it is the real time. */
public final class TestClock extends Clock {

  private final AtomicReference<Instant> fixed = new AtomicReference<>();

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    TestClock parent = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return parent.withZone(other);
      }

      @Override
      public Instant instant() {
        return parent.instant();
      }
    };
  }

  @Override
  public Instant instant() {
    Instant now = fixed.get();
    return now == null ? Instant.now() : now;
  }

  public void set(Instant instant) {
    fixed.set(instant);
  }

  /** Sets "now" to a wall-clock time in the practice's zone (Europe/Paris). */
  public void setParis(LocalDateTime local) {
    set(local.atZone(ZoneId.of("Europe/Paris")).toInstant());
  }

  public void advance(Duration duration) {
    fixed.updateAndGet(now -> (now == null ? Instant.now() : now).plus(duration));
  }

  public void reset() {
    fixed.set(null);
  }
}
