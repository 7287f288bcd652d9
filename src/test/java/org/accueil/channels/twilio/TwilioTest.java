package org.accueil.channels.twilio;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.accueil.testing.AccueilTest;
import org.springframework.context.annotation.Import;

/**
 * {@link AccueilTest} with a Twilio account whose REST API is the {@link TwilioRecorder}, and the
 * {@link TwilioWebhookClient} that calls Accueil as Twilio does. The SMS and voice tests share this
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AccueilTest
@Import(TwilioTestConfiguration.class)
public @interface TwilioTest {}
