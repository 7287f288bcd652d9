package org.accueil.security.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP as RFC 6238 defines it, checked against its Appendix B, and the base 32 of RFC 4648. */
class TotpTests {

  /** RFC 6238 Appendix B: the ASCII seeds of the reference implementation, one per hash. */
  static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  static final byte[] SHA256_SEED =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SHA512_SEED =
      "1234567890123456789012345678901234567890123456789012345678901234"
          .getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "T = {0} s")
  @CsvSource({
    "59,          94287082, 46119246, 90693936",
    "1111111109,  07081804, 68084774, 25091201",
    "1111111111,  14050471, 67062674, 99943326",
    "1234567890,  89005924, 91819424, 93441116",
    "2000000000,  69279037, 90698825, 38618901",
    "20000000000, 65353130, 77737706, 47863826"
  })
  void theCodesAreThoseOfRfc6238AppendixB(long seconds, String sha1, String sha256, String sha512) {
    long step = Totp.step(Instant.ofEpochSecond(seconds));

    assertThat(Totp.code(SHA1_SEED, step, 8, "HmacSHA1")).isEqualTo(sha1);
    assertThat(Totp.code(SHA256_SEED, step, 8, "HmacSHA256")).isEqualTo(sha256);
    assertThat(Totp.code(SHA512_SEED, step, 8, "HmacSHA512")).isEqualTo(sha512);
  }

  @ParameterizedTest(name = "T = {0} s")
  @CsvSource({"59, 287082", "1111111109, 081804", "1234567890, 005924", "20000000000, 353130"})
  void theSixDigitCodeAppsShowIsTheLastSixDigitsOfTheSameTruncation(long seconds, String code) {
    assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(seconds)))).isEqualTo(code);
  }

  @Test
  void aCodeIsAcceptedOneStepEitherSideButNotTwo() {
    Instant now = Instant.ofEpochSecond(1_111_111_111);
    long step = Totp.step(now);

    assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step), now)).hasValue(step);
    assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 1), now))
        .hasValue(step - 1);
    assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 1), now))
        .hasValue(step + 1);
    assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 2), now)).isEmpty();
    assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 2), now)).isEmpty();
  }

  @Test
  void spacesAreIgnoredAndAnythingButSixDigitsIsRefused() {
    Instant now = Instant.ofEpochSecond(59);
    assertThat(Totp.matchingStep(SHA1_SEED, "287 082", now)).isPresent();
    assertThat(Totp.matchingStep(SHA1_SEED, "28708", now)).isEmpty();
    assertThat(Totp.matchingStep(SHA1_SEED, "94287082", now)).isEmpty();
    assertThat(Totp.matchingStep(SHA1_SEED, "28708a", now)).isEmpty();
    assertThat(Totp.matchingStep(SHA1_SEED, "", now)).isEmpty();
  }

  @Test
  void newSecretsAreOneHundredSixtyRandomBits() {
    assertThat(Totp.newSecret()).hasSize(20).isNotEqualTo(Totp.newSecret());
  }

  @Test
  void theOtpauthUriCarriesIssuerAccountAndTheBase32Secret() {
    String uri = Totp.uri("Centre Médical", "ada@clinic.example", SHA1_SEED);

    assertThat(uri)
        .isEqualTo(
            "otpauth://totp/Centre%20M%C3%A9dical:ada%40clinic.example"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Centre%20M%C3%A9dical"
                + "&algorithm=SHA1&digits=6&period=30");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({
    "'', ''",
    "f, MY",
    "fo, MZXQ",
    "foo, MZXW6",
    "foob, MZXW6YQ",
    "fooba, MZXW6YTB",
    "foobar, MZXW6YTBOI"
  })
  void base32IsThatOfRfc4648WithoutPadding(String text, String encoded) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    assertThat(Base32.encode(bytes)).isEqualTo(encoded);
    assertThat(Base32.decode(encoded)).isEqualTo(bytes);
  }

  @Test
  void base32DecodingForgivesCaseSpacesAndPaddingButNotOtherCharacters() {
    assertThat(Base32.decode("mzxw 6ytb oi======"))
        .isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
  }
}
