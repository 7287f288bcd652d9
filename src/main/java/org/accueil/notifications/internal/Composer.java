package org.accueil.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.OutboundContent;
import org.accueil.conversations.Notice;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.OfferLines;
import org.accueil.notifications.Notification;
import org.accueil.notifications.NotificationKind;
import org.accueil.notifications.NotificationPolicy;
import org.accueil.notifications.NotificationsProperties;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.platform.PatientDates;
import org.accueil.practice.Address;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.satisfaction.Satisfaction;
import org.accueil.scheduling.Appointment;
import org.accueil.security.PatientLinks;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns a notification into what the patient reads on each channel: the words in their language,
 * buttons where a reply is expected, a short SMS, an e-mail with a subject (and a calendar file for
 * a booking, a move or a cancellation), the WhatsApp template's parameters.
 */
@Component
class Composer {

  /** After the visit the manage link still shows it for a day, as the links the API issues. */
  private static final Duration LINK_AFTER_VISIT = Duration.ofDays(1);

  private static final Duration LINK_LONGEST = Duration.ofDays(90);

  private final Wording wording;
  private final PatientLinks links;
  private final NotificationsProperties properties;
  private final EmailExtras email;
  private final Questionnaires questionnaires;
  private final Satisfaction satisfaction;
  private final Disruptions disruptions;
  private final Clock clock;

  Composer(
      Wording wording,
      PatientLinks links,
      NotificationsProperties properties,
      EmailExtras email,
      Questionnaires questionnaires,
      Satisfaction satisfaction,
      Disruptions disruptions,
      Clock clock) {
    this.disruptions = disruptions;
    this.wording = wording;
    this.links = links;
    this.satisfaction = satisfaction;
    this.properties = properties;
    this.email = email;
    this.questionnaires = questionnaires;
    this.clock = clock;
  }

  Notice compose(
      Notification n,
      Patient patient,
      @Nullable Appointment a,
      Locale language,
      PracticeSnapshot practice,
      NotificationPolicy policy) {
    Map<String, String> values = new HashMap<>();
    values.put("name", patient.givenName() == null ? "" : patient.givenName());
    values.put("practice", practice.profile().name());
    ZoneId zone = zoneOf(a, practice);
    if (a != null) {
      putWhen(values, a.start().atZone(zone), language);
      practice
          .provider(a.provider())
          .map(Provider::displayName)
          .ifPresent(p -> values.put("provider", p));
      practice
          .location(a.location())
          .map(Location::address)
          .map(Composer::address)
          .ifPresent(p -> values.put("address", p));
      if (policy.showVisitType()) {
        practice
            .appointmentType(a.type())
            .ifPresent(t -> values.put("visit", t.name().in(language)));
      }
      if (n.kind() == NotificationKind.BOOKED
          || n.kind() == NotificationKind.MOVED
          || n.kind() == NotificationKind.REMINDER) {
        values.put("link", link(a, language));
      }
    }
    if (a == null && n.data().get("start") instanceof String offered) {
      // A waitlist offer: a time held, not yet an appointment.
      putWhen(values, Instant.parse(offered).atZone(zone), language);
      if (n.data().get("provider") instanceof String provider) {
        practice
            .provider(org.accueil.practice.ProviderId.of(java.util.UUID.fromString(provider)))
            .ifPresent(
                p -> {
                  values.put("provider", p.displayName());
                  p.locations().stream()
                      .findFirst()
                      .flatMap(practice::location)
                      .map(Location::address)
                      .map(Composer::address)
                      .ifPresent(address -> values.put("address", address));
                });
      }
    }
    if (n.data().get("text") instanceof Map<?, ?> text) {
      Object words = text.get(Wording.language(language));
      if (words == null) {
        words = text.values().iterator().next();
      }
      values.put("text", String.valueOf(words));
    }
    if (n.data().get("expiresAt") instanceof String expires) {
      values.put("expires", time(Instant.parse(expires).atZone(zone), language));
    }
    if ((n.kind() == NotificationKind.QUESTIONNAIRE
            || n.kind() == NotificationKind.QUESTIONNAIRE_REMINDER)
        && n.data().get("request") instanceof String request) {
      // A form: its title in the patient's language and its own link (never the manage link).
      UUID id = UUID.fromString(request);
      values.put("form", questionnaires.title(id, Wording.language(language)).orElse(""));
      values.put("link", formLink(id, language));
    }
    AffectedPatient disrupted = disrupted(n).orElse(null);
    if (disrupted != null && a != null) {
      // The times held instead, numbered; on one line for a WhatsApp template's parameter.
      values.put(
          "options", OfferLines.block(disrupted.offers(), a.provider(), practice, zone, language));
      values.put(
          "optionsInline",
          String.join(
              "; ", OfferLines.lines(disrupted.offers(), a.provider(), practice, zone, language)));
    }
    if (properties.resultsPortalUrl() != null) {
      values.put("portal", properties.resultsPortalUrl());
    }
    Wording.Words words = wording.words(n.kind(), language, values);

    Map<String, Object> data = new HashMap<>();
    data.put("notification", n.id().toString());
    data.put("kind", n.kind().code());
    if (a != null) {
      data.put("appointmentId", a.id().value().toString());
    }
    if (n.data().get("offer") instanceof String offer) {
      data.put("offer", offer);
    }
    if (disrupted != null) {
      data.put("disruption", disrupted.disruption().toString());
    }
    if (n.data().get("request") instanceof String request) {
      data.put("requestId", request);
      // Which rating request a bare "4" answers.
      data.put("request", request);
    }
    OutboundContent content =
        disrupted != null
            ? disruptionContent(disrupted, words.text(), language, values)
            : content(n, a, words.text(), language);
    Map<Channel, OutboundContent> byChannel = new HashMap<>();
    byChannel.put(Channel.SMS, new OutboundContent.Text(words.sms()));
    byChannel.put(
        Channel.EMAIL,
        n.kind() == NotificationKind.SATISFACTION
            ? ratingEmail(n, words, language)
            : email.content(n, a, words, language, practice, zone));
    return new Notice(
        n.kind().templatePurpose(), content, byChannel, templateParameters(n, values), data);
  }

  /** Buttons where a reply is expected: confirm or not; take the slot or not. */
  private OutboundContent content(
      Notification n, @Nullable Appointment a, String text, Locale language) {
    List<OutboundContent.Choice> choices = new ArrayList<>();
    if (n.kind() == NotificationKind.REMINDER && a != null) {
      choices.add(choice("confirm:" + a.id().value(), "button.confirm", language));
      choices.add(choice("cannot-come:" + a.id().value(), "button.cannot-come", language));
    } else if (n.kind() == NotificationKind.WAITLIST_OFFER
        && n.data().get("offer") instanceof String offer) {
      choices.add(choice("waitlist-accept:" + offer, "button.accept", language));
      choices.add(choice("waitlist-decline:" + offer, "button.decline", language));
    }
    if (n.kind() == NotificationKind.SATISFACTION
        && n.data().get("request") instanceof String request
        && text.length() <= 1024) {
      // Five answers: more than WhatsApp's three reply buttons, so a list. In the order of the
      // scores: a reply "4" to a list is read as its 4th row, which must then be the score 4.
      List<OutboundContent.Choice> rows = new ArrayList<>();
      for (int score = 1; score <= 5; score++) {
        rows.add(
            new OutboundContent.Choice(
                "rate:" + request + ":" + score,
                score + " - " + wording.phrase("rating." + score, language)));
      }
      return new OutboundContent.Menu(text, wording.phrase("button.rate", language), rows);
    }
    if (choices.isEmpty() || text.length() > 1024) {
      return new OutboundContent.Text(text);
    }
    return new OutboundContent.Buttons(text, choices);
  }

  /** The held times as a list to choose from (WhatsApp's list, the web chat's choices). */
  private OutboundContent disruptionContent(
      AffectedPatient row, String text, Locale language, Map<String, String> values) {
    if (text.length() > 1024) {
      return new OutboundContent.Text(text);
    }
    List<OutboundContent.Choice> rows = new ArrayList<>();
    String[] lines = values.getOrDefault("options", "").split("\n");
    for (int i = 0; i < row.offers().size() && i < lines.length; i++) {
      String line = lines[i];
      rows.add(
          new OutboundContent.Choice(
              OfferLines.choice(row, row.offers().get(i).position()),
              line.length() > 24 ? line.substring(0, 23) + "…" : line));
    }
    rows.add(
        new OutboundContent.Choice(
            OfferLines.cancelChoice(row), wording.phrase("button.cancel-visit", language)));
    return new OutboundContent.Menu(text, wording.phrase("button.choose", language), rows);
  }

  /** The disruption row a disruption notice offers the times of, if still offered. */
  private java.util.Optional<AffectedPatient> disrupted(Notification n) {
    if (n.kind() != NotificationKind.DISRUPTION
        || n.appointmentId() == null
        || !(n.data().get("disruption") instanceof String id)) {
      return java.util.Optional.empty();
    }
    return disruptions.row(
        UUID.fromString(id), org.accueil.scheduling.AppointmentId.of(n.appointmentId()));
  }

  /** The question by e-mail: reply with a number, or rate on the page of the link. */
  private OutboundContent ratingEmail(Notification n, Wording.Words words, Locale language) {
    String base = properties.publicBaseUrl();
    String text = words.text();
    if (base != null && !base.isBlank() && n.data().get("request") instanceof String request) {
      String token = satisfaction.issueLink(java.util.UUID.fromString(request));
      text +=
          "\n\n"
              + wording
                  .phrase("rating.link", language)
                  .replace("{0}", base.replaceAll("/+$", "") + "/r/" + token);
    }
    return new OutboundContent.Text(text, words.subject(), List.of());
  }

  private OutboundContent.Choice choice(String id, String key, Locale language) {
    String title = wording.phrase(key, language);
    return new OutboundContent.Choice(id, title.length() > 20 ? title.substring(0, 20) : title);
  }

  /**
   * The approved template's {{1}}, {{2}}…: the appointment's day and time and the practice's name
   * first, then what the kind adds (docs/NOTIFICATIONS.md lists them).
   */
  static List<String> templateParameters(Notification n, Map<String, String> values) {
    String when = values.getOrDefault("when", "");
    String practice = values.getOrDefault("practice", "");
    return switch (n.kind()) {
      case BOOKED, MOVED, CANCELLED, REMINDER, NO_SHOW -> List.of(when, practice);
      case AFTER_VISIT -> List.of(practice, values.getOrDefault("text", ""));
      case RESULTS_READY -> List.of(practice, values.getOrDefault("portal", ""));
      case WAITLIST_OFFER -> List.of(when, practice, values.getOrDefault("expires", ""));
      case QUESTIONNAIRE, QUESTIONNAIRE_REMINDER ->
          List.of(practice, values.getOrDefault("form", ""), values.getOrDefault("link", ""));
      case SATISFACTION -> List.of(practice);
      case DISRUPTION ->
          List.of(
              when,
              practice,
              values.getOrDefault("optionsInline", ""),
              values.getOrDefault("expires", ""));
    };
  }

  private String formLink(UUID request, Locale language) {
    String base = properties.publicBaseUrl();
    return questionnaires
        .token(request)
        .filter(t -> base != null && !base.isBlank())
        .map(t -> base.replaceAll("/+$", "") + "/q/" + t)
        .orElse(wording.phrase("link.none", language));
  }

  private String link(Appointment a, Locale language) {
    String base = properties.publicBaseUrl();
    Instant now = clock.instant();
    Instant expires = a.end().plus(LINK_AFTER_VISIT);
    if (expires.isAfter(now.plus(LINK_LONGEST))) {
      expires = now.plus(LINK_LONGEST);
    }
    if (base == null || base.isBlank() || !expires.isAfter(now)) {
      return wording.phrase("link.none", language);
    }
    var issued = links.issue(a.id().value(), expires);
    return base.replaceAll("/+$", "") + "/p/" + issued.token();
  }

  private static void putWhen(Map<String, String> values, ZonedDateTime start, Locale language) {
    values.put("when", when(start, language));
    values.put(
        "date",
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language).format(start));
    values.put("time", time(start, language));
  }

  static String when(ZonedDateTime local, Locale language) {
    return PatientDates.when(local, language);
  }

  static String time(ZonedDateTime local, Locale language) {
    return DateTimeFormatter.ofPattern(
            Wording.language(language).equals("en") ? "h:mm a" : "HH:mm", language)
        .format(local);
  }

  static String address(Address address) {
    return (address.line() + ", " + address.postalCode() + " " + address.city()).strip();
  }

  static ZoneId zoneOf(@Nullable Appointment a, PracticeSnapshot practice) {
    return a != null ? a.zone() : practice.zone();
  }
}
