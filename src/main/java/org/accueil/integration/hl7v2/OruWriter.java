package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.DT;
import ca.uhn.hl7v2.model.v251.datatype.NM;
import ca.uhn.hl7v2.model.v251.datatype.ST;
import ca.uhn.hl7v2.model.v251.datatype.TX;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.parser.Parser;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientIdentifier;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.QuestionnaireDefinition;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;

/**
 * Builds the ORU^R01 (v2.5.1) that takes a completed form to an HL7 v2 peer with no FHIR write:
 * MSH, PID (as in SIU), one OBR naming the form (OBR-4 code^title, OBR-7 when it was answered) and
 * one OBX per answer: OBX-2 by the question's type (ST, TX, NM, DT, CE), OBX-3 linkId^question,
 * OBX-5 the answer as a person reads it, OBX-11 F. See docs/INTEGRATION.md.
 */
final class OruWriter {

  /** Table 0136 (yes/no), for boolean answers. */
  private static final String YES_NO = "HL70136";

  /** ST is 199 characters in v2.5.1: a longer answer goes as TX. */
  private static final int LONGEST_ST = 199;

  private final Hl7v2Properties properties;
  private final SiuWriter pid;

  OruWriter(Hl7v2Properties properties, SiuWriter pid) {
    this.properties = properties;
    this.pid = pid;
  }

  /**
   * @param controlId MSH-10, the same for every attempt of one outbox row
   * @param patient null when the record is gone: PID then carries our id only
   */
  ORU_R01 write(
      Parser parser,
      QuestionnaireAnswers answers,
      QuestionnaireDefinition definition,
      String controlId,
      @Nullable Patient patient,
      List<PatientIdentifier> identifiers,
      ZoneId zone,
      Instant now)
      throws HL7Exception, IOException {
    var fhir = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser();
    QuestionnaireResponse response = (QuestionnaireResponse) fhir.parseResource(answers.resource());
    Questionnaire questionnaire = (Questionnaire) fhir.parseResource(definition.resource());
    Map<String, QuestionnaireItemComponent> questions = new LinkedHashMap<>();
    flatten(questionnaire.getItem(), questions);

    ORU_R01 oru = new ORU_R01();
    oru.setParser(parser);
    oru.initQuickstart("ORU", "R01", properties.outbound().processingId());
    MSH msh = oru.getMSH();
    msh.getSendingApplication().getNamespaceID().setValue(properties.sendingApplication());
    msh.getSendingFacility().getNamespaceID().setValue(properties.sendingFacility());
    msh.getReceivingApplication()
        .getNamespaceID()
        .setValue(properties.outbound().receivingApplication());
    msh.getReceivingFacility().getNamespaceID().setValue(properties.outbound().receivingFacility());
    msh.getDateTimeOfMessage().getTime().setValue(Hl7Times.format(now, zone));
    msh.getMessageType().getMessageStructure().setValue("ORU_R01");
    msh.getMessageControlID().setValue(controlId);

    var result = oru.getPATIENT_RESULT();
    pid.pid(result.getPATIENT().getPID(), answers.patient().value(), patient, identifiers);

    String authored = Hl7Times.format(answers.authoredAt(), zone);
    ORU_R01_ORDER_OBSERVATION order = result.getORDER_OBSERVATION();
    OBR obr = order.getOBR();
    obr.getSetIDOBR().setValue("1");
    // The response's id: what a receiver keys the form on, the same on every delivery.
    obr.getPlacerOrderNumber().getEntityIdentifier().setValue(answers.id().toString());
    obr.getPlacerOrderNumber().getNamespaceID().setValue(properties.sendingApplication());
    obr.getUniversalServiceIdentifier().getIdentifier().setValue(definition.code());
    obr.getUniversalServiceIdentifier().getText().setValue(definition.title());
    obr.getUniversalServiceIdentifier()
        .getNameOfCodingSystem()
        .setValue(properties.sendingApplication());
    obr.getObservationDateTime().getTime().setValue(authored);
    obr.getResultsRptStatusChngDateTime().getTime().setValue(authored);
    obr.getResultStatus().setValue("F");

    int set = 0;
    for (Answer answer : answers(response.getItem())) {
      QuestionnaireItemComponent question = questions.get(answer.item().getLinkId());
      OBX obx = order.getOBSERVATION(set).getOBX();
      set++;
      obx.getSetIDOBX().setValue(Integer.toString(set));
      obx.getObservationIdentifier().getIdentifier().setValue(answer.item().getLinkId());
      obx.getObservationIdentifier().getText().setValue(questionText(answer.item(), question));
      if (answer.of() > 1) {
        obx.getObservationSubID().setValue(Integer.toString(answer.index()));
      }
      List<Type> values = value(oru, question, answer.value(), answers.language());
      obx.getValueType().setValue(values.getFirst().getName());
      for (int rep = 0; rep < values.size(); rep++) {
        obx.getObservationValue(rep).setData(values.get(rep));
      }
      obx.getObservationResultStatus().setValue("F");
      obx.getDateTimeOfTheObservation().getTime().setValue(authored);
    }
    return oru;
  }

  /** One answer of one item, the n-th ({@code index}) of {@code of}. */
  private record Answer(
      QuestionnaireResponseItemComponent item,
      org.hl7.fhir.r4.model.Type value,
      int index,
      int of) {}

  /** Every answer in the response's order, nested items (groups, items under answers) included. */
  private static List<Answer> answers(List<QuestionnaireResponseItemComponent> items) {
    List<Answer> out = new ArrayList<>();
    for (QuestionnaireResponseItemComponent item : items) {
      int n = 0;
      for (var answer : item.getAnswer()) {
        if (answer.hasValue()) {
          out.add(new Answer(item, answer.getValue(), ++n, item.getAnswer().size()));
        }
        out.addAll(answers(answer.getItem()));
      }
      out.addAll(answers(item.getItem()));
    }
    return out;
  }

  private static void flatten(
      List<QuestionnaireItemComponent> items, Map<String, QuestionnaireItemComponent> out) {
    for (QuestionnaireItemComponent item : items) {
      out.putIfAbsent(item.getLinkId(), item);
      flatten(item.getItem(), out);
    }
  }

  private static @Nullable String questionText(
      QuestionnaireResponseItemComponent item, @Nullable QuestionnaireItemComponent question) {
    if (item.hasText()) {
      return item.getText();
    }
    return question != null && question.hasText() ? question.getText() : null;
  }

  /**
   * OBX-5 and its type (OBX-2), as a person reads the answer: one value, or for a text of several
   * lines one TX repetition per line (TX's own way of breaking lines; a raw line break would end
   * the segment for many receivers).
   */
  private static List<Type> value(
      ORU_R01 message,
      @Nullable QuestionnaireItemComponent question,
      org.hl7.fhir.r4.model.Type value,
      String language)
      throws HL7Exception {
    QuestionnaireItemType type = question == null ? null : question.getType();
    if (value instanceof BooleanType b) {
      CE ce = new CE(message);
      boolean yes = b.booleanValue();
      ce.getIdentifier().setValue(yes ? "Y" : "N");
      ce.getText().setValue(yesNo(yes, language));
      ce.getNameOfCodingSystem().setValue(YES_NO);
      return List.of(ce);
    }
    if (value instanceof Coding coding) {
      CE ce = new CE(message);
      ce.getIdentifier().setValue(coding.getCode());
      ce.getText().setValue(coding.hasDisplay() ? coding.getDisplay() : coding.getCode());
      if (coding.hasSystem()) {
        ce.getNameOfCodingSystem().setValue(coding.getSystem());
      }
      return List.of(ce);
    }
    if (value instanceof IntegerType || value instanceof DecimalType) {
      NM nm = new NM(message);
      nm.setValue(value.primitiveValue());
      return List.of(nm);
    }
    if (value instanceof DateType date) {
      DT dt = new DT(message);
      dt.setValue(date.getValueAsString().replace("-", ""));
      return List.of(dt);
    }
    String text =
        value instanceof StringType s ? s.getValue() : String.valueOf(value.primitiveValue());
    if (type == QuestionnaireItemType.TEXT
        || text.length() > LONGEST_ST
        || text.lines().count() > 1) {
      List<Type> lines = new ArrayList<>();
      for (String line : text.split("\\R", -1)) {
        TX tx = new TX(message);
        tx.setValue(line);
        lines.add(tx);
      }
      return lines;
    }
    ST st = new ST(message);
    st.setValue(text);
    return List.of(st);
  }

  private static String yesNo(boolean yes, String language) {
    return switch (language) {
      case "fr" -> yes ? "Oui" : "Non";
      case "it" -> yes ? "Sì" : "No";
      default -> yes ? "Yes" : "No";
    };
  }
}
