package org.accueil.integration.hl7v2;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An SIU message as a practice-management system writes it, in pipe-delimited text (v2.5.1,
 * segments ended by CR): {@code PeerMessage.siu("S12").filler("F1").at(tomorrow10am)...text()}.
 */
final class PeerMessage {

  private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

  private final String event;
  private String controlId = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
  private String sendingApplication = "PMS";
  private String sentAt;
  private String filler;
  private String placer = "";
  private String start;
  private String end = "";
  private int minutes = 30;
  private String provider = "";
  private String location = "";
  private String service = "";
  private String status = "";
  private String reason = "";
  private String pid = "";

  private PeerMessage(String event) {
    this.event = event;
  }

  static PeerMessage siu(String event) {
    return new PeerMessage(event);
  }

  PeerMessage control(String id) {
    this.controlId = id;
    return this;
  }

  PeerMessage from(String application) {
    this.sendingApplication = application;
    return this;
  }

  PeerMessage sentAt(ZonedDateTime at) {
    this.sentAt = at.format(DTM);
    return this;
  }

  PeerMessage filler(String id) {
    this.filler = id;
    return this;
  }

  PeerMessage placer(String id, String authority) {
    this.placer = id + "^" + authority;
    return this;
  }

  PeerMessage at(ZonedDateTime start) {
    this.start = start.format(DTM);
    return this;
  }

  PeerMessage until(ZonedDateTime end) {
    this.end = end.format(DTM);
    return this;
  }

  PeerMessage minutes(int minutes) {
    this.minutes = minutes;
    return this;
  }

  PeerMessage provider(Object id) {
    this.provider = id.toString();
    return this;
  }

  PeerMessage location(Object id) {
    this.location = id.toString();
    return this;
  }

  PeerMessage service(String code) {
    this.service = code;
    return this;
  }

  PeerMessage status(String code) {
    this.status = code;
    return this;
  }

  PeerMessage reason(String text) {
    this.reason = text;
    return this;
  }

  PeerMessage patient(String mrn, String family, String given, String birthDate) {
    this.pid =
        segment("PID", 1, "1", 3, mrn + "^^^PMS^MR", 5, family + "^" + given, 7, birthDate, 8, "F");
    return this;
  }

  String controlId() {
    return controlId;
  }

  String text() {
    List<String> segments = new ArrayList<>();
    segments.add(
        "MSH|^~\\&|"
            + sendingApplication
            + "|CLINIC|ACCUEIL|ACCUEIL|"
            + (sentAt == null ? "" : sentAt)
            + "||SIU^"
            + event
            + "^SIU_S12|"
            + controlId
            + "|P|2.5.1");
    segments.add(
        segment(
            "SCH",
            1,
            placer,
            2,
            filler == null ? "" : filler + "^PMS",
            6,
            reason.isEmpty() ? event : event + "^" + reason,
            9,
            Integer.toString(minutes),
            10,
            "min",
            25,
            status));
    if (start != null) {
      segments.add(segment("TQ1", 1, "1", 7, start, 8, end));
    }
    if (!pid.isEmpty()) {
      segments.add(pid);
    }
    segments.add("RGS|1");
    if (!service.isEmpty()) {
      segments.add(
          segment(
              "AIS", 1, "1", 3, service, 4, start == null ? "" : start, 7, "" + minutes, 8, "min"));
    }
    if (!location.isEmpty()) {
      segments.add(segment("AIL", 1, "1", 3, location));
    }
    if (!provider.isEmpty()) {
      segments.add(
          segment("AIP", 1, "1", 3, provider + "^Doe^John", 6, start == null ? "" : start));
    }
    return String.join("\r", segments) + "\r";
  }

  /** A segment from (field number, value) pairs. */
  private static String segment(String name, Object... fields) {
    TreeMap<Integer, String> values = new TreeMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      values.put((Integer) fields[i], (String) fields[i + 1]);
    }
    StringBuilder s = new StringBuilder(name);
    int last = values.isEmpty() ? 0 : values.lastKey();
    for (int n = 1; n <= last; n++) {
      s.append('|').append(values.getOrDefault(n, ""));
    }
    return s.toString();
  }
}
