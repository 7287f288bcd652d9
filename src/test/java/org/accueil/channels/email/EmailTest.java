package org.accueil.channels.email;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.accueil.testing.AccueilTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link AccueilTest} with the e-mail channel pointed at {@link MailServer}. The e-mail tests share
 * this context. db-scheduler is off so that no pass over the mailbox runs but the tests' own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AccueilTest
@Import(MailServer.Settings.class)
@TestPropertySource(
    properties = {
      "db-scheduler.enabled=false",
      "accueil.channels.email.mailgun.signing-key=" + EmailTest.MAILGUN_KEY
    })
@interface EmailTest {

  String MAILGUN_KEY = "mailgun-signing-key-for-the-tests";
}
