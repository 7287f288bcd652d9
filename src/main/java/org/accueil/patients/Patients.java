package org.accueil.patients;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.internal.ChannelIdentityRepository;
import org.accueil.patients.internal.ContactPointRepository;
import org.accueil.patients.internal.IdentifierRepository;
import org.accueil.patients.internal.MergeRepository;
import org.accueil.patients.internal.Merging;
import org.accueil.patients.internal.Normaliser;
import org.accueil.patients.internal.PatientRepository;
import org.accueil.patients.internal.PatientSearch;
import org.accueil.patients.internal.RecordProblems;
import org.accueil.patients.internal.Registrar;
import org.accueil.patients.internal.RelationshipRepository;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry's front door: one record per person, found again however they present themself,
 * never merged by mistake. See docs/PATIENTS.md.
 */
@Service
public class Patients {

  /** The default search: the records people are, not the tombstones of merges. */
  public static final Set<PatientStatus> LIVE =
      EnumSet.of(PatientStatus.ACTIVE, PatientStatus.PROVISIONAL);

  private final PatientRepository repository;
  private final PatientSearch search;
  private final Registrar registrar;
  private final Merging merging;
  private final MergeRepository merges;
  private final ContactPointRepository contacts;
  private final IdentifierRepository identifiers;
  private final ChannelIdentityRepository channels;
  private final RelationshipRepository relationships;
  private final Normaliser normaliser;
  private final CareRelationships care;
  private final Audit audit;
  private final Clock clock;

  Patients(
      PatientRepository repository,
      PatientSearch search,
      Registrar registrar,
      Merging merging,
      MergeRepository merges,
      ContactPointRepository contacts,
      IdentifierRepository identifiers,
      ChannelIdentityRepository channels,
      RelationshipRepository relationships,
      Normaliser normaliser,
      CareRelationships care,
      Audit audit,
      Clock clock) {
    this.repository = repository;
    this.search = search;
    this.registrar = registrar;
    this.merging = merging;
    this.merges = merges;
    this.contacts = contacts;
    this.identifiers = identifiers;
    this.channels = channels;
    this.relationships = relationships;
    this.normaliser = normaliser;
    this.care = care;
    this.audit = audit;
    this.clock = clock;
  }

  // ------------------------------------------------------------------------------ reading

  /**
   * The record if the current caller may see it: a clinician only the patients booked with them.
   * Anyone else sees every patient. A record the caller may not see is "not found", so ids cannot
   * be probed.
   */
  public Patient visibleToCaller(PatientId id) {
    return find(id)
        .filter(p -> !visibleToCaller(List.of(p)).isEmpty())
        .orElseThrow(() -> ProblemException.notFound("patient", id.value()));
  }

  /** Those of {@code found} the current caller may see. */
  public List<Patient> visibleToCaller(List<Patient> found) {
    UUID own = Actor.current().ownCalendarOnly();
    if (own == null || found.isEmpty()) {
      return found;
    }
    List<UUID> ids = new ArrayList<>();
    for (Patient p : found) {
      ids.add(p.id().value());
      if (p.mergedInto() != null) {
        ids.add(p.mergedInto().value());
      }
    }
    var booked = care.bookedWith(own, ids);
    return found.stream()
        .filter(
            p ->
                booked.contains(p.id().value())
                    || (p.mergedInto() != null && booked.contains(p.mergedInto().value())))
        .toList();
  }

  /** Those of {@code ids} the current caller may see; read only for a clinician. */
  public List<PatientId> visibleAmong(List<PatientId> ids) {
    if (Actor.current().ownCalendarOnly() == null || ids.isEmpty()) {
      return ids;
    }
    return visibleToCaller(repository.findAll(ids.stream().map(PatientId::value).toList())).stream()
        .map(Patient::id)
        .toList();
  }

  /** The record, whatever its status; an erased patient's is the placeholder that replaced it. */
  public Optional<Patient> find(PatientId id) {
    return repository.find(id.value());
  }

  /** The record that is the person now: the survivor when {@code id} was merged into it. */
  public Optional<Patient> current(PatientId id) {
    return find(id)
        .flatMap(
            p -> p.mergedInto() == null ? Optional.of(p) : repository.find(p.mergedInto().value()));
  }

  /**
   * The records that are this person: {@code id}'s current record and every record merged into it.
   * Modules keeping records a merge does not move (consent decisions, which are never rewritten)
   * read all of them.
   */
  public List<PatientId> recordsOf(PatientId id) {
    Optional<Patient> current = current(id);
    if (current.isEmpty()) {
      return List.of(id);
    }
    List<PatientId> all = new ArrayList<>();
    all.add(current.get().id());
    repository.tombstonesOf(current.get().id().value()).forEach(t -> all.add(PatientId.of(t)));
    return all;
  }

  /** Everything the registry holds about the patient. */
  public PatientRecord record(Patient patient) {
    UUID id = patient.id().value();
    return new PatientRecord(
        patient,
        contacts.of(id),
        identifiers.of(id),
        channels.of(id),
        relationships.guardiansOf(id),
        relationships.dependentsOf(id),
        repository.tombstonesOf(id).stream().map(PatientId::of).toList());
  }

  public boolean isErased(PatientId id) {
    return repository.isErased(id.value());
  }

  /**
   * The staff's search; criteria combine. {@code text} finds names with typos, in any order.
   *
   * @param phone in any usual form
   * @param statuses {@link #LIVE} unless tombstones are wanted
   */
  @Transactional(readOnly = true)
  public List<Patient> search(
      @Nullable String text,
      @Nullable String familyName,
      @Nullable LocalDate birthDate,
      @Nullable String phone,
      @Nullable String email,
      @Nullable Identifier identifier,
      Set<PatientStatus> statuses,
      int limit) {
    return search.search(
        new PatientSearch.Criteria(
            text,
            familyName,
            birthDate,
            normaliser.phone(phone, "phone"),
            normaliser.email(email),
            identifier == null ? null : normaliser.identifier(identifier, "identifier"),
            statuses,
            limit));
  }

  /**
   * What staff typed in a search box, read as they meant it ({@link SearchText}): names in any
   * order, a birth date, a phone number; live records only.
   */
  @Transactional(readOnly = true)
  public List<Patient> searchTyped(String typed, int limit) {
    SearchText text = SearchText.parse(typed);
    return search(text.names(), null, text.birthDate(), text.phone(), null, null, LIVE, limit);
  }

  /** The former search: family name prefix, birth date, phone. */
  public List<Patient> search(
      @Nullable String familyName,
      @Nullable LocalDate birthDate,
      @Nullable String phone,
      int limit) {
    return search(null, familyName, birthDate, phone, null, null, LIVE, limit);
  }

  // ------------------------------------------------------------------------- registration

  /** Who the details describe, whether this call created their record, and the match behind it. */
  public record Registration(Patient patient, boolean created, MatchResult match) {
    public Registration(Patient patient, boolean created) {
      this(patient, created, MatchResult.none());
    }
  }

  /**
   * The patient these details describe, as the front desk registers them: an existing record when
   * the matcher links the details to it (names, birth date, and a phone, e-mail or identifier in
   * common); otherwise a new active record, with every possible match put in the review queue.
   * Names and birth date alone never reuse a record: two people can share them, and booking for the
   * wrong one is worse than a duplicate staff merge.
   */
  @Transactional
  public Patient register(PatientDetails details) {
    return registration(details).patient();
  }

  /** As {@link #register}, telling whether the record is new. */
  @Transactional
  public Registration registration(PatientDetails details) {
    return registration(details, Origin.STAFF);
  }

  /**
   * As {@link #register}, for details that came from {@code origin}: a booking or a conversation
   * creates a provisional record, awaiting review.
   */
  @Transactional
  public Registration registration(PatientDetails details, Origin origin) {
    Registrar.Registered registered = registrar.register(details, origin);
    return new Registration(registered.patient(), registered.created(), registered.match());
  }

  /** Whose record these details may be; changes nothing. */
  @Transactional(readOnly = true)
  public MatchResult match(MatchQuery query) {
    return registrar.match(query);
  }

  /** Replaces the patient's details; an erased or merged record cannot change. */
  @Transactional
  public Patient update(PatientId id, PatientDetails details) {
    Patient current = changeable(id);
    PatientDetails clean = registrar.normalised(details);
    Patient updated = Patient.of(current.id(), current.status(), clean, current.origin(), null);
    repository.update(updated, clock.instant());
    registrar.addIdentifiers(id.value(), clean.identifiersOrNone(), clock.instant());
    audit.success("patient.update", "patient", id.value());
    return updated;
  }

  /** A provisional record reviewed by the staff: the patient is who they said. */
  @Transactional
  public Patient confirm(PatientId id) {
    Patient patient = changeable(id);
    if (patient.status() == PatientStatus.ACTIVE) {
      return patient;
    }
    if (patient.givenName() == null
        || patient.familyName() == null
        || patient.birthDate() == null) {
      throw ProblemException.of(HttpStatus.CONFLICT, "patient-incomplete")
          .detail(
              "The record {0} has no names or birth date yet: complete it before confirming it.",
              id)
          .build();
    }
    repository.confirm(id.value(), Actor.current().reference(), clock.instant());
    audit.success("patient.confirm", "patient", id.value());
    return repository.find(id.value()).orElseThrow();
  }

  // ------------------------------------------------------------------- contacts and links

  /**
   * Records another phone number or e-mail address of the patient.
   *
   * @param system {@link ContactPoint#PHONE} or {@link ContactPoint#EMAIL}
   */
  @Transactional
  public ContactPoint addContact(PatientId id, String system, String value, @Nullable String use) {
    changeable(id);
    String clean =
        system.equals(ContactPoint.PHONE)
            ? normaliser.phone(value, "value")
            : normaliser.email(value);
    if (clean == null) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-request")
          .detail("Give the phone number or e-mail address to record.")
          .with("field", "value")
          .build();
    }
    ContactPoint point = contacts.add(id.value(), system, clean, use, clock.instant());
    audit.success("patient.contact.add", "patient", id.value(), Map.of("contact", point.id()));
    return point;
  }

  @Transactional
  public void removeContact(PatientId id, UUID contact) {
    changeable(id);
    if (!contacts.delete(id.value(), contact)) {
      throw ProblemException.notFound("contact-point", contact);
    }
    audit.success("patient.contact.remove", "patient", id.value(), Map.of("contact", contact));
  }

  /** Records an identifier of the patient; one that belongs to someone else is refused (409). */
  @Transactional
  public PatientIdentifier addIdentifier(PatientId id, Identifier identifier) {
    changeable(id);
    Identifier clean = normaliser.identifier(identifier, "value");
    registrar.addIdentifiers(id.value(), List.of(clean), clock.instant());
    PatientIdentifier added =
        identifiers.of(id.value()).stream()
            .filter(i -> i.system().equals(clean.system()) && i.value().equals(clean.value()))
            .findFirst()
            .orElseThrow();
    audit.success(
        "patient.identifier.add",
        "patient",
        id.value(),
        Map.of("identifier", added.id(), "system", added.system()));
    return added;
  }

  @Transactional
  public void removeIdentifier(PatientId id, UUID identifier) {
    changeable(id);
    if (!identifiers.delete(id.value(), identifier)) {
      throw ProblemException.notFound("identifier", identifier);
    }
    audit.success(
        "patient.identifier.remove", "patient", id.value(), Map.of("identifier", identifier));
  }

  /** {@code guardian} books and speaks for {@code dependent}. */
  @Transactional
  public Relationship link(PatientId guardian, PatientId dependent, RelationshipKind kind) {
    if (guardian.equals(dependent)) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "relationship-to-self")
          .detail("A patient cannot be their own guardian.")
          .with("field", "dependentId")
          .build();
    }
    changeable(guardian);
    changeable(dependent);
    Relationship relationship = new Relationship(guardian, dependent, kind);
    relationships.link(relationship, Actor.current().reference(), clock.instant());
    audit.success(
        "patient.relationship.add",
        "patient",
        guardian.value(),
        Map.of("dependent", dependent.value(), "kind", kind.code()));
    return relationship;
  }

  @Transactional
  public void unlink(PatientId guardian, PatientId dependent) {
    if (!relationships.unlink(guardian.value(), dependent.value())) {
      throw ProblemException.notFound("relationship", dependent.value());
    }
    audit.success(
        "patient.relationship.remove",
        "patient",
        guardian.value(),
        Map.of("dependent", dependent.value()));
  }

  // ------------------------------------------------------------------------------ merging

  /**
   * Merges {@code duplicate} into {@code survivor}: appointments, conversations, identifiers,
   * contact points and channel identities move to the survivor, the duplicate becomes a tombstone
   * pointing at it. Undone with {@link #unmerge} within the grace period.
   */
  @Transactional
  public Merge merge(PatientId survivor, PatientId duplicate, String reason) {
    return merging.merge(survivor, duplicate, reason);
  }

  /** Undoes a merge within its grace period: what it moved goes back. */
  @Transactional
  public Merge unmerge(UUID merge, String reason) {
    return merging.unmerge(merge, reason);
  }

  public Optional<Merge> findMerge(UUID id) {
    return merges.find(id);
  }

  /** The merges into or of the patient, newest first. */
  public List<Merge> mergesOf(PatientId id) {
    return merges.of(id.value());
  }

  // ------------------------------------------------------------------------------ erasure

  /**
   * Replaces what identifies the patient (names, birth date but its year, phone, email, address,
   * identifiers, other contacts, channel identities, guardian links) for good, on their request, in
   * every record that is this person (merged ones included). Erased patients are no longer found by
   * search or matched by registration.
   *
   * @return true when this call erased the record, false when it had been erased before
   */
  @Transactional
  public boolean erase(PatientId id) {
    if (repository.find(id.value()).isEmpty()) {
      throw ProblemException.notFound("patient", id);
    }
    List<UUID> records = recordsOf(id).stream().map(PatientId::value).toList();
    Instant now = clock.instant();
    // The UPDATE locks the row: a concurrent erasure waits, then finds it erased and returns false.
    boolean erased = repository.erase(records.getFirst(), now);
    records.subList(1, records.size()).forEach(tombstone -> repository.erase(tombstone, now));
    contacts.deleteAll(records);
    identifiers.deleteAll(records);
    channels.deleteAll(records);
    relationships.deleteAll(records);
    merges.forgetDetails(records);
    return erased;
  }

  private Patient changeable(PatientId id) {
    Patient patient =
        repository.find(id.value()).orElseThrow(() -> ProblemException.notFound("patient", id));
    if (repository.isErased(id.value())) {
      throw RecordProblems.erased(id);
    }
    if (patient.status() == PatientStatus.MERGED) {
      throw RecordProblems.merged(patient);
    }
    return patient;
  }
}
