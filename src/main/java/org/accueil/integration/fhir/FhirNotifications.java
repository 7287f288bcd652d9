package org.accueil.integration.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receives the EHR's subscription notifications: checks the shared secret (in constant time),
 * stores what they name in the inbox, and leaves applying it to the inbox worker, so the EHR gets
 * its 2xx within milliseconds (athenahealth wants one within 2 s) and nothing acknowledged is lost.
 */
@Service
public class FhirNotifications {

  private static final Set<String> APPLIED = Set.of("Appointment", "Slot");

  private final FhirInbox inbox;
  private final FhirPoller poller;
  private final FhirConnectorProperties properties;

  FhirNotifications(FhirInbox inbox, FhirPoller poller, FhirConnectorProperties properties) {
    this.inbox = inbox;
    this.poller = poller;
    this.properties = properties;
  }

  public enum Received {
    STORED,
    DUPLICATE,
    /** Nothing to store: a handshake, a heartbeat, a resource type we do not follow. */
    IGNORED,
    DISABLED,
    NOT_CONFIGURED,
    WRONG_SECRET,
    UNREADABLE
  }

  public String secretHeader() {
    return properties.subscription().header();
  }

  /**
   * @param type the resource type the path named, for an update-style notification
   * @param id the resource id the path named
   * @param body the notification's body; null for an empty ping
   */
  @Transactional
  public Received receive(
      @Nullable String secret,
      @Nullable String type,
      @Nullable String id,
      @Nullable String contentType,
      @Nullable String body) {
    if (!properties.active()) {
      return Received.DISABLED;
    }
    String expected = properties.subscription().secret();
    if (expected == null || expected.isBlank()) {
      return Received.NOT_CONFIGURED;
    }
    if (secret == null
        || !MessageDigest.isEqual(
            secret.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      return Received.WRONG_SECRET;
    }
    if (body == null || body.isBlank()) {
      if (type != null && id != null && APPLIED.contains(type) && validId(id)) {
        return inbox.storeChanged(type, id, FhirInbox.Source.SUBSCRIPTION)
            ? Received.STORED
            : Received.DUPLICATE;
      }
      // An empty ping names nothing: the poller looks now rather than at its next pass.
      poller.wake();
      return Received.IGNORED;
    }
    IBaseResource parsed;
    try {
      parsed = parser(contentType, body).parseResource(body);
    } catch (DataFormatException | ClassCastException e) {
      return Received.UNREADABLE;
    }
    if (parsed instanceof Bundle bundle) {
      return bundle(bundle);
    }
    if (!(parsed instanceof Resource resource) || !APPLIED.contains(resource.fhirType())) {
      return Received.IGNORED;
    }
    if (!resource.getIdElement().hasIdPart()) {
      if (id == null || !validId(id)) {
        return Received.UNREADABLE;
      }
      resource.setId(id);
    }
    return inbox.store(resource, FhirInbox.Source.SUBSCRIPTION)
        ? Received.STORED
        : Received.DUPLICATE;
  }

  /**
   * A topic-based (R5 backport) notification: a history Bundle whose first entry is the
   * subscription's status; the others give the resources (full-resource) or only their URLs
   * (id-only), which are read when applied.
   */
  private Received bundle(Bundle bundle) {
    Received received = Received.IGNORED;
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      if (resource != null && APPLIED.contains(resource.fhirType())) {
        received = merge(received, inbox.store(resource, FhirInbox.Source.SUBSCRIPTION));
      } else if (resource == null && entry.hasFullUrl()) {
        IdType named = new IdType(entry.getFullUrl());
        if (named.hasResourceType()
            && APPLIED.contains(named.getResourceType())
            && validId(named.getIdPart())) {
          received =
              merge(
                  received,
                  inbox.storeChanged(
                      named.getResourceType(), named.getIdPart(), FhirInbox.Source.SUBSCRIPTION));
        }
      }
    }
    return received;
  }

  private static Received merge(Received sofar, boolean stored) {
    return stored || sofar == Received.STORED ? Received.STORED : Received.DUPLICATE;
  }

  /** FHIR ids: 1 to 64 letters, digits, '-' and '.'. */
  private static boolean validId(String id) {
    return id.matches("[A-Za-z0-9\\-.]{1,64}");
  }

  private static IParser parser(@Nullable String contentType, String body) {
    boolean xml =
        (contentType != null && contentType.contains("xml")) || body.stripLeading().startsWith("<");
    return xml ? FhirEhr.context().newXmlParser() : FhirEhr.context().newJsonParser();
  }
}
