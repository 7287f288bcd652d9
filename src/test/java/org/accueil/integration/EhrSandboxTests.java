package org.accueil.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.param.DateRangeParam;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.accueil.testing.Tags;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test EHR behaves as the integration tests need a FHIR R4 EHR to behave. */
class EhrSandboxTests {

  private static final String SYSTEM = "urn:accueil:test:ehr-sandbox";
  private static final String SECRET_HEADER = "X-Accueil-Ehr-Secret";

  private static EhrSandbox ehr;

  @BeforeAll
  static void startTheEhr() {
    ehr = EhrSandbox.shared();
  }

  @Test
  void capabilityStatementAdvertisesConditionalCreateAndTransactions() {
    CapabilityStatement capabilities =
        ehr.client().capabilities().ofType(CapabilityStatement.class).execute();

    CapabilityStatementRestComponent rest = capabilities.getRestFirstRep();
    assertThat(rest.getInteraction())
        .extracting(interaction -> interaction.getCode())
        .contains(SystemRestfulInteraction.TRANSACTION);
    for (String type : List.of("Patient", "Appointment", "Slot", "Schedule")) {
      CapabilityStatementRestResourceComponent resource =
          rest.getResource().stream()
              .filter(r -> r.getType().equals(type))
              .findFirst()
              .orElseThrow(() -> new AssertionError(type + " is not served"));
      assertThat(resource.getConditionalCreate()).as(type + " conditional create").isTrue();
      assertThat(resource.getSearchParam())
          .extracting(param -> param.getName())
          .as(type + " search parameters")
          .contains("identifier", "_lastUpdated");
    }
  }

  @Test
  void patientAndAppointmentAreFoundByIdentifierAndByLastUpdated() {
    IGenericClient client = ehr.client();
    // The server stamps lastUpdated in milliseconds; a second of slack covers clock rounding.
    Date before = Date.from(Instant.now().minusSeconds(1));
    String tag = Tags.letters();

    MethodOutcome created = createPatientOnce(client, tag);
    MethodOutcome again = createPatientOnce(client, tag);
    assertThat(created.getCreated()).isTrue();
    assertThat(again.getCreated()).as("If-None-Exist matched the first patient").isNotEqualTo(true);
    assertThat(again.getId().getIdPart()).isEqualTo(created.getId().getIdPart());

    IIdType patientId = created.getId().toUnqualifiedVersionless();
    IIdType appointmentId = client.create().resource(appointment(tag, patientId)).execute().getId();

    Bundle byIdentifier =
        client
            .search()
            .forResource(Appointment.class)
            .where(Appointment.IDENTIFIER.exactly().systemAndIdentifier(SYSTEM, tag))
            .returnBundle(Bundle.class)
            .execute();
    assertThat(ids(byIdentifier)).containsExactly(appointmentId.getIdPart());

    Bundle patientsByIdentifier =
        client
            .search()
            .forResource(Patient.class)
            .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(SYSTEM, tag))
            .returnBundle(Bundle.class)
            .execute();
    assertThat(ids(patientsByIdentifier)).containsExactly(patientId.getIdPart());

    Bundle changedSince =
        client
            .search()
            .forResource(Appointment.class)
            .lastUpdated(new DateRangeParam(before, null))
            .count(200)
            .returnBundle(Bundle.class)
            .execute();
    assertThat(ids(changedSince)).contains(appointmentId.getIdPart());

    Bundle changedLater =
        client
            .search()
            .forResource(Appointment.class)
            .where(Appointment.IDENTIFIER.exactly().systemAndIdentifier(SYSTEM, tag))
            .lastUpdated(new DateRangeParam(Date.from(Instant.now().plusSeconds(60)), null))
            .returnBundle(Bundle.class)
            .execute();
    assertThat(ids(changedLater)).isEmpty();
  }

  @Test
  void transactionCreatesAPatientAndItsAppointmentOnlyOnce() {
    IGenericClient client = ehr.client();
    String tag = Tags.letters();

    Bundle first = client.transaction().withBundle(patientWithAppointment(tag)).execute();
    Bundle replayed = client.transaction().withBundle(patientWithAppointment(tag)).execute();

    assertThat(first.getEntry())
        .extracting(entry -> entry.getResponse().getStatus())
        .containsExactly("201 Created", "201 Created");
    assertThat(replayed.getEntry())
        .extracting(entry -> entry.getResponse().getStatus())
        .as("If-None-Exist inside the transaction matched what the first one created")
        .containsExactly("200 OK", "200 OK");
    assertThat(replayed.getEntry())
        .extracting(entry -> new IdType(entry.getResponse().getLocation()).getIdPart())
        .isEqualTo(
            first.getEntry().stream()
                .map(entry -> new IdType(entry.getResponse().getLocation()).getIdPart())
                .toList());
    String patientId = new IdType(first.getEntry().get(0).getResponse().getLocation()).getIdPart();
    String appointmentId =
        new IdType(first.getEntry().get(1).getResponse().getLocation()).getIdPart();
    Appointment stored = client.read().resource(Appointment.class).withId(appointmentId).execute();
    assertThat(stored.getParticipantFirstRep().getActor().getReference())
        .as("the transaction's urn:uuid reference now points at the stored patient")
        .isEqualTo("Patient/" + patientId);
  }

  @Test
  void restHookSubscriptionDeliversAChangedAppointmentWithItsSecretHeaderWithinTwoSeconds()
      throws Exception {
    IGenericClient client = ehr.client();
    String tag = Tags.letters();
    String secret = "secret-" + Tags.letters();
    try (Hook hook = Hook.start()) {
      long requested = System.nanoTime();
      IIdType subscription = subscribe(tag, hook, "application/fhir+json", secret);
      System.out.println(
          "EHR sandbox subscription active after "
              + Duration.ofNanos(System.nanoTime() - requested).toMillis()
              + " ms");
      try {
        IIdType appointmentId = client.create().resource(appointment(tag, null)).execute().getId();
        Delivery booked = hook.next(Duration.ofSeconds(30));
        assertThat(booked.path()).isEqualTo("/ehr-events/Appointment/" + appointmentId.getIdPart());

        Appointment changed =
            client.read().resource(Appointment.class).withId(appointmentId.getIdPart()).execute();
        changed.setStatus(Appointment.AppointmentStatus.CANCELLED);
        long sent = System.nanoTime();
        client.update().resource(changed).execute();
        Delivery cancelled = hook.next(Duration.ofSeconds(2));

        Duration latency = Duration.ofNanos(cancelled.arrivedNanos() - sent);
        System.out.println("EHR sandbox REST-hook delivery latency: " + latency.toMillis() + " ms");
        assertThat(cancelled.method()).isEqualTo("PUT");
        assertThat(cancelled.path())
            .isEqualTo("/ehr-events/Appointment/" + appointmentId.getIdPart());
        assertThat(cancelled.secret()).isEqualTo(secret);
        Appointment delivered =
            (Appointment) client.getFhirContext().newJsonParser().parseResource(cancelled.body());
        assertThat(delivered.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(delivered.getIdentifierFirstRep().getValue()).isEqualTo(tag);
      } finally {
        switchOff(subscription);
      }
    }
  }

  @Test
  void restHookSubscriptionWithoutPayloadPostsAnEmptyNotification() throws Exception {
    IGenericClient client = ehr.client();
    String tag = Tags.letters();
    String secret = "secret-" + Tags.letters();
    try (Hook hook = Hook.start()) {
      IIdType subscription = subscribe(tag, hook, null, secret);
      try {
        client.create().resource(appointment(tag, null)).execute();
        Delivery notification = hook.next(Duration.ofSeconds(30));

        assertThat(notification.method()).isEqualTo("POST");
        assertThat(notification.path()).isEqualTo("/ehr-events");
        assertThat(notification.body()).isEmpty();
        assertThat(notification.secret()).isEqualTo(secret);
      } finally {
        switchOff(subscription);
      }
    }
  }

  @Test
  void dataSurvivesAnOrderlyStopAndACrash() {
    String base = ehr.baseUrl();
    IIdType stoppedWith = createPatientOnce(ehr.client(), Tags.letters()).getId();

    ehr.stop();
    assertThatThrownBy(
            () -> ehr.client().read().resource(Patient.class).withId(stoppedWith).execute())
        .isInstanceOf(FhirClientConnectionException.class);
    ehr.start();

    assertThat(ehr.baseUrl()).isEqualTo(base);
    assertThat(read(stoppedWith).getIdentifierFirstRep().getSystem()).isEqualTo(SYSTEM);

    IIdType killedWith = createPatientOnce(ehr.client(), Tags.letters()).getId();
    ehr.kill();
    ehr.start();

    assertThat(read(killedWith).getIdentifierFirstRep().getSystem()).isEqualTo(SYSTEM);
    assertThat(read(stoppedWith).getIdentifierFirstRep().getSystem()).isEqualTo(SYSTEM);
  }

  /** A REST-hook Subscription to this tag's appointments, once HAPI has made it active. */
  private static IIdType subscribe(String tag, Hook hook, String payload, String secret)
      throws InterruptedException {
    Subscription subscription = new Subscription();
    subscription.setStatus(SubscriptionStatus.REQUESTED);
    subscription.setReason("Accueil: appointments changed in the EHR");
    subscription.setCriteria("Appointment?identifier=" + SYSTEM + "|" + tag);
    subscription
        .getChannel()
        .setType(SubscriptionChannelType.RESTHOOK)
        .setEndpoint(hook.url() + "/ehr-events")
        .setPayload(payload)
        .addHeader(SECRET_HEADER + ": " + secret);
    IIdType id =
        ehr.client().create().resource(subscription).execute().getId().toUnqualifiedVersionless();
    awaitActive(ehr.client(), id);
    return id;
  }

  /** Switched off rather than deleted: the sandbox is shared, and an EHR keeps the record. */
  private static void switchOff(IIdType subscription) {
    Subscription off =
        ehr.client().read().resource(Subscription.class).withId(subscription).execute();
    off.setStatus(SubscriptionStatus.OFF);
    ehr.client().update().resource(off).execute();
  }

  private static Bundle patientWithAppointment(String tag) {
    Patient patient = new Patient();
    patient.addIdentifier().setSystem(SYSTEM).setValue(tag);
    patient.addName().setFamily("Bianchi").addGiven("Marco");
    String patientUrl = "urn:uuid:" + UUID.randomUUID();
    Appointment appointment = appointment(tag, null);
    appointment.getParticipantFirstRep().setActor(new Reference(patientUrl));

    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    transaction
        .addEntry()
        .setFullUrl(patientUrl)
        .setResource(patient)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Patient")
        .setIfNoneExist("identifier=" + SYSTEM + "|" + tag);
    transaction
        .addEntry()
        .setResource(appointment)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Appointment")
        .setIfNoneExist("identifier=" + SYSTEM + "|" + tag);
    return transaction;
  }

  private static MethodOutcome createPatientOnce(IGenericClient client, String tag) {
    Patient patient = new Patient();
    patient.addIdentifier().setSystem(SYSTEM).setValue(tag);
    patient.addName().setFamily("Rossi").addGiven("Giulia");
    return client
        .create()
        .resource(patient)
        .conditional()
        .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(SYSTEM, tag))
        .execute();
  }

  private static Appointment appointment(String tag, IIdType patient) {
    Appointment appointment = new Appointment();
    appointment.addIdentifier().setSystem(SYSTEM).setValue(tag);
    appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
    Instant start = Instant.now().plus(Duration.ofDays(2));
    appointment.setStart(Date.from(start));
    appointment.setEnd(Date.from(start.plus(Duration.ofMinutes(20))));
    Appointment.AppointmentParticipantComponent participant = appointment.addParticipant();
    participant.setStatus(Appointment.ParticipationStatus.ACCEPTED);
    participant.setActor(
        patient == null ? new Reference().setDisplay("Giulia Rossi") : new Reference(patient));
    return appointment;
  }

  private static Patient read(IIdType id) {
    return ehr.client()
        .read()
        .resource(Patient.class)
        .withId(id.toUnqualifiedVersionless())
        .execute();
  }

  private static void awaitActive(IGenericClient client, IIdType subscriptionId)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    Subscription subscription;
    do {
      subscription = client.read().resource(Subscription.class).withId(subscriptionId).execute();
      if (subscription.getStatus() == SubscriptionStatus.ACTIVE) {
        return;
      }
      Thread.sleep(100);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError(
        "The subscription is " + subscription.getStatus() + ": " + subscription.getError());
  }

  private static List<String> ids(Bundle bundle) {
    return bundle.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .map(Resource::getIdElement)
        .map(IIdType::getIdPart)
        .toList();
  }

  private record Delivery(
      String method, String path, String secret, String body, long arrivedNanos) {}

  /** The receiving end of a REST hook: a JDK HTTP server that answers 200 and keeps each call. */
  private static final class Hook implements AutoCloseable {

    private final HttpServer server;
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    private Hook(HttpServer server) {
      this.server = server;
    }

    static Hook start() throws IOException {
      Hook hook = new Hook(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
      hook.server.createContext(
          "/",
          exchange -> {
            long arrived = System.nanoTime();
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            hook.deliveries.add(
                new Delivery(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst(SECRET_HEADER),
                    body,
                    arrived));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      hook.server.start();
      return hook;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Delivery next(Duration within) throws InterruptedException {
      Delivery delivery = deliveries.poll(within.toMillis(), TimeUnit.MILLISECONDS);
      if (delivery == null) {
        throw new AssertionError("Nothing was delivered within " + within);
      }
      return delivery;
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
