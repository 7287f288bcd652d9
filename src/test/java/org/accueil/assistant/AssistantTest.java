package org.accueil.assistant;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.channels.whatsapp.WhatsAppTest;
import org.accueil.testing.AccueilTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link AccueilTest} with the assistant answering (the other tests leave every message to staff),
 * WhatsApp and Twilio configured against their recorders. The assistant's tests share this context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AccueilTest
@Import({WhatsAppTest.Meta.class, TwilioTestConfiguration.class})
@TestPropertySource(
    properties = {"accueil.test.assistant-answers=true", "accueil.test.notifications=true"})
public @interface AssistantTest {}
