package org.accueil.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.accueil.testing.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The widget's script, and who may call the web chat from a page of the practice's site. */
@WebChatTest
class WebChatWidgetTests {

  @Autowired Api api;

  @Test
  void theWidgetIsSmallJavaScriptThatCallsNoOneButAccueil() {
    var widget = api.anonymous().get("/channels/webchat/widget.js");

    assertThat(widget.status()).isEqualTo(200);
    assertThat(widget.header("Content-Type")).contains("javascript");
    assertThat(widget.text().getBytes(StandardCharsets.UTF_8).length).isLessThan(15 * 1024);
    String code = widget.text().replaceAll("(?s)/\\*.*?\\*/", "");
    assertThat(code).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
    assertThat(code).contains("accueil.visitor", "EventSource", "aria-live", "attachShadow");
  }

  @Test
  void thePracticesSiteMayCallTheWebChat() {
    var preflight =
        api.anonymous()
            .with("Origin", WebChatTest.SITE)
            .with("Access-Control-Request-Method", "POST")
            .with("Access-Control-Request-Headers", "content-type,x-visitor-token")
            .request("OPTIONS", "/channels/webchat/messages", null);

    assertThat(preflight.status()).isEqualTo(200);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(WebChatTest.SITE);
    assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
        .contains("x-visitor-token");
    assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();

    var session =
        api.anonymous().with("Origin", WebChatTest.SITE).post("/channels/webchat/sessions", "{}");
    assertThat(session.header("Access-Control-Allow-Origin")).isEqualTo(WebChatTest.SITE);
  }

  @Test
  void anotherSiteMayNot() {
    var preflight =
        api.anonymous()
            .with("Origin", "https://evil.test")
            .with("Access-Control-Request-Method", "POST")
            .request("OPTIONS", "/channels/webchat/messages", null);
    var session =
        api.anonymous()
            .with("Origin", "https://evil.test")
            .post("/channels/webchat/sessions", "{}");

    assertThat(preflight.status()).isEqualTo(403);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(session.status()).isEqualTo(403);
  }
}
