package org.accueil.assistant.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where the assistant is with one patient, kept per conversation (not per channel): a call picks up
 * what the web chat left. Ids, times and the step only, plus the names a visitor gave before their
 * birth date completes their record.
 */
class DialogueState {

  /** What the assistant waits for from the patient. */
  enum Step {
    NONE,
    /** "Shall I find you an appointment?" after answering a question. */
    OFFER_BOOK,
    /** Name and mobile number of a visitor nobody knows yet. */
    DETAILS,
    /** Name and birth date of the person the visit is for, when it is not the writer. */
    DEPENDENT,
    TYPE,
    SLOT,
    BIRTH_DATE,
    CONFIRM,
    /** Name and birth date before touching existing appointments. */
    VERIFY,
    WHICH_APPOINTMENT,
    CONFIRM_CANCEL
  }

  /** A time offered, with whom and for what. */
  record Offer(Instant start, UUID provider, UUID type) {}

  public @Nullable String goal;
  public Step step = Step.NONE;
  public @Nullable String language;
  public @Nullable UUID provider;
  public @Nullable UUID type;
  public @Nullable OffsetDateTime windowStart;
  public @Nullable OffsetDateTime windowEnd;
  public @Nullable String grain;
  public @Nullable Boolean newPatient;
  public @Nullable String dependent;

  /** The patient the visit is for, when it is not the writer (their child, say). */
  public @Nullable UUID forPatient;

  public List<Offer> offered = new ArrayList<>();

  /** Times the patient said no to: not offered again in this request. */
  public List<Instant> declined = new ArrayList<>();

  public @Nullable UUID hold;
  public @Nullable Offer chosen;
  public @Nullable UUID appointment;
  public List<UUID> appointments = new ArrayList<>();
  public boolean verified;
  public int misunderstood;
  public boolean handedOver;

  /** The rating just recorded, whose comment the patient's next message may be. */
  public @Nullable UUID ratingRequest;

  /** Until when that next message is taken as the comment. */
  public @Nullable Instant commentUntil;

  /** The disruption's appointment whose patient was asked which other day and time would suit. */
  public @Nullable UUID disruptionAsked;

  public @Nullable String givenName;
  public @Nullable String familyName;
  public @Nullable Instant updatedAt;

  /** The request is over (booked, cancelled, or dropped): only the language stays. */
  void finish() {
    String keep = language;
    boolean wasVerified = verified;
    DialogueState fresh = new DialogueState();
    goal = fresh.goal;
    step = Step.NONE;
    provider = null;
    type = null;
    windowStart = null;
    windowEnd = null;
    grain = null;
    newPatient = null;
    dependent = null;
    forPatient = null;
    offered = new ArrayList<>();
    declined = new ArrayList<>();
    hold = null;
    chosen = null;
    appointment = null;
    appointments = new ArrayList<>();
    misunderstood = 0;
    disruptionAsked = null;
    language = keep;
    verified = wasVerified;
  }
}
