package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import ca.uhn.fhir.util.FhirTerser;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.accueil.patients.Patients;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.platform.Audit;
import org.accueil.practice.PracticeDirectory;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.Holds;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * HAPI's plain {@link RestfulServer} at {@code /fhir/r4/*}, beside Spring MVC's dispatcher. The
 * security filter chain in front of it is the security module's (API keys and scopes, as for {@code
 * /api}); what it serves reads and writes through the other modules' front doors only.
 */
@Configuration(proxyBeanMethods = false)
class FhirApiConfiguration {

  static final String BASE = "/fhir/r4";

  @Bean
  ServletRegistrationBean<RestfulServer> fhirApi(
      PracticeDirectory practice,
      Availability availability,
      Holds holds,
      Appointments appointments,
      Patients patients,
      Audit audit,
      Validator validator,
      MessageSource messages,
      JsonMapper json,
      Clock clock,
      PlatformTransactionManager transactions) {
    FhirContext fhir = FhirPatients.context();
    FreeSlots freeSlots = new FreeSlots(availability, clock);
    RestfulServer server = new RestfulServer(fhir);
    server.setServerName("Accueil");
    server.setImplementationDescription("Accueil's FHIR R4 scheduling API");
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    List<Object> providers = new ArrayList<>(PracticeEndpoints.all(practice));
    providers.add(new SlotEndpoint(practice, freeSlots, availability));
    providers.add(new AppointmentEndpoint(appointments, holds, practice, clock, json, fhir));
    providers.add(new PatientEndpoint(patients, audit));
    providers.add(
        new SchedulingOperations(
            practice,
            freeSlots,
            holds,
            appointments,
            new PatientParticipants(patients, appointments, validator),
            new TransactionTemplate(transactions)));
    server.registerProviders(providers);
    server.registerInterceptor(new Outcomes(messages));
    server.setServerConformanceProvider(new Capabilities(server));
    ServletRegistrationBean<RestfulServer> registration =
        new ServletRegistrationBean<>(server, BASE + "/*");
    registration.setName("fhirApi");
    // Built at start-up, not on the first call: a provider HAPI cannot bind fails the start.
    registration.setLoadOnStartup(1);
    return registration;
  }

  /** HAPI's generated CapabilityStatement, saying who we are and how callers authenticate. */
  static final class Capabilities extends ServerCapabilityStatementProvider {

    Capabilities(RestfulServer server) {
      super(server);
      setPublisher("Accueil");
    }

    @Override
    protected void postProcess(FhirTerser terser, IBaseConformance conformance) {
      CapabilityStatement statement = (CapabilityStatement) conformance;
      statement.setName("Accueil");
      // HAPI writes its own version here; ours is the jar's, when running from one.
      statement
          .getSoftware()
          .setName("Accueil")
          .setVersion(FhirApiConfiguration.class.getPackage().getImplementationVersion());
      for (var rest : statement.getRest()) {
        rest.getSecurity()
            .setCors(false)
            .setDescription(
                "Send an Accueil API key as \"Authorization: Bearer <key>\". Reads need the scope"
                    + " appointments:read (Patient: patients:read); $hold, $book and PATCH need"
                    + " appointments:write. This statement is open to all.");
      }
    }
  }
}
