package org.accueil.integration.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.accueil.platform.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where webhooks may go: https on public addresses only, unless the settings open more. */
class EndpointAddressesTests {

  final EndpointAddresses production = new EndpointAddresses(false, false);

  @Test
  void acceptsAPublicHttpsAddress() {
    assertThat(production.accepted("https://hooks.example.org/accueil?clinic=1").toString())
        .isEqualTo("https://hooks.example.org/accueil?clinic=1");
    assertThat(production.accepted("https://93.184.215.14:8443/hook")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://hooks.example.org/accueil",
        "ftp://hooks.example.org/",
        "hooks.example.org/accueil",
        "https:///nohost",
        "https://hooks.example.org/a b",
        "https://hooks.example.org/#fragment",
        "mailto:it@example.org",
        "https://user:secret@hooks.example.org/",
        // An IPv4 shorthand for 127.0.0.1; java.net.URI takes it for no host at all.
        "https://127.1/hook",
      })
  void refusesWhatIsNotAPlainHttpsAddress(String url) {
    assertThatThrownBy(() -> production.accepted(url))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.slug()).isEqualTo("invalid-webhook-url");
              assertThat(e.getStatusCode().value()).isEqualTo(400);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://localhost/hook",
        "https://api.localhost/hook",
        "https://127.0.0.1/hook",
        "https://2130706433/hook",
        "https://[::1]/hook",
        "https://10.0.0.5/hook",
        "https://172.16.4.2/hook",
        "https://192.168.1.10/hook",
        "https://100.64.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[fe80::1]/hook",
        "https://[fd12:3456::1]/hook",
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
      })
  void refusesLoopbackPrivateAndLinkLocalAddresses(String url) {
    assertThatThrownBy(() -> production.accepted(url))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.getBody().getProperties()).containsEntry("reason", "private"));
  }

  @Test
  void localhostOverHttpOnlyWhenTheSettingAllowsIt() {
    EndpointAddresses development = new EndpointAddresses(true, false);

    assertThat(development.accepted("http://127.0.0.1:8089/hook")).isNotNull();
    assertThat(development.accepted("http://localhost:8089/hook")).isNotNull();
    assertThat(development.refusalBeforeSending(URI.create("http://127.0.0.1:8089/hook")))
        .isEmpty();
    assertThatThrownBy(() -> development.accepted("https://10.0.0.5/hook"))
        .isInstanceOf(ProblemException.class);
    assertThat(production.refusalBeforeSending(URI.create("http://127.0.0.1:8089/hook")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("loopback"));
  }

  @Test
  void privateNetworksWhenTheSettingAllowsThemButNeverLinkLocal() {
    EndpointAddresses onPremises = new EndpointAddresses(false, true);

    assertThat(onPremises.accepted("https://10.0.0.5/hook")).isNotNull();
    assertThat(onPremises.accepted("https://[fd12:3456::1]/hook")).isNotNull();
    assertThatThrownBy(() -> onPremises.accepted("http://10.0.0.5/hook"))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> onPremises.accepted("https://169.254.169.254/"))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> onPremises.accepted("https://127.0.0.1/"))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void everyAttemptChecksTheAddressAgain() {
    assertThat(production.refusalBeforeSending(URI.create("https://10.1.2.3/hook")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("private network"));
    assertThat(production.refusalBeforeSending(URI.create("https://localhost/hook"))).isPresent();
    assertThat(production.refusalBeforeSending(URI.create("https://93.184.215.14/hook"))).isEmpty();
    assertThat(production.refusalBeforeSending(URI.create("https://no-such-host.invalid/hook")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("does not resolve"));
  }
}
