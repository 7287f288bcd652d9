package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.XCN;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.model.v251.segment.AIL;
import ca.uhn.hl7v2.model.v251.segment.AIP;
import ca.uhn.hl7v2.model.v251.segment.AIS;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.SCH;
import ca.uhn.hl7v2.model.v251.segment.TQ1;
import ca.uhn.hl7v2.parser.Parser;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientIdentifier;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentStatus;
import org.jspecify.annotations.Nullable;

/**
 * Builds the SIU message for an outbox row: v2.5.1 SIU_S12 (every SIU event shares it), MSH, SCH,
 * TQ1, PID, and one RESOURCES group with AIS (the appointment type), AIL (the location) and AIP
 * (the provider). See the segment map in docs/INTEGRATION.md.
 */
final class SiuWriter {

  /** The practice's configuration as the message names it. */
  record Practice(
      @Nullable AppointmentType type,
      @Nullable Provider provider,
      @Nullable Location location,
      Hl7Mappings mappings) {}

  private final Hl7v2Properties properties;

  SiuWriter(Hl7v2Properties properties) {
    this.properties = properties;
  }

  /**
   * @param controlId MSH-10, the same for every attempt of one outbox row
   * @param fillerId SCH-2, the peer's id of the appointment once it named it
   * @param patient null when the record is gone (erased): PID then carries our id only
   */
  SIU_S12 write(
      Parser parser,
      SiuPayload payload,
      String controlId,
      @Nullable String fillerId,
      @Nullable Patient patient,
      List<PatientIdentifier> identifiers,
      Practice practice,
      Instant now)
      throws HL7Exception, IOException {
    ZoneId zone = ZoneId.of(payload.zone());
    SIU_S12 siu = new SIU_S12();
    siu.setParser(parser);
    siu.initQuickstart("SIU", payload.event(), properties.outbound().processingId());

    MSH msh = siu.getMSH();
    msh.getSendingApplication().getNamespaceID().setValue(properties.sendingApplication());
    msh.getSendingFacility().getNamespaceID().setValue(properties.sendingFacility());
    msh.getReceivingApplication()
        .getNamespaceID()
        .setValue(properties.outbound().receivingApplication());
    msh.getReceivingFacility().getNamespaceID().setValue(properties.outbound().receivingFacility());
    msh.getDateTimeOfMessage().getTime().setValue(Hl7Times.format(now, zone));
    msh.getMessageType().getMessageStructure().setValue("SIU_S12");
    msh.getMessageControlID().setValue(controlId);

    String duration = Long.toString(Duration.between(payload.start(), payload.end()).toMinutes());
    String start = Hl7Times.format(payload.start(), zone);
    String end = Hl7Times.format(payload.end(), zone);
    String typeId = practice.mappings().remoteId(AppointmentTypeId.of(payload.type()));
    String typeName = practice.type() == null ? null : practice.type().name().en();

    SCH sch = siu.getSCH();
    sch.getPlacerAppointmentID().getEntityIdentifier().setValue(payload.appointment().toString());
    sch.getPlacerAppointmentID().getNamespaceID().setValue(properties.sendingApplication());
    if (fillerId != null) {
      sch.getFillerAppointmentID().getEntityIdentifier().setValue(fillerId);
    }
    sch.getEventReason().getIdentifier().setValue(payload.event());
    sch.getEventReason().getText().setValue(eventName(payload.event()));
    sch.getAppointmentReason().getIdentifier().setValue(typeId);
    sch.getAppointmentReason().getText().setValue(typeName);
    // Table 0277.
    sch.getAppointmentType().getIdentifier().setValue("Normal");
    sch.getAppointmentDuration().setValue(duration);
    sch.getAppointmentDurationUnits().getIdentifier().setValue("min");
    // SCH-11 is deprecated in v2.5 (TQ1 replaces it), but many receivers still read only it.
    sch.getAppointmentTimingQuantity(0).getDuration().setValue("M" + duration);
    sch.getAppointmentTimingQuantity(0).getStartDateTime().getTime().setValue(start);
    sch.getAppointmentTimingQuantity(0).getEndDateTime().getTime().setValue(end);
    sch.getFillerStatusCode().getIdentifier().setValue(fillerStatus(payload));

    TQ1 tq1 = siu.getTQ1();
    tq1.getSetIDTQ1().setValue("1");
    tq1.getStartDateTime().getTime().setValue(start);
    tq1.getEndDateTime().getTime().setValue(end);

    pid(siu.getPATIENT().getPID(), payload.patient(), patient, identifiers);

    var resources = siu.getRESOURCES();
    resources.getRGS().getSetIDRGS().setValue("1");

    AIS ais = resources.getSERVICE().getAIS();
    ais.getSetIDAIS().setValue("1");
    ais.getUniversalServiceIdentifier().getIdentifier().setValue(typeId);
    ais.getUniversalServiceIdentifier().getText().setValue(typeName);
    ais.getStartDateTime().getTime().setValue(start);
    ais.getDuration().setValue(duration);
    ais.getDurationUnits().getIdentifier().setValue("min");

    AIL ail = resources.getLOCATION_RESOURCE().getAIL();
    ail.getSetIDAIL().setValue("1");
    ail.getLocationResourceID(0)
        .getPointOfCare()
        .setValue(practice.mappings().remoteId(LocationId.of(payload.location())));
    if (practice.location() != null) {
      ail.getLocationResourceID(0).getLocationDescription().setValue(practice.location().name());
    }
    ail.getStartDateTime().getTime().setValue(start);

    AIP aip = resources.getPERSONNEL_RESOURCE().getAIP();
    aip.getSetIDAIP().setValue("1");
    XCN person = aip.getPersonnelResourceID(0);
    person.getIDNumber().setValue(practice.mappings().remoteId(ProviderId.of(payload.provider())));
    if (practice.provider() != null) {
      person.getFamilyName().getSurname().setValue(practice.provider().familyName());
      person.getGivenName().setValue(practice.provider().givenName());
    }
    aip.getStartDateTime().getTime().setValue(start);
    aip.getDuration().setValue(duration);
    aip.getDurationUnits().getIdentifier().setValue("min");
    return siu;
  }

  /**
   * PID as every message we send writes it: our id first (PI, our sending application as the
   * authority), then the identifiers the registry holds; name, birth date, sex and phone unless the
   * record is gone.
   */
  void pid(
      PID pid, java.util.UUID ourId, @Nullable Patient patient, List<PatientIdentifier> identifiers)
      throws HL7Exception {
    pid.getSetIDPID().setValue("1");
    CX ours = pid.getPatientIdentifierList(0);
    ours.getIDNumber().setValue(ourId.toString());
    ours.getAssigningAuthority().getNamespaceID().setValue(properties.sendingApplication());
    ours.getIdentifierTypeCode().setValue("PI");
    int rep = 1;
    for (PatientIdentifier identifier : identifiers) {
      CX cx = pid.getPatientIdentifierList(rep++);
      cx.getIDNumber().setValue(identifier.value());
      cx.getAssigningAuthority().getNamespaceID().setValue(authority(identifier.system()));
      cx.getIdentifierTypeCode().setValue(identifierType(identifier.system()));
    }
    if (patient != null) {
      pid.getPatientName(0).getFamilyName().getSurname().setValue(patient.familyName());
      pid.getPatientName(0).getGivenName().setValue(patient.givenName());
      if (patient.birthDate() != null) {
        pid.getDateTimeOfBirth()
            .getTime()
            .setValue(patient.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE));
      }
      if (patient.sex() != null) {
        pid.getAdministrativeSex().setValue(sex(patient.sex()));
      }
      if (patient.phone() != null) {
        pid.getPhoneNumberHome(0).getTelephoneNumber().setValue(patient.phone());
        pid.getPhoneNumberHome(0).getTelecommunicationUseCode().setValue("PRN");
        pid.getPhoneNumberHome(0).getTelecommunicationEquipmentType().setValue("PH");
        pid.getPhoneNumberHome(0).getUnformattedTelephoneNumber().setValue(patient.phone());
      }
    }
  }

  /** Table 0278. */
  private static String fillerStatus(SiuPayload payload) {
    return switch (payload.event()) {
      case "S15" -> "Cancelled";
      case "S17" -> "Deleted";
      case "S26" -> "Noshow";
      default ->
          switch (AppointmentStatus.ofCode(payload.status())) {
            case PENDING, PROPOSED -> "Pending";
            case ARRIVED, CHECKED_IN -> "Started";
            case FULFILLED -> "Complete";
            case CANCELLED -> "Cancelled";
            case NOSHOW -> "Noshow";
            case ENTERED_IN_ERROR -> "Deleted";
            case BOOKED -> "Booked";
          };
    };
  }

  private static String eventName(String event) {
    return switch (event) {
      case "S12" -> "New appointment";
      case "S13" -> "Rescheduled";
      case "S14" -> "Modified";
      case "S15" -> "Cancelled";
      case "S17" -> "Deleted";
      case "S26" -> "No-show";
      default -> event;
    };
  }

  /** The PID-3 assigning authority of an identifier system: the inbound mapping, read backwards. */
  private String authority(String system) {
    return properties.inbound().identifierSystems().entrySet().stream()
        .filter(e -> e.getValue().equals(system))
        .map(java.util.Map.Entry::getKey)
        .findFirst()
        .orElse(
            system.equals(properties.inbound().identifierSystem())
                ? system.toUpperCase(java.util.Locale.ROOT)
                : system);
  }

  /** Table 0203. */
  private static String identifierType(String system) {
    return switch (system) {
      case "mrn" -> "MR";
      case "ins", "codice-fiscale" -> "NI";
      default -> "PT";
    };
  }

  /** Table 0001. */
  private static String sex(org.accueil.patients.Sex sex) {
    return switch (sex) {
      case FEMALE -> "F";
      case MALE -> "M";
      case OTHER -> "O";
      case UNKNOWN -> "U";
    };
  }
}
