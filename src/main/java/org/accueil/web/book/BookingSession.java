package org.accueil.web.book;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one browser is doing on the booking pages, kept in its session (which its CSRF token needs
 * anyway): the times it holds (a hold id in an address is no use to another browser), what the
 * patient typed (so that choosing another time or switching language loses nothing), and the
 * appointment it just booked (the confirmation page shows it to this browser only).
 */
final class BookingSession implements Serializable {

  private static final String ATTRIBUTE = BookingSession.class.getName();

  /** A browser holds at most this many times; the oldest is forgotten (and lapses by itself). */
  private static final int MOST_HOLDS = 5;

  /**
   * @param provider the provider the patient chose, or "any" for the first available: where "choose
   *     another time" goes back to
   * @param time the time held ({@link FreeTimes.Chosen#value()}), to hold it again when the hold
   *     lapsed and was cleared while the patient typed
   */
  record Held(UUID type, String provider, String time) implements Serializable {}

  /**
   * @param token the patient's link to manage it, or null when none could be issued
   */
  record Booked(UUID appointment, @Nullable String token, boolean messages)
      implements Serializable {}

  private final Map<UUID, Held> holds = new LinkedHashMap<>();
  private @Nullable DetailsForm draft;
  private @Nullable Booked booked;

  static BookingSession of(HttpSession session) {
    synchronized (session) {
      if (session.getAttribute(ATTRIBUTE) instanceof BookingSession existing) {
        return existing;
      }
      BookingSession created = new BookingSession();
      session.setAttribute(ATTRIBUTE, created);
      return created;
    }
  }

  /** Stores it again, so that a session kept outside the JVM sees the change. */
  void save(HttpSession session) {
    session.setAttribute(ATTRIBUTE, this);
  }

  synchronized void held(UUID hold, Held what) {
    holds.put(hold, what);
    while (holds.size() > MOST_HOLDS) {
      holds.remove(holds.keySet().iterator().next());
    }
  }

  synchronized @Nullable Held hold(UUID hold) {
    return holds.get(hold);
  }

  synchronized void forget(UUID hold) {
    holds.remove(hold);
  }

  synchronized @Nullable DetailsForm draft() {
    return draft;
  }

  synchronized void draft(@Nullable DetailsForm form) {
    this.draft = form;
  }

  synchronized @Nullable Booked booked() {
    return booked;
  }

  synchronized void booked(Booked what) {
    this.booked = what;
    this.draft = null;
  }
}
