package org.accueil.integration.fhir;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The FHIR R4 EHR connector ({@code accueil.integration.fhir.*}); see docs/INTEGRATION.md,
 * "Connecting a FHIR EHR".
 *
 * @param enabled whether bookings are pushed to the EHR and its changes read back
 * @param baseUrl the EHR's FHIR R4 base, e.g. {@code https://ehr.example/fhir}
 * @param connectTimeout how long a call waits to connect
 * @param readTimeout how long a call waits for the EHR's answer; past it the outcome is unknown and
 *     the next attempt searches by our identifier before writing again
 * @param capabilitiesRefresh how long the EHR's CapabilityStatement is trusted before it is read
 *     again
 * @param createMissingPractitioners whether a provider with no mapped Practitioner gets one created
 *     in the EHR (a test EHR); otherwise the push waits, dead-lettered, for an administrator's
 *     mapping
 */
@ConfigurationProperties("accueil.integration.fhir")
public record FhirConnectorProperties(
    @DefaultValue("false") boolean enabled,
    @Nullable URI baseUrl,
    @DefaultValue Auth auth,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue("1h") Duration capabilitiesRefresh,
    @DefaultValue Identifiers identifiers,
    @DefaultValue Polling polling,
    @DefaultValue Subscription subscription,
    @DefaultValue Reconciliation reconciliation,
    @DefaultValue Inbound inbound,
    @DefaultValue("false") boolean createMissingPractitioners) {

  /** The name rows of the outbox and of the mapping tables carry for this EHR. */
  public static final String SYSTEM = "fhir";

  public boolean active() {
    return enabled && baseUrl != null;
  }

  /** The base without a trailing slash. */
  public String base() {
    if (baseUrl == null) {
      throw new IllegalStateException("accueil.integration.fhir.base-url is not set");
    }
    String s = baseUrl.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  public enum AuthMode {
    NONE,
    BASIC,
    BEARER,
    SMART_BACKEND_SERVICES;

    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * How Accueil authenticates to the EHR.
   *
   * @param mode none, basic, bearer or smart-backend-services
   * @param token the static bearer token ({@code bearer})
   * @param clientId the client registered at the EHR ({@code smart-backend-services}): the JWT's
   *     {@code iss} and {@code sub}
   * @param tokenUrl the EHR's token endpoint: the JWT's {@code aud}
   * @param privateKey the PKCS#8 PEM private key the client assertion is signed with: RSA (RS384)
   *     or EC P-384 (ES384)
   * @param kid the key id the EHR finds the public key under in our JWKS
   * @param scope what is asked for, e.g. {@code system/Patient.rs system/Appointment.cruds}
   */
  public record Auth(
      @DefaultValue("none") AuthMode mode,
      @Nullable String username,
      @Nullable String password,
      @Nullable String token,
      @Nullable String clientId,
      @Nullable URI tokenUrl,
      @Nullable String privateKey,
      @Nullable String kid,
      @DefaultValue(
              "system/Patient.rs system/Patient.c system/Practitioner.rs"
                  + " system/Appointment.cruds system/Slot.rs system/Schedule.rs")
          String scope) {}

  /**
   * Our identifier systems: every resource Accueil writes carries one, and it is how a write is
   * found again after a timeout and how our own changes are told from the EHR's.
   *
   * @param ehrPatient the system the EHR's own patient ids are recorded under on our patients; by
   *     default the EHR's base URL followed by {@code /Patient}
   */
  public record Identifiers(
      @DefaultValue("https://accueil.health/sid/appointment") String appointment,
      @DefaultValue("https://accueil.health/sid/patient") String patient,
      @DefaultValue("https://accueil.health/sid/practitioner") String practitioner,
      @DefaultValue("https://accueil.health/sid/location") String location,
      @DefaultValue("https://accueil.health/sid/appointment-type") String appointmentType,
      @Nullable String ehrPatient) {}

  /**
   * Reading the EHR's changes by {@code _lastUpdated}: the fallback for missed notifications and
   * the only feed of EHRs without subscriptions.
   *
   * @param overlap how far before the last change seen each pass looks again, for changes committed
   *     late with an earlier timestamp; what was seen already is dropped by its version
   */
  public record Polling(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5s") Duration interval,
      @DefaultValue("2s") Duration overlap,
      @DefaultValue("200") int pageSize) {}

  /**
   * The EHR's rest-hook subscription to our notification endpoint.
   *
   * @param publicUrl where the EHR reaches Accueil, e.g. {@code https://accueil.example}; the
   *     endpoint is this plus {@code /integration/fhir/notify}. Unset, no subscription is made.
   * @param secret the shared secret the EHR sends in {@code header} on every notification
   */
  public record Subscription(
      @DefaultValue("true") boolean enabled,
      @Nullable URI publicUrl,
      @Nullable String secret,
      @DefaultValue("X-Accueil-Secret") String header,
      @DefaultValue("30s") Duration activationTimeout) {}

  /**
   * @param days how many days from today are compared with the EHR
   * @param interval how often the comparison runs by itself
   */
  public record Reconciliation(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("30") int days,
      @DefaultValue("1h") Duration interval) {}

  /**
   * Applying what the EHR changed.
   *
   * @param pollInterval how often each node looks for stored notifications not yet applied (its own
   *     writes wake it at once)
   * @param attempts how often a notification is tried before it is left for staff
   * @param appointmentType the code of our appointment type an EHR appointment of an unmapped type
   *     is recorded as; unset, the provider's first type
   */
  public record Inbound(
      @DefaultValue("500ms") Duration pollInterval,
      @DefaultValue("8") int attempts,
      @Nullable String appointmentType) {}
}
