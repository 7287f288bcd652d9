package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.NM;
import ca.uhn.hl7v2.model.v251.datatype.PL;
import ca.uhn.hl7v2.model.v251.datatype.TS;
import ca.uhn.hl7v2.model.v251.datatype.XCN;
import ca.uhn.hl7v2.model.v251.datatype.XPN;
import ca.uhn.hl7v2.model.v251.datatype.XTN;
import ca.uhn.hl7v2.model.v251.group.SIU_S12_LOCATION_RESOURCE;
import ca.uhn.hl7v2.model.v251.group.SIU_S12_PERSONNEL_RESOURCE;
import ca.uhn.hl7v2.model.v251.group.SIU_S12_RESOURCES;
import ca.uhn.hl7v2.model.v251.group.SIU_S12_SERVICE;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.SCH;
import ca.uhn.hl7v2.model.v251.segment.TQ1;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the facts Accueil needs from a parsed SIU message, or says why it cannot, with the HL7
 * acknowledgement code and error (table 0357) the sender gets: a message Accueil will never be able
 * to apply is refused when it arrives, not discovered later.
 */
final class SiuReader {

  /** Why a message is refused: AR for what we do not take (its type, its event), AE for content. */
  record Refusal(AcknowledgmentCode code, ErrorCode error, String text) {

    static Refusal content(ErrorCode error, String text) {
      return new Refusal(AcknowledgmentCode.AE, error, text);
    }
  }

  sealed interface Reading {}

  record Read(Siu siu) implements Reading {}

  record Refused(Refusal refusal) implements Reading {}

  private SiuReader() {}

  static Reading read(Message message, Header header) {
    if (!"SIU".equals(header.messageCode()) || !(message instanceof SIU_S12 siu)) {
      return refused(
          new Refusal(
              AcknowledgmentCode.AR,
              ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
              "Accueil takes SIU messages only (S12-S17, S23, S24, S26), not "
                  + header.messageType()
                  + "."));
    }
    String event = header.event() == null ? "" : header.event().toUpperCase(Locale.ROOT);
    if (!Siu.SUPPORTED.contains(event)) {
      return refused(
          new Refusal(
              AcknowledgmentCode.AR,
              ErrorCode.UNSUPPORTED_EVENT_CODE,
              "Accueil acts on SIU S12-S17, S23, S24 and S26, not " + event + "."));
    }
    try {
      return read(siu, event);
    } catch (HL7Exception e) {
      return refused(Refusal.content(ErrorCode.SEGMENT_SEQUENCE_ERROR, e.getMessage()));
    }
  }

  private static Reading read(SIU_S12 message, String event) throws HL7Exception {
    SCH sch = message.getSCH();
    String filler = text(sch.getFillerAppointmentID().getEntityIdentifier());
    if (filler == null) {
      return refused(
          Refusal.content(
              ErrorCode.REQUIRED_FIELD_MISSING,
              "SCH-2 (filler appointment id) is required: Accueil orders and links an"
                  + " appointment's messages by it."));
    }
    List<String> personnel = new ArrayList<>();
    List<String> locations = new ArrayList<>();
    List<String> services = new ArrayList<>();
    List<String> starts = new ArrayList<>();
    Duration duration = null;
    for (SIU_S12_RESOURCES resources : message.getRESOURCESAll()) {
      for (SIU_S12_SERVICE service : resources.getSERVICEAll()) {
        add(services, text(service.getAIS().getUniversalServiceIdentifier().getIdentifier()));
        add(starts, time(service.getAIS().getStartDateTime()));
        duration =
            first(
                duration,
                duration(service.getAIS().getDuration(), service.getAIS().getDurationUnits()));
      }
      for (SIU_S12_PERSONNEL_RESOURCE p : resources.getPERSONNEL_RESOURCEAll()) {
        for (XCN id : p.getAIP().getPersonnelResourceID()) {
          add(personnel, text(id.getIDNumber()));
        }
        add(starts, time(p.getAIP().getStartDateTime()));
        duration =
            first(duration, duration(p.getAIP().getDuration(), p.getAIP().getDurationUnits()));
      }
      for (SIU_S12_LOCATION_RESOURCE l : resources.getLOCATION_RESOURCEAll()) {
        for (PL id : l.getAIL().getLocationResourceID()) {
          add(locations, text(id.getPointOfCare()));
          add(locations, text(id.getFacility().getNamespaceID()));
        }
        add(starts, time(l.getAIL().getStartDateTime()));
        duration =
            first(duration, duration(l.getAIL().getDuration(), l.getAIL().getDurationUnits()));
      }
    }
    add(services, text(sch.getAppointmentType().getIdentifier()));
    add(services, text(sch.getAppointmentReason().getIdentifier()));
    duration =
        first(duration, duration(sch.getAppointmentDuration(), sch.getAppointmentDurationUnits()));

    String start = null;
    String end = null;
    for (TQ1 tq1 : message.getTQ1All()) {
      start = first(start, time(tq1.getStartDateTime()));
      end = first(end, time(tq1.getEndDateTime()));
    }
    if (start == null && !starts.isEmpty()) {
      start = starts.getFirst();
    }
    if (start == null && sch.getAppointmentTimingQuantity().length > 0) {
      start = first(start, time(sch.getAppointmentTimingQuantity(0).getStartDateTime()));
      end = first(end, time(sch.getAppointmentTimingQuantity(0).getEndDateTime()));
    }

    Siu.Pid pid = message.getPATIENTReps() == 0 ? null : pid(message.getPATIENT(0).getPID());
    Siu siu =
        new Siu(
            event,
            filler,
            text(sch.getPlacerAppointmentID().getEntityIdentifier()),
            text(sch.getPlacerAppointmentID().getNamespaceID()),
            start,
            end,
            duration,
            List.copyOf(personnel),
            List.copyOf(locations),
            List.copyOf(services),
            text(sch.getFillerStatusCode().getIdentifier()),
            reason(sch.getEventReason()),
            pid);
    Refusal missing = missing(siu);
    return missing == null ? new Read(siu) : refused(missing);
  }

  /** What the event cannot do without, checked before the ACK so that the sender hears of it. */
  private static @Nullable Refusal missing(Siu siu) {
    if (siu.describesTime()) {
      if (siu.start() == null) {
        return Refusal.content(
            ErrorCode.REQUIRED_FIELD_MISSING,
            "The start time is required for " + siu.event() + ": TQ1-7, or AIS-4.");
      }
      for (String time :
          siu.end() == null ? List.of(siu.start()) : List.of(siu.start(), siu.end())) {
        try {
          Hl7Times.instant(time, ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
          return Refusal.content(ErrorCode.DATA_TYPE_ERROR, e.getMessage() + ".");
        }
      }
    }
    if (siu.isBlock() && siu.personnel().isEmpty()) {
      return Refusal.content(
          ErrorCode.REQUIRED_FIELD_MISSING,
          "A blocked or opened time names its provider: AIP-3 is required for "
              + siu.event()
              + ".");
    }
    if (!siu.isBlock() && siu.event().matches("S1[234]")) {
      Siu.Pid pid = siu.patient();
      if (pid == null
          || (pid.identifiers().isEmpty()
              && (pid.familyName() == null
                  || pid.givenName() == null
                  || pid.birthDate() == null))) {
        return Refusal.content(
            ErrorCode.REQUIRED_FIELD_MISSING,
            "The patient is required for " + siu.event() + ": PID-3, or PID-5 and PID-7.");
      }
    }
    return null;
  }

  private static Siu.Pid pid(PID pid) throws HL7Exception {
    List<Siu.PatientIdentifier> identifiers = new ArrayList<>();
    for (CX cx : pid.getPatientIdentifierList()) {
      String value = text(cx.getIDNumber());
      if (value != null) {
        identifiers.add(
            new Siu.PatientIdentifier(
                value,
                text(cx.getAssigningAuthority().getNamespaceID()),
                text(cx.getIdentifierTypeCode())));
      }
    }
    String family = null;
    String given = null;
    if (pid.getPatientName().length > 0) {
      XPN name = pid.getPatientName(0);
      family = text(name.getFamilyName().getSurname());
      given = text(name.getGivenName());
    }
    String phone = null;
    for (XTN xtn : pid.getPhoneNumberHome()) {
      phone = first(phone, phone(xtn));
    }
    return new Siu.Pid(
        List.copyOf(identifiers),
        family,
        given,
        time(pid.getDateTimeOfBirth()),
        text(pid.getAdministrativeSex()),
        phone);
  }

  /** XTN-12 (unformatted) or XTN-1 (v2.3 style), else +country area local. */
  private static @Nullable String phone(XTN xtn) {
    String unformatted = text(xtn.getUnformattedTelephoneNumber());
    if (unformatted != null) {
      return unformatted;
    }
    String number = text(xtn.getTelephoneNumber());
    if (number != null) {
      return number;
    }
    String local = text(xtn.getLocalNumber());
    if (local == null) {
      return null;
    }
    String country = text(xtn.getCountryCode());
    String area = text(xtn.getAreaCityCode());
    return (country == null ? "" : "+" + country) + (area == null ? "" : area) + local;
  }

  private static @Nullable String reason(CE ce) {
    String text = text(ce.getText());
    return text != null ? text : text(ce.getIdentifier());
  }

  private static @Nullable Duration duration(NM amount, CE units) {
    String value = text(amount);
    if (value == null) {
      return null;
    }
    double n;
    try {
      n = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return null;
    }
    String unit = text(units.getIdentifier());
    // ISO+ / ANSI units (v2.5.1 figure 7-13); minutes when the sender names none.
    long seconds =
        switch (unit == null ? "min" : unit.toLowerCase(Locale.ROOT)) {
          case "s", "sec" -> Math.round(n);
          case "h", "hr" -> Math.round(n * 3600);
          case "d" -> Math.round(n * 86400);
          default -> Math.round(n * 60);
        };
    return seconds > 0 ? Duration.ofSeconds(seconds) : null;
  }

  private static @Nullable String time(TS ts) {
    return text(ts.getTime());
  }

  static @Nullable String text(Primitive primitive) {
    String value = primitive.getValue();
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static <T> @Nullable T first(@Nullable T current, @Nullable T next) {
    return current != null ? current : next;
  }

  private static void add(List<String> list, @Nullable String value) {
    if (value != null && !list.contains(value)) {
      list.add(value);
    }
  }

  private static Reading refused(Refusal refusal) {
    return new Refused(refusal);
  }
}
