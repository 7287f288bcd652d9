package org.accueil.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The practice site's proof that a visitor is its signed-in patient (reference vector T13). */
class WebChatIdentityHashTests {

  static final String T13 = "bd0f8b903847453030e4c52a545b5f2582add7d1b1996bfd03b0baf5f3a4a3fb";

  @Test
  void theIdentityHashIsTheHexHmacSha256OfTheIdentifier() {
    assertThat(VisitorTokens.identityHash("webwidget-hmac-token", "patient-42")).isEqualTo(T13);
  }

  @Test
  void aHashIsCheckedWhateverTheCaseOfItsHexDigits() {
    assertThat(
            VisitorTokens.identityMatches("webwidget-hmac-token", "patient-42", T13.toUpperCase()))
        .isTrue();
    assertThat(VisitorTokens.identityMatches("webwidget-hmac-token", "patient-43", T13)).isFalse();
    assertThat(VisitorTokens.identityMatches("another-secret", "patient-42", T13)).isFalse();
    assertThat(VisitorTokens.identityMatches("webwidget-hmac-token", "patient-42", "")).isFalse();
  }

  @Test
  void visitorTokensAre256RandomBitsInBase64Url() {
    String one = VisitorTokens.newToken();
    String two = VisitorTokens.newToken();

    assertThat(one).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(two);
    assertThat(VisitorTokens.isWellFormed(one)).isTrue();
    assertThat(VisitorTokens.isWellFormed("short")).isFalse();
    assertThat(VisitorTokens.isWellFormed("a".repeat(30) + "/+=")).isFalse();
  }
}
