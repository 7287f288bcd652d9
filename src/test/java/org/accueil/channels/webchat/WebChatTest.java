package org.accueil.channels.webchat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.accueil.testing.AccueilTest;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link AccueilTest} with the web chat's identity secret (the key of reference vector T13) and the
 * practice's site allowed to call it. The web chat tests share this context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AccueilTest
@TestPropertySource(
    properties = {
      "accueil.channels.webchat.identity-secret=" + WebChatTest.SECRET,
      "accueil.channels.webchat.allowed-origins=" + WebChatTest.SITE,
      "accueil.channels.webchat.heartbeat=1s"
    })
@interface WebChatTest {
  String SECRET = "webwidget-hmac-token";
  String SITE = "https://www.cabinet-martin.test";
}
