package org.accueil.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, on a PostgreSQL database of its own, with a clock the
 * test controls and the {@link Api} client. Test classes with this annotation share one context
 * (and database); each creates the data it needs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "accueil.bootstrap.admin-api-key=" + Api.ADMIN_KEY,
      "accueil.demo.enabled=false",
      // Every test calls from 127.0.0.1 with one admin key: per-address limits would make tests
      // depend on each other. RateLimitTests turn them on in a context of their own.
      "accueil.rate-limit.enabled=false",
      // The test JVM keeps a context per test configuration alive at once (a dozen, each channel
      // with its provider's stand-in), all on one PostgreSQL of 200 connections: 10 each leaves
      // room for second nodes. Production keeps its 20.
      "accueil.db.max-pool-size=10",
      // The channels' and conversations' tests look at what staff see, without the assistant's
      // answers in between; the assistant's own tests (@AssistantTest) turn it on.
      "accueil.assistant.answers=${accueil.test.assistant-answers:false}",
      // Confirmations and reminders likewise: on in the assistant's contexts (@AssistantTest),
      // where
      // the notifications' own tests run; elsewhere a booking would add messages to timelines that
      // other tests count.
      "accueil.notifications.enabled=${accueil.test.notifications:false}",
      "accueil.notifications.public-base-url=https://accueil.test",
      "accueil.notifications.results-portal-url=https://portal.test",
      "spring.main.allow-bean-definition-overriding=true",
      // Webhook tests receive on a server of their own on 127.0.0.1 (never allowed in production).
      "accueil.webhooks.allow-localhost=true",
      // HL7 v2 both ways: the listener on a free port of 127.0.0.1, and every booking sent as SIU
      // to the test JVM's peer (hl7v2.TestPeer, host and port set by TestConfiguration), so the
      // HL7 tests need no context of their own. Retries come within seconds of a due time.
      "accueil.integration.hl7v2.inbound.port=0",
      "accueil.integration.hl7v2.inbound.bind-address=127.0.0.1",
      "accueil.integration.hl7v2.inbound.poll-interval=200ms",
      "accueil.integration.hl7v2.outbound.receiving-application=PMS",
      "accueil.integration.hl7v2.outbound.receiving-facility=CLINIC",
      "accueil.integration.hl7v2.outbound.ack-timeout=3s",
      "accueil.integration.hl7v2.outbound.backoff=200ms,500ms,1s,2s,5s,10s,30s"
    })
@ContextConfiguration(initializers = TestDatabase.class)
@Import(TestConfiguration.class)
public @interface AccueilTest {}
