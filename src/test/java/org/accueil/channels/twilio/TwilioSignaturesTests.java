package org.accueil.channels.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The X-Twilio-Signature check against the vectors of Twilio's own SDKs (T1 to T9 of
 * shared/reference/channels.md, from twilio-java, twilio-php and twilio-csharp).
 */
class TwilioSignaturesTests {

  static final String TOKEN = "12345";
  static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  static final Map<String, List<String>> PARAMS =
      Map.of(
          "CallSid", List.of("CA1234567890ABCDE"),
          "Caller", List.of("+14158675309"),
          "Digits", List.of("1234"),
          "From", List.of("+14158675309"),
          "To", List.of("+18005551212"));
  static final String BODY = "{\"property\": \"value\", \"boolean\": true}";
  static final String BODY_SHA256 =
      "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

  @Test
  void signsTheUrlAndTheSortedParametersAsTwilioDoes() {
    assertThat(TwilioSignatures.sign(TOKEN, URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  }

  @Test
  void signsTheDefaultHttpsPortWhenTheUrlCarriesIt() {
    assertThat(
            TwilioSignatures.sign(TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS))
        .isEqualTo("kvajT1Ptam85bY51eRf/AJRuM3w=");
  }

  @Test
  void signsTheDefaultHttpPortWhenTheUrlCarriesIt() {
    assertThat(
            TwilioSignatures.sign(TOKEN, "http://mycompany.com:80/myapp.php?foo=1&bar=2", PARAMS))
        .isEqualTo("0ZXoZLH/DfblKGATFgpif+LLRf4=");
  }

  @Test
  void signsAnOtherPortAsWritten() {
    assertThat(
            TwilioSignatures.sign(TOKEN, "http://mycompany.com:1234/myapp.php?foo=1&bar=2", PARAMS))
        .isEqualTo("Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
  }

  @Test
  void keepsTheHostsCaseAsWritten() {
    assertThat(TwilioSignatures.sign(TOKEN, "https://MyCompany.com/myapp.php?foo=1&bar=2", PARAMS))
        .isEqualTo("g9IN/x4Cft2g517EjYvEvM/W7LU=");
  }

  @Test
  void signsCredentialsInTheUrlAsWrittenWithOrWithoutThePort() {
    String withCredentials = "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2";
    assertThat(TwilioSignatures.sign(TOKEN, withCredentials, PARAMS))
        .isEqualTo("CukzLTc1tT5dXEDIHm/tKBanW10=");
    assertThat(
            TwilioSignatures.sign(
                TOKEN, "https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS))
        .isEqualTo("ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=");
    assertThat(
            TwilioSignatures.validForm(
                TOKEN, withCredentials, PARAMS, "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI="))
        .isTrue();
  }

  @Test
  void repeatedParametersSignEachDistinctValueOnceInOrder() {
    Map<String, List<String>> repeated =
        Map.of(
            "Sid", List.of("CA123"),
            "SidAccount", List.of("AC123"),
            "Digits", List.of("5678", "1234", "1234"));

    assertThat(TwilioSignatures.sign(TOKEN, URL, repeated))
        .isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
  }

  @Test
  void acceptsTheUrlWithOrWithoutItsDefaultPortEitherWay() {
    assertThat(TwilioSignatures.validForm(TOKEN, URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
        .isTrue();
    // Signed with :443, received without it (a proxy dropped it), and the other way round.
    assertThat(TwilioSignatures.validForm(TOKEN, URL, PARAMS, "kvajT1Ptam85bY51eRf/AJRuM3w="))
        .isTrue();
    assertThat(
            TwilioSignatures.validForm(
                TOKEN,
                "https://mycompany.com:443/myapp.php?foo=1&bar=2",
                PARAMS,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
        .isTrue();
    assertThat(
            TwilioSignatures.validForm(
                TOKEN,
                "http://mycompany.com/myapp.php?foo=1&bar=2",
                PARAMS,
                "0ZXoZLH/DfblKGATFgpif+LLRf4="))
        .isTrue();
    assertThat(
            TwilioSignatures.validForm(
                TOKEN,
                "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
                PARAMS,
                "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="))
        .isTrue();
  }

  @Test
  void refusesAWrongTokenAChangedParameterAnOtherUrlAndNoSignature() {
    String good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    assertThat(TwilioSignatures.validForm("54321", URL, PARAMS, good)).isFalse();
    assertThat(
            TwilioSignatures.validForm(
                TOKEN, URL, Map.of("CallSid", List.of("CA1234567890ABCDE")), good))
        .isFalse();
    assertThat(TwilioSignatures.validForm(TOKEN, "https://mycompany.com/myapp.php", PARAMS, good))
        .isFalse();
    assertThat(TwilioSignatures.validForm(TOKEN, URL, PARAMS, null)).isFalse();
    assertThat(TwilioSignatures.validForm(TOKEN, URL, PARAMS, "")).isFalse();
  }

  @Test
  void hashesAJsonBodyAsTwilioWritesItInBodySha256() {
    assertThat(TwilioSignatures.sha256Hex(BODY.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(BODY_SHA256);
  }

  @Test
  void aJsonPostIsSignedOverTheUrlAloneWhichCarriesTheBodysHash() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    String url = URL + "&bodySHA256=" + BODY_SHA256;
    String onlyTheHash = "https://mycompany.com/myapp.php?bodySHA256=" + BODY_SHA256;

    assertThat(TwilioSignatures.sign(TOKEN, url, Map.of()))
        .isEqualTo("a9nBmqA0ju/hNViExpshrM61xv4=");
    assertThat(TwilioSignatures.sign(TOKEN, onlyTheHash, Map.of()))
        .isEqualTo("y77kIzt2vzLz71DgmJGsen2scGs=");
    assertThat(TwilioSignatures.validJson(TOKEN, url, body, "a9nBmqA0ju/hNViExpshrM61xv4="))
        .isTrue();
    assertThat(TwilioSignatures.validJson(TOKEN, onlyTheHash, body, "y77kIzt2vzLz71DgmJGsen2scGs="))
        .isTrue();
  }

  @Test
  void aJsonBodyChangedOnTheWayDoesNotMatchItsSignedHash() {
    byte[] changed =
        "{\"property\": \"other\", \"boolean\": true}".getBytes(StandardCharsets.UTF_8);
    String url = URL + "&bodySHA256=" + BODY_SHA256;

    assertThat(TwilioSignatures.validJson(TOKEN, url, changed, "a9nBmqA0ju/hNViExpshrM61xv4="))
        .isFalse();
    assertThat(TwilioSignatures.validJson(TOKEN, URL, BODY.getBytes(StandardCharsets.UTF_8), "x"))
        .isFalse();
  }

  @Test
  void theSignedUrlIsThePublicBaseUrlWithThePathAndQueryReceived() {
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/channels/twilio/voice/gather");
    request.setQueryString("turn=2");
    request.addHeader("Host", "10.0.0.7:8080");

    assertThat(TwilioWebhooks.signedUrl(request, "https://accueil.example.fr"))
        .isEqualTo("https://accueil.example.fr/channels/twilio/voice/gather?turn=2");
  }

  @Test
  void withoutAPublicBaseUrlTheSignedUrlIsRebuiltFromTheProxysForwardedHeaders() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/channels/twilio/sms");
    request.setScheme("http");
    request.addHeader("Host", "10.0.0.7:8080");
    request.addHeader("X-Forwarded-Proto", "https");
    request.addHeader("X-Forwarded-Host", "accueil.example.fr");

    assertThat(TwilioWebhooks.signedUrl(request, null))
        .isEqualTo("https://accueil.example.fr/channels/twilio/sms");

    MockHttpServletRequest direct = new MockHttpServletRequest("POST", "/channels/twilio/sms");
    direct.addHeader("Host", "accueil.example.fr:8443");
    direct.setScheme("https");
    assertThat(TwilioWebhooks.signedUrl(direct, null))
        .isEqualTo("https://accueil.example.fr:8443/channels/twilio/sms");
  }

  @Test
  void onlyTheBodysParametersAreSignedNotTheQuerysWhichAreInTheUrl() {
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/channels/twilio/voice/gather");
    request.setQueryString("turn=2");
    // The servlet API lists the query's values first, then the body's.
    request.addParameter("turn", "2");
    request.addParameter("CallSid", "CA1");
    request.addParameter("Digits", "1", "2");

    assertThat(TwilioWebhooks.formParameters(request))
        .isEqualTo(Map.of("CallSid", List.of("CA1"), "Digits", List.of("1", "2")));
  }
}
