package org.accueil.privacy;

import static org.accueil.privacy.ConsentChannel.ANY;
import static org.accueil.privacy.ConsentChannel.EMAIL;
import static org.accueil.privacy.ConsentChannel.PHONE;
import static org.accueil.privacy.ConsentChannel.SMS;
import static org.accueil.privacy.ConsentChannel.WEBCHAT;
import static org.accueil.privacy.ConsentChannel.WHATSAPP;
import static org.accueil.privacy.ConsentPurpose.APPOINTMENT_MESSAGES;
import static org.accueil.privacy.ConsentPurpose.MARKETING;
import static org.accueil.privacy.ConsentPurpose.SURVEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.accueil.platform.AuditRecord;
import org.accueil.practice.PracticeAdministration;
import org.accueil.privacy.PrivacyFixture.Person;
import org.accueil.scheduling.Appointments;
import org.accueil.testing.Api;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consent rules: defaults by purpose, opt-in and opt-out, the latest decision wins, {@code any}
 * covers every channel, and an opt-out holds the moment it returns.
 */
@PrivacyTest
@RecordApplicationEvents
class ConsentTests {

  @Autowired Consents consents;
  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ApplicationEvents events;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired TestClock clock;

  PrivacyFixture fixture;
  Person patient;

  @BeforeEach
  void aPatientOfOurOwn() {
    fixture = PrivacyFixture.create(admin, api, appointments, clock);
    patient = fixture.patient("Lucie", "Consent");
  }

  @Test
  void withNothingRecordedAppointmentMessagesAreAllowedAndMarketingAndSurveysAreNot() {
    for (ConsentChannel channel : ConsentChannel.CONCRETE) {
      assertThat(consents.permits(patient.id(), channel, APPOINTMENT_MESSAGES)).isTrue();
      assertThat(consents.permits(patient.id(), channel, MARKETING)).isFalse();
      assertThat(consents.permits(patient.id(), channel, SURVEYS)).isFalse();
    }
    assertThat(consents.current(patient.id())).hasSize(15).allMatch(ConsentDecision::byDefault);
  }

  @Test
  void anOptInAllowsThatPurposeOnThatChannelOnly() {
    grant(EMAIL, MARKETING);

    assertThat(consents.permits(patient.id(), EMAIL, MARKETING)).isTrue();
    assertThat(consents.permits(patient.id(), SMS, MARKETING)).isFalse();
    assertThat(consents.permits(patient.id(), EMAIL, SURVEYS)).isFalse();
  }

  @Test
  void theLatestDecisionWins() {
    grant(SMS, SURVEYS);
    consents.optOut(patient.id(), SMS, SURVEYS, ConsentSource.SMS_KEYWORD);
    assertThat(consents.permits(patient.id(), SMS, SURVEYS)).isFalse();

    grant(SMS, SURVEYS);
    assertThat(consents.permits(patient.id(), SMS, SURVEYS)).isTrue();
    assertThat(consents.history(patient.id()))
        .extracting(ConsentRecord::granted)
        .containsExactly(true, false, true);
  }

  @Test
  void anAnyChannelDecisionAppliesToEveryChannelUntilALaterOneForOneChannel() {
    grant(ANY, MARKETING);
    assertThat(ConsentChannel.CONCRETE)
        .allMatch(channel -> consents.permits(patient.id(), channel, MARKETING));

    consents.optOut(patient.id(), WHATSAPP, MARKETING, ConsentSource.WHATSAPP);

    assertThat(consents.permits(patient.id(), WHATSAPP, MARKETING)).isFalse();
    assertThat(List.of(SMS, EMAIL, PHONE, WEBCHAT))
        .allMatch(channel -> consents.permits(patient.id(), channel, MARKETING));
  }

  @Test
  void aLaterAnyChannelDecisionOverridesEarlierChannelDecisions() {
    grant(SMS, MARKETING);
    grant(EMAIL, MARKETING);

    ConsentRecord withdrawal = consents.optOut(patient.id(), ANY, MARKETING, ConsentSource.STAFF);

    assertThat(ConsentChannel.CONCRETE)
        .noneMatch(channel -> consents.permits(patient.id(), channel, MARKETING));
    assertThat(consents.current(patient.id()))
        .filteredOn(d -> d.purpose() == MARKETING)
        .hasSize(5)
        .allSatisfy(d -> assertThat(d.decidedBy()).isEqualTo(withdrawal));
  }

  @Test
  void appointmentMessagesStopWhenThePatientOptsOutOfThem() {
    consents.optOut(patient.id(), SMS, APPOINTMENT_MESSAGES, ConsentSource.SMS_KEYWORD);

    assertThat(consents.permits(patient.id(), SMS, APPOINTMENT_MESSAGES)).isFalse();
    assertThat(consents.permits(patient.id(), EMAIL, APPOINTMENT_MESSAGES)).isTrue();
  }

  @Test
  void anOptOutIsHonouredByAnotherTransactionAsSoonAsTheCallReturns() throws Exception {
    grant(SMS, MARKETING);
    assertThat(consents.permits(patient.id(), SMS, MARKETING)).isTrue();

    var optedOut =
        api.post(
            patient.path() + "/consents",
            Map.of(
                "channel",
                "sms",
                "purpose",
                "marketing",
                "granted",
                false,
                "source",
                "sms-keyword"));
    assertThat(optedOut.status()).as(optedOut.toString()).isEqualTo(201);

    // Another thread, its own transaction: what a sender on any node would do next.
    var template = new TransactionTemplate(transactions);
    template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    boolean permitted =
        CompletableFuture.supplyAsync(
                () -> template.execute(status -> consents.permits(patient.id(), SMS, MARKETING)))
            .get();
    assertThat(permitted).isFalse();
  }

  @Test
  void recordingAConsentIsAudited() {
    ConsentRecord record = grant(EMAIL, SURVEYS);

    assertThat(events.stream(AuditRecord.class))
        .filteredOn(audit -> audit.action().equals("consent.record"))
        .singleElement()
        .satisfies(
            audit -> {
              assertThat(audit.entityType()).isEqualTo("consent");
              assertThat(audit.entityId()).isEqualTo(record.id().toString());
              assertThat(audit.refs())
                  .containsEntry("patient", patient.id().toString())
                  .containsEntry("channel", "email")
                  .containsEntry("purpose", "surveys")
                  .containsEntry("granted", "true");
            });
  }

  @Test
  void aRecordKeepsWhoRecordedItAndTheExactWordingShown() {
    ConsentRecord record = grant(EMAIL, MARKETING);

    assertThat(record.recordedBy()).isEqualTo("system:accueil");
    assertThat(record.wording().text()).isEqualTo("J'accepte de recevoir la lettre du cabinet.");
    assertThat(record.wording().language()).isEqualTo("fr");
    // printf "%s" "J'accepte de recevoir la lettre du cabinet." | sha256sum
    assertThat(record.wording().sha256())
        .isEqualTo("3c2a2b16c13709a8ab9caa8aca6e9fbd436ad8100ed2920c78737e7b19f251b6");
    assertThat(consents.history(patient.id())).containsExactly(record);
  }

  @Test
  void theDatabaseRefusesToChangeOrDeleteAConsentRecord() {
    ConsentRecord record = grant(SMS, MARKETING);

    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE consent_record SET granted = false WHERE id = :id")
                    .param("id", record.id())
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () ->
                jdbc.sql("DELETE FROM consent_record WHERE id = :id")
                    .param("id", record.id())
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThat(consents.permits(patient.id(), SMS, MARKETING)).isTrue();
  }

  @Test
  void askingWhetherAnyChannelIsPermittedIsAProgrammingError() {
    assertThatThrownBy(() -> consents.permits(patient.id(), ANY, MARKETING))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private ConsentRecord grant(ConsentChannel channel, ConsentPurpose purpose) {
    return consents.record(
        new RecordConsent(
            patient.id(),
            channel,
            purpose,
            true,
            ConsentSource.WEB_FORM,
            ConsentWording.of("J'accepte de recevoir la lettre du cabinet.", "fr")));
  }
}
