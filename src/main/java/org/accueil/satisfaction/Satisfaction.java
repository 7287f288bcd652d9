package org.accueil.satisfaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.TimelineEntry;
import org.accueil.patients.PatientId;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.Provider;
import org.accueil.satisfaction.internal.RequestStore;
import org.accueil.satisfaction.internal.SatisfactionReports;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The front door of patient satisfaction: what the notifications module needs to ask (is the
 * question still to ask, the e-mail's link), what the assistant and the rating page need to record
 * an answer and its comment, and the reports.
 */
@Service
public class Satisfaction {

  /** The channel code of an answer given on the page of the e-mail's link. */
  public static final String WEB = "web";

  private static final String TOKEN_PREFIX = "rt_";

  private final RequestStore store;
  private final Conversations conversations;
  private final PracticeDirectory practice;
  private final FieldCipher cipher;
  private final SatisfactionReports reports;
  private final SatisfactionProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final org.springframework.context.MessageSource messages;
  private final SecureRandom random = new SecureRandom();

  Satisfaction(
      RequestStore store,
      Conversations conversations,
      PracticeDirectory practice,
      FieldCipher cipher,
      SatisfactionReports reports,
      SatisfactionProperties properties,
      ApplicationEventPublisher events,
      Clock clock,
      org.springframework.context.MessageSource messages) {
    this.store = store;
    this.conversations = conversations;
    this.practice = practice;
    this.cipher = cipher;
    this.reports = reports;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
    this.messages = messages;
  }

  public Optional<RatingRequest> find(UUID request) {
    return store.find(request);
  }

  /** Why asking now would be of no use (answered already, withdrawn), if so. */
  public Optional<String> notToAsk(UUID request) {
    Optional<RatingRequest> found = store.find(request);
    if (found.isEmpty()) {
      return Optional.of("rating request not found");
    }
    return switch (found.get().status()) {
      case "answered" -> Optional.of("rating answered already");
      case "withdrawn" -> Optional.of("rating request withdrawn");
      default -> Optional.empty();
    };
  }

  /** The question went out on {@code channel} (a channel's code). */
  @Transactional
  public void asked(UUID request, String channel) {
    store.markAsked(request, channel, clock.instant());
  }

  /**
   * A new token for the rating page of the request ({@code /r/<token>}), valid for {@code
   * accueil.satisfaction.link-validity}: random, stored only as its SHA-256, so the table alone
   * opens no page.
   */
  @Transactional
  public String issueLink(UUID request) {
    byte[] secret = new byte[24];
    random.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    store.setLink(request, hash(token), clock.instant().plus(properties.linkValidity()));
    return token;
  }

  /** The request a rating page's token stands for, while it is valid. */
  public Optional<RatingRequest> byLink(String token) {
    if (!token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    return store.byLink(hash(token), clock.instant());
  }

  /**
   * Records the patient's answer, once: a timeline event; at or below the low score, a note for
   * staff with the score (and the comment, when given with it) and the conversation handed to them
   * to call the patient back.
   *
   * @param patient who answers: a request of another patient records nothing
   * @param channel the channel's code, or {@link #WEB}
   * @param comment given with the rating (the page's form), else null
   */
  @Transactional
  public Rating rate(
      UUID request, PatientId patient, int score, String channel, @Nullable String comment) {
    if (score < 1 || score > 5) {
      return new Rating.NotRecorded();
    }
    Optional<RatingRequest> locked = store.lock(request);
    if (locked.isEmpty()
        || !locked.get().patient().equals(patient)
        || locked.get().status().equals("withdrawn")) {
      return new Rating.NotRecorded();
    }
    RatingRequest r = locked.get();
    Instant now = clock.instant();
    if (r.answered() || !store.answer(request, score, channel, now)) {
      return new Rating.AlreadyAnswered(request);
    }
    String words = comment == null || comment.isBlank() ? null : comment.strip();
    if (words != null) {
      store.comment(request, cipher.encrypt(words, RequestStore.COMMENT), now);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("request", request.toString());
    data.put("score", score);
    data.put("channel", channel);
    data.put("occasion", r.occasion());
    if (r.appointment() != null) {
      data.put("appointmentId", r.appointment().value().toString());
    }
    TimelineEntry event = conversations.record(patient, "satisfaction.rated", data);
    boolean low = score <= properties.lowScore();
    if (low) {
      conversations.noteForStaff(patient, note(r, score, words), Map.of("request", request));
      conversations.handOverToStaff(
          event.conversation(), "low satisfaction score (" + score + "/5): call back", false);
    }
    events.publishEvent(new SatisfactionRated(request, patient, event.conversation(), score, low));
    return new Rating.Recorded(request, score, low);
  }

  /**
   * The patient's comment on their rating, taken once and only within {@code
   * accueil.satisfaction.comment-within} of it.
   *
   * @return whether it was stored
   */
  @Transactional
  public boolean comment(UUID request, PatientId patient, String text) {
    Optional<RatingRequest> locked = store.lock(request);
    Instant now = clock.instant();
    if (locked.isEmpty()
        || !locked.get().patient().equals(patient)
        || !locked.get().answered()
        || locked.get().commented()
        || text.isBlank()
        || now.isAfter(locked.get().answeredAt().plus(properties.commentWithin()))) {
      return false;
    }
    store.comment(request, cipher.encrypt(text.strip(), RequestStore.COMMENT), now);
    conversations.record(patient, "satisfaction.commented", Map.of("request", request.toString()));
    return true;
  }

  /** The comment, unsealed: for the patient's data export and staff, never for a report. */
  public Optional<String> commentOf(UUID request) {
    return store.sealedComment(request).map(c -> cipher.decrypt(c, RequestStore.COMMENT));
  }

  /**
   * Asked, answered, response rate, average, distribution and share of low scores over the days
   * {@code from} to {@code to}, per {@code by}: {@code provider}, {@code channel} or {@code month}.
   */
  public SatisfactionReport report(LocalDate from, LocalDate to, String by) {
    return reports.report(from, to, by);
  }

  /**
   * What staff read on the timeline: the score, about what, and the patient's words; in the
   * practice's first language (a note is written once, for the whole team).
   */
  private String note(RatingRequest r, int score, @Nullable String comment) {
    java.util.List<String> languages = practice.snapshot().profile().languages();
    java.util.Locale locale =
        java.util.Locale.forLanguageTag(languages.isEmpty() ? "fr" : languages.getFirst());
    String about =
        r.provider() != null
            ? messages.getMessage(
                "satisfaction.note.visit",
                new Object[] {
                  score,
                  r.day().toString(),
                  practice.snapshot().provider(r.provider()).map(Provider::displayName).orElse("?")
                },
                locale)
            : messages.getMessage(
                "satisfaction.note.conversation", new Object[] {score, r.day().toString()}, locale);
    return comment == null
        ? about
        : about
            + " "
            + messages.getMessage("satisfaction.note.comment", new Object[] {comment}, locale);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
