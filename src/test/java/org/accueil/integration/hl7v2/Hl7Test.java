package org.accueil.integration.hl7v2;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.accueil.testing.AccueilTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link AccueilTest} with the HL7 v2 listener on a free port of 127.0.0.1 and the outbound side
 * pointed at {@link TestPeer}, a HAPI MLLP server. The outbox is {@link RecordingOutbox} until the
 * integration module's own is in: the tests deliver its rows through {@link Hl7v2Destination}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AccueilTest
@Import({TestPeer.Settings.class, RecordingOutbox.class})
@TestPropertySource(
    properties = {
      "accueil.integration.hl7v2.inbound.port=0",
      "accueil.integration.hl7v2.inbound.bind-address=127.0.0.1",
      "accueil.integration.hl7v2.inbound.poll-interval=200ms",
      "accueil.integration.hl7v2.outbound.receiving-application=PMS",
      "accueil.integration.hl7v2.outbound.receiving-facility=CLINIC",
      "accueil.integration.hl7v2.outbound.ack-timeout=3s"
    })
@interface Hl7Test {}
