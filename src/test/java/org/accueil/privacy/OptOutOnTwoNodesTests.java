package org.accueil.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.accueil.practice.PracticeAdministration;
import org.accueil.privacy.PrivacyFixture.Person;
import org.accueil.scheduling.Appointments;
import org.accueil.testing.Api;
import org.accueil.testing.SecondNode;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two Accueil nodes on one database, as behind a load balancer: a patient's opt-out taken by one
 * node is what the other answers from the moment the call returns, even right after it said yes.
 */
@PrivacyTest
class OptOutOnTwoNodesTests {

  static ConfigurableApplicationContext secondNode;

  @Autowired Api firstNode;
  @Autowired Consents consents;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired TestClock clock;

  @BeforeAll
  static void startTheSecondNode(@Autowired Environment firstNodeEnvironment) {
    // Command-line arguments, not default properties: application.yml's server.port (8080) would
    // win over those, and another process on this machine may hold 8080.
    secondNode = SecondNode.start(firstNodeEnvironment);
  }

  @AfterAll
  static void stopTheSecondNode() {
    if (secondNode != null) {
      secondNode.close();
    }
  }

  @Test
  void anOptOutTakenOnOneNodeIsHonouredByTheOtherAsSoonAsItReturns() {
    Person patient =
        PrivacyFixture.create(admin, firstNode, appointments, clock).patient("Ines", "TwoNodes");
    Consents onTheSecondNode = secondNode.getBean(Consents.class);
    var granted =
        firstNode.post(
            patient.path() + "/consents",
            Map.of(
                "channel", "whatsapp",
                "purpose", "marketing",
                "granted", true,
                "source", "whatsapp",
                "wording",
                    Map.of("text", "Recevoir nos actualités sur WhatsApp ?", "language", "fr")));
    assertThat(granted.status()).isEqualTo(201);
    assertThat(
            onTheSecondNode.permits(
                patient.id(), ConsentChannel.WHATSAPP, ConsentPurpose.MARKETING))
        .isTrue();

    var stop =
        firstNode.post(
            patient.path() + "/consents",
            Map.of(
                "channel",
                "whatsapp",
                "purpose",
                "marketing",
                "granted",
                false,
                "source",
                "whatsapp"));

    assertThat(stop.status()).isEqualTo(201);
    assertThat(
            onTheSecondNode.permits(
                patient.id(), ConsentChannel.WHATSAPP, ConsentPurpose.MARKETING))
        .isFalse();
  }

  @Test
  void aStopTextedToTheSecondNodeHoldsOnTheFirst() {
    Person patient =
        PrivacyFixture.create(admin, firstNode, appointments, clock).patient("Noe", "TwoNodes");
    assertThat(
            consents.permits(patient.id(), ConsentChannel.SMS, ConsentPurpose.APPOINTMENT_MESSAGES))
        .isTrue();

    secondNode
        .getBean(Consents.class)
        .optOut(
            patient.id(),
            ConsentChannel.SMS,
            ConsentPurpose.APPOINTMENT_MESSAGES,
            ConsentSource.SMS_KEYWORD);

    assertThat(
            consents.permits(patient.id(), ConsentChannel.SMS, ConsentPurpose.APPOINTMENT_MESSAGES))
        .isFalse();
  }
}
