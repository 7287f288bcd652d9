package org.accueil.patients.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.Identifier;
import org.accueil.patients.MatchQuery;
import org.accueil.patients.MatchResult;
import org.accueil.patients.Origin;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientCreated;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.patients.matching.Band;
import org.accueil.patients.matching.Decision;
import org.accueil.patients.matching.Traits;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registers people: finds their record when the matcher links them to one, creates a record
 * otherwise, and puts every possible match in the staff's review queue.
 */
@Component
public class Registrar {

  /** What a registration did. */
  public record Registered(Patient patient, boolean created, MatchResult match) {}

  private final PatientRepository patients;
  private final IdentifierRepository identifiers;
  private final DuplicateRepository duplicates;
  private final Matcher matcher;
  private final Normaliser normaliser;
  private final JdbcClient jdbc;
  private final Audit audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Registrar(
      PatientRepository patients,
      IdentifierRepository identifiers,
      DuplicateRepository duplicates,
      Matcher matcher,
      Normaliser normaliser,
      JdbcClient jdbc,
      Audit audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.patients = patients;
    this.identifiers = identifiers;
    this.duplicates = duplicates;
    this.matcher = matcher;
    this.normaliser = normaliser;
    this.jdbc = jdbc;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** Must run in a transaction. */
  public Registered register(PatientDetails details, Origin origin) {
    return register(details, origin, null);
  }

  /**
   * As {@link #register(PatientDetails, Origin)}, for details that say which record they are (an
   * export of the registry, read back): that record is compared with them as a candidate whose id
   * they share. Must run in a transaction.
   *
   * @param expected the record's id; one merged since names its survivor, one erased nothing
   */
  public Registered register(PatientDetails details, Origin origin, @Nullable UUID expected) {
    PatientDetails clean = normalised(details);
    // Two registrations of one new person at once must not both create a record: they queue on
    // the person's birth date (a registration always has one) until the first commits.
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "patient-registration:" + clean.birthDate())
        .query((rs, n) -> 1)
        .single();
    Decision<UUID> decision = decide(clean, expected);
    MatchResult match = result(decision);
    Instant now = clock.instant();
    if (decision.band() == Band.MATCH) {
      UUID known = decision.candidates().getFirst().candidate();
      Patient patient = patients.find(known).orElseThrow();
      addIdentifiers(known, clean.identifiersOrNone(), now);
      audit.success(
          "patient.match",
          "patient",
          known,
          Map.of("score", Math.round(decision.candidates().getFirst().comparison().score())));
      return new Registered(patient, false, match);
    }
    for (Identifier identifier : clean.identifiersOrNone()) {
      holderOther(identifier, null)
          .ifPresent(
              holder -> {
                throw identifierTaken(identifier, holder);
              });
    }
    Patient patient =
        Patient.of(PatientId.of(Ids.newId()), origin.initialStatus(), clean, origin, null);
    patients.insert(patient, now);
    addIdentifiers(patient.id().value(), clean.identifiersOrNone(), now);
    for (Decision.Scored<UUID> possible : decision.candidates()) {
      duplicates.record(patient.id().value(), possible.candidate(), possible.comparison(), now);
    }
    audit.success(
        "patient.create",
        "patient",
        patient.id().value(),
        Map.of("origin", origin.code(), "possibleDuplicates", decision.candidates().size()));
    events.publishEvent(new PatientCreated(patient.id(), patient.status(), origin));
    return new Registered(patient, true, match);
  }

  /**
   * What a registration of {@code clean} would decide now, changing nothing.
   *
   * @param clean details already {@link #normalised}
   * @param expected as {@link #register(PatientDetails, Origin, UUID)} takes it
   */
  public Decision<UUID> decide(PatientDetails clean, @Nullable UUID expected) {
    return matcher.match(traits(MatchQuery.of(clean)), null, liveRecord(expected));
  }

  /** The live record that {@code id} is now: its survivor if merged, none if erased. */
  private @Nullable UUID liveRecord(@Nullable UUID id) {
    if (id == null) {
      return null;
    }
    Optional<Patient> found = patients.find(id);
    if (found.isPresent() && found.get().mergedInto() != null) {
      found = patients.find(found.get().mergedInto().value());
    }
    return found
        .filter(p -> !patients.isErased(p.id().value()))
        .map(p -> p.id().value())
        .orElse(null);
  }

  /** Who the details may be, without changing anything. */
  public MatchResult match(MatchQuery query) {
    Traits probe = traits(normalised(query));
    if (probe.givenName() == null
        && probe.familyName() == null
        && probe.birthDate() == null
        && probe.phones().isEmpty()
        && probe.emails().isEmpty()
        && probe.identifiers().isEmpty()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "match-nothing-to-compare")
          .detail(
              "Give at least one detail to compare: names, a birth date, a phone number, an"
                  + " e-mail address or an identifier.")
          .build();
    }
    return result(matcher.match(probe, null));
  }

  /** A patient already registered, compared with the rest of the registry. */
  public MatchResult duplicatesOf(Traits record, UUID id) {
    return result(matcher.match(record, id));
  }

  /** Records the identifiers on the patient, refusing one that belongs to someone else. */
  public void addIdentifiers(UUID patient, List<Identifier> list, Instant at) {
    Set<String> own = new HashSet<>();
    identifiers.of(patient).forEach(i -> own.add(i.system() + "|" + i.value()));
    for (Identifier identifier : list) {
      if (own.contains(identifier.system() + "|" + identifier.value())) {
        continue;
      }
      Optional<UUID> holder = holderOther(identifier, patient);
      if (holder.isPresent()) {
        throw identifierTaken(identifier, holder.get());
      }
      identifiers.add(patient, identifier, Actor.current().reference(), at);
    }
  }

  private Optional<UUID> holderOther(Identifier identifier, @Nullable UUID patient) {
    return identifiers.holder(identifier).filter(holder -> !holder.equals(patient));
  }

  public static ProblemException identifierTaken(Identifier identifier, UUID holder) {
    return ProblemException.of(HttpStatus.CONFLICT, "identifier-taken")
        .detail(
            "This {0} identifier belongs to the patient {1} already: open their record, or merge"
                + " the two if they are one person.",
            identifier.system(), holder)
        .with("holder", holder.toString())
        .with("field", "identifiers")
        .build();
  }

  public PatientDetails normalised(PatientDetails d) {
    return new PatientDetails(
        java.util.Objects.requireNonNull(normaliser.name(d.givenName())),
        java.util.Objects.requireNonNull(normaliser.name(d.familyName())),
        d.birthDate(),
        normaliser.phone(d.phone(), "phone"),
        normaliser.email(d.email()),
        normaliser.name(d.birthFamilyName()),
        d.sex(),
        d.address(),
        d.preferredLanguage(),
        d.preferredChannel(),
        identifiers(d.identifiersOrNone()));
  }

  private MatchQuery normalised(MatchQuery q) {
    return new MatchQuery(
        normaliser.name(q.givenName()),
        normaliser.name(q.familyName()),
        q.birthDate(),
        normaliser.phone(q.phone(), "phone"),
        normaliser.email(q.email()),
        normaliser.name(q.birthFamilyName()),
        q.sex(),
        identifiers(q.identifiersOrNone()));
  }

  private List<Identifier> identifiers(List<Identifier> list) {
    List<Identifier> clean = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      clean.add(normaliser.identifier(list.get(i), "identifiers[" + i + "].value"));
    }
    return clean;
  }

  /** Details already normalised, as the matcher compares them. */
  public static Traits traits(PatientDetails clean) {
    return traits(MatchQuery.of(clean));
  }

  /** A query already normalised, as the matcher compares it. */
  static Traits traits(MatchQuery q) {
    Set<String> ids = new HashSet<>();
    q.identifiersOrNone().forEach(i -> ids.add(i.system() + "|" + i.value()));
    return new Traits(
        q.givenName(),
        q.familyName(),
        q.birthFamilyName(),
        q.birthDate(),
        q.sex(),
        q.phone() == null ? Set.of() : Set.of(q.phone()),
        q.email() == null ? Set.of() : Set.of(q.email()),
        ids);
  }

  static MatchResult result(Decision<UUID> decision) {
    List<MatchResult.Candidate> candidates = new ArrayList<>();
    for (Decision.Scored<UUID> scored : decision.candidates()) {
      candidates.add(
          new MatchResult.Candidate(
              PatientId.of(scored.candidate()),
              Math.round(scored.comparison().score() * 10) / 10.0,
              scored.comparison().band(),
              scored.comparison().fields(),
              scored.comparison().notes()));
    }
    return new MatchResult(decision.band(), candidates);
  }
}
