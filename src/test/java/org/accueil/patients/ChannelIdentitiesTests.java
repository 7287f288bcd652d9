package org.accueil.patients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.accueil.patients.ChannelIdentities.Identification;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who writes from an address, as the channels ask it: a known number is its patient's, a family's
 * shared number asks who is writing, an unknown one gets a provisional record so that no message is
 * ever without its patient.
 */
@AccueilTest
class ChannelIdentitiesTests {

  @Autowired Patients patients;
  @Autowired ChannelIdentities identities;
  @Autowired PlatformTransactionManager transactions;

  final String family = "Ricci" + Tags.letters();
  final String number = "+3934" + digits(8);

  @Test
  void aNumberOnAPatientsRecordIsTheirsTheFirstTimeTheyWrite() {
    Patient chiara = register("Chiara", "1992-02-02", number);

    var first = identities.identify(Channel.WHATSAPP, number, null);
    var again = identities.identify(Channel.WHATSAPP, number, null);

    assertThat(first)
        .isInstanceOfSatisfying(
            Identification.Known.class,
            known -> {
              assertThat(known.patient().id()).isEqualTo(chiara.id());
              assertThat(known.identity().verification()).isEqualTo(Verification.UNVERIFIED);
            });
    assertThat(again)
        .isInstanceOfSatisfying(
            Identification.Known.class,
            known ->
                assertThat(known.identity().id())
                    .isEqualTo(((Identification.Known) first).identity().id()));
  }

  @Test
  void aFamilysSharedNumberAsksWhoIsWritingThenFindsThemByTheirAnswer() {
    Patient mother = register("Paola", "1980-07-19", number);
    Patient son = register("Matteo", "2012-05-03", number);

    var unknown = identities.identify(Channel.SMS, number, null);
    var answered =
        identities.identify(
            Channel.SMS,
            number,
            new MatchQuery(
                "Matteo", family, LocalDate.parse("2012-05-03"), null, null, null, null, null));

    assertThat(unknown)
        .isInstanceOfSatisfying(
            Identification.AskWhoTheyAre.class,
            ask -> assertThat(ask.candidates()).containsExactlyInAnyOrder(mother.id(), son.id()));
    assertThat(answered)
        .isInstanceOfSatisfying(
            Identification.Known.class,
            known -> assertThat(known.patient().id()).isEqualTo(son.id()));
    assertThat(identities.question(Locale.ITALIAN)).contains("data di nascita");
    assertThat(identities.question(Locale.FRENCH)).contains("date de naissance");
  }

  @Test
  void anUnknownNumberGetsAProvisionalRecordThatKeepsTheConversation() {
    var first = identities.identify(Channel.WHATSAPP, number, null);
    var again = identities.identify(Channel.WHATSAPP, number, null);

    assertThat(first)
        .isInstanceOfSatisfying(
            Identification.NewPatient.class,
            created -> {
              assertThat(created.patient().status()).isEqualTo(PatientStatus.PROVISIONAL);
              assertThat(created.patient().givenName()).isNull();
              assertThat(created.patient().phone()).isEqualTo(number);
            });
    assertThat(again)
        .isInstanceOfSatisfying(
            Identification.Known.class,
            known ->
                assertThat(known.patient().id())
                    .isEqualTo(((Identification.NewPatient) first).patient().id()));
  }

  @Test
  void aSenderWhoGivesTheirDetailsIsLinkedToTheirRecordWhenTheyMatch() {
    String email = family.toLowerCase(Locale.ROOT) + "@example.org";
    Patient anna =
        patients.register(
            new PatientDetails("Anna", family, LocalDate.parse("1977-09-09"), null, email));

    var identified =
        identities.identify(
            Channel.EMAIL,
            email.toUpperCase(Locale.ROOT),
            new MatchQuery(
                "Anna", family, LocalDate.parse("1977-09-09"), null, null, null, null, null));

    assertThat(identified)
        .isInstanceOfSatisfying(
            Identification.Known.class,
            known -> assertThat(known.patient().id()).isEqualTo(anna.id()));
  }

  @Test
  void theBirthDateVerifiesAnIdentityAndAWrongOneDoesNot() {
    Patient chiara = register("Chiara", "1992-02-02", number);
    var known = (Identification.Known) identities.identify(Channel.WHATSAPP, number, null);

    boolean wrong =
        identities.verifyByBirthDate(
            known.identity().id(), "Chiara", LocalDate.parse("1992-02-20"));
    boolean right =
        identities.verifyByBirthDate(
            known.identity().id(), "chiara", LocalDate.parse("1992-02-02"));

    assertThat(wrong).isFalse();
    assertThat(right).isTrue();
    var record = patients.record(patients.find(chiara.id()).orElseThrow());
    assertThat(record.channelIdentities())
        .singleElement()
        .satisfies(i -> assertThat(i.verification()).isEqualTo(Verification.BIRTH_DATE));
  }

  @Test
  void twoMessagesFromOneNumberHandledAtOnceLinkItOnce() throws Exception {
    Patient chiara = register("Chiara", "1992-02-02", number);
    var tx = new TransactionTemplate(transactions);
    CountDownLatch firstLinked = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      // The spoken turn of a call and its status callback, from a number known on WhatsApp only.
      Future<Identification> first =
          pool.submit(
              () ->
                  tx.execute(
                      status -> {
                        var known = identities.identify(Channel.PHONE, number, null);
                        firstLinked.countDown();
                        await(secondStarted);
                        pause();
                        return known;
                      }));
      await(firstLinked);
      Future<Identification> second =
          pool.submit(
              () -> {
                secondStarted.countDown();
                // Waits on the first link's row, then finds it there.
                return tx.execute(status -> identities.identify(Channel.PHONE, number, null));
              });

      var one = (Identification.Known) first.get(10, TimeUnit.SECONDS);
      var two = (Identification.Known) second.get(10, TimeUnit.SECONDS);
      assertThat(two.patient().id()).isEqualTo(chiara.id());
      assertThat(two.identity().id()).isEqualTo(one.identity().id());
    }
    assertThat(patients.record(patients.find(chiara.id()).orElseThrow()).channelIdentities())
        .filteredOn(i -> i.channel() == Channel.PHONE)
        .hasSize(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(400);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private Patient register(String given, String birth, String phone) {
    return patients.register(
        new PatientDetails(given, family, LocalDate.parse(birth), phone, null));
  }

  private static String digits(int n) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < n; i++) {
      digits.append(ThreadLocalRandom.current().nextInt(10));
    }
    return digits.toString();
  }
}
