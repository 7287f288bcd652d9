package org.accueil.patients.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.accueil.patients.ContactPoint;
import org.accueil.patients.Merge;
import org.accueil.patients.MergeParticipant;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientStatus;
import org.accueil.patients.PatientsMerged;
import org.accueil.patients.PatientsProperties;
import org.accueil.patients.PatientsUnmerged;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merges a duplicate record into the record that survives, and undoes it within the grace period.
 *
 * <p>A merge moves to the survivor everything that was the duplicate's: identifiers, other phone
 * numbers and e-mail addresses, channel identities, guardian links, the tombstones of earlier
 * merges, and every participating module's records (appointments...). The survivor keeps its own
 * details and takes the duplicate's where it has none; the duplicate's main phone and e-mail, when
 * the survivor has others, become the survivor's other contact points. The duplicate becomes a
 * tombstone pointing at the survivor. What moved is recorded, so an unmerge moves exactly that back
 * (what was added to the survivor since stays with it).
 */
@Component
public class Merging {

  private static final TypeReference<Map<String, Map<String, @Nullable String>>> BEFORE =
      new TypeReference<>() {};

  static final String IDENTIFIERS = "identifiers";
  static final String CONTACTS = "contacts";
  static final String CREATED_CONTACTS = "createdContacts";
  static final String CHANNEL_IDENTITIES = "channelIdentities";
  static final String RELATIONSHIPS = "relationships";
  static final String TOMBSTONES = "tombstones";

  private final PatientRepository patients;
  private final ContactPointRepository contacts;
  private final IdentifierRepository identifiers;
  private final ChannelIdentityRepository channels;
  private final RelationshipRepository relationships;
  private final DuplicateRepository duplicates;
  private final MergeRepository merges;
  private final ObjectProvider<MergeParticipant> participants;
  private final Matcher matcher;
  private final PatientFields fields;
  private final JsonMapper json;
  private final Audit audit;
  private final ApplicationEventPublisher events;
  private final PatientsProperties properties;
  private final Clock clock;

  Merging(
      PatientRepository patients,
      ContactPointRepository contacts,
      IdentifierRepository identifiers,
      ChannelIdentityRepository channels,
      RelationshipRepository relationships,
      DuplicateRepository duplicates,
      MergeRepository merges,
      ObjectProvider<MergeParticipant> participants,
      Matcher matcher,
      JsonMapper json,
      Audit audit,
      ApplicationEventPublisher events,
      PatientsProperties properties,
      Clock clock) {
    this.patients = patients;
    this.contacts = contacts;
    this.identifiers = identifiers;
    this.channels = channels;
    this.relationships = relationships;
    this.duplicates = duplicates;
    this.merges = merges;
    this.participants = participants;
    this.matcher = matcher;
    this.fields = new PatientFields(json);
    this.json = json;
    this.audit = audit;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
  }

  /** Must run in a transaction: everything moves, or nothing. */
  public Merge merge(PatientId survivorId, PatientId duplicateId, String reason) {
    if (survivorId.equals(duplicateId)) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "merge-same-record")
          .detail("A record cannot be merged into itself: choose two different patients.")
          .with("field", "duplicateId")
          .build();
    }
    Map<UUID, Patient> locked = lock(survivorId, duplicateId);
    Patient survivor = locked.get(survivorId.value());
    Patient duplicate = locked.get(duplicateId.value());
    for (Patient p : List.of(survivor, duplicate)) {
      mergeable(p);
    }
    if (relationships.related(survivorId.value(), duplicateId.value())) {
      throw ProblemException.of(HttpStatus.CONFLICT, "merge-related-records")
          .detail(
              "{0} speaks for {1} (or the other way round): a guardian and their dependent are two"
                  + " people. Remove the link first if the records really are one person.",
              survivorId, duplicateId)
          .build();
    }
    Instant now = clock.instant();
    UUID s = survivorId.value();
    UUID d = duplicateId.value();
    Map<String, List<String>> moved = new LinkedHashMap<>();
    moved.put(IDENTIFIERS, strings(identifiers.moveAll(d, s)));
    moved.put(CONTACTS, strings(contacts.moveAll(d, s)));
    moved.put(CHANNEL_IDENTITIES, strings(channels.moveAll(d, s)));
    moved.put(RELATIONSHIPS, relationships.moveAll(d, s));
    moved.put(TOMBSTONES, strings(patients.repointTombstones(d, s)));
    for (MergeParticipant participant : participants.orderedStream().toList()) {
      moved.put(participant.records(), strings(participant.move(duplicateId, survivorId)));
    }

    Map<String, @Nullable String> before = fields.of(survivor);
    Map<String, @Nullable String> theirs = fields.of(duplicate);
    Map<String, @Nullable String> taken = new LinkedHashMap<>();
    List<String> created = new ArrayList<>();
    theirs.forEach(
        (field, value) -> {
          if (value != null && before.get(field) == null) {
            taken.put(field, value);
          }
        });
    addAsContact(s, ContactPoint.PHONE, duplicate.phone(), survivor.phone(), now, created);
    addAsContact(s, ContactPoint.EMAIL, duplicate.email(), survivor.email(), now, created);
    moved.put(CREATED_CONTACTS, created);
    Map<String, Map<String, @Nullable String>> change = new LinkedHashMap<>();
    if (!taken.isEmpty()) {
      Map<String, @Nullable String> was = new LinkedHashMap<>();
      taken.keySet().forEach(field -> was.put(field, before.get(field)));
      change.put("before", was);
      change.put("after", taken);
      patients.update(fields.with(survivor, taken), now);
    }
    Patient merged = taken.isEmpty() ? survivor : fields.with(survivor, taken);
    // Merging is reviewing, once the record says who the person is: a provisional record holding
    // only the addresses a stranger wrote from stays provisional until they give their names.
    boolean reviewed =
        survivor.status() == PatientStatus.PROVISIONAL
            && merged.givenName() != null
            && merged.familyName() != null
            && merged.birthDate() != null;
    if (reviewed) {
      // Merging is reviewing: the staff member chose this record as the person's.
      patients.confirm(s, Actor.current().reference(), now);
      change.put("status", Map.of("before", PatientStatus.PROVISIONAL.code()));
    }
    patients.markMerged(d, s, now);
    duplicates.decide(s, d, "merged", Actor.current().reference(), now);

    Merge merge =
        new Merge(
            Ids.newId(),
            survivorId,
            duplicateId,
            reason.strip(),
            moved,
            now,
            Actor.current().reference(),
            now.plus(properties.unmergeGracePeriod()),
            null,
            null,
            null);
    merges.insert(
        merge, duplicate.status(), change.isEmpty() ? null : json.writeValueAsString(change));
    audit.success(
        "patient.merge",
        "patient",
        s,
        Map.of("survivor", s, "duplicate", d, "merge", merge.id(), "moved", counts(moved)));
    events.publishEvent(new PatientsMerged(merge.id(), survivorId, duplicateId));
    return merge;
  }

  /** Must run in a transaction. */
  public Merge unmerge(UUID mergeId, String reason) {
    Merge merge =
        merges.lock(mergeId).orElseThrow(() -> ProblemException.notFound("merge", mergeId));
    if (merge.undone()) {
      throw ProblemException.of(HttpStatus.CONFLICT, "merge-already-undone")
          .detail("The merge {0} was undone already.", mergeId)
          .build();
    }
    Instant now = clock.instant();
    if (now.isAfter(merge.unmergeableUntil())) {
      throw ProblemException.of(HttpStatus.CONFLICT, "unmerge-too-late")
          .detail(
              "The merge {0} can no longer be undone: its grace period ended on {1}. Register the"
                  + " person's record again and move their appointments to it.",
              mergeId, merge.unmergeableUntil())
          .build();
    }
    UUID s = merge.survivor().value();
    UUID d = merge.duplicate().value();
    Map<UUID, Patient> locked = lock(merge.survivor(), merge.duplicate());
    Patient survivor = locked.get(s);
    Patient duplicate = locked.get(d);
    if (survivor.status() == PatientStatus.MERGED) {
      UUID later = merges.standing(s).map(Merge::id).orElse(null);
      throw ProblemException.of(HttpStatus.CONFLICT, "unmerge-later-merge-first")
          .detail(
              "{0} was itself merged since (merge {1}): undo that merge first.",
              merge.survivor(), later)
          .with("laterMerge", String.valueOf(later))
          .build();
    }
    if (survivor.mergedInto() != null
        || !Objects.equals(duplicate.mergedInto(), merge.survivor())) {
      throw new IllegalStateException("Merge " + mergeId + " no longer describes the records");
    }
    if (patients.isErased(s)) {
      throw RecordProblems.erased(merge.survivor());
    }

    Map<String, List<String>> moved = merge.moved();
    List<MergeParticipant> all = participants.orderedStream().toList();
    for (MergeParticipant participant : all.reversed()) {
      participant.moveBack(
          uuids(moved.getOrDefault(participant.records(), List.of())),
          merge.survivor(),
          merge.duplicate());
    }
    patients.repointTombstonesBack(uuids(moved.getOrDefault(TOMBSTONES, List.of())), s, d);
    relationships.moveBack(moved.getOrDefault(RELATIONSHIPS, List.of()), s, d);
    channels.moveBack(uuids(moved.getOrDefault(CHANNEL_IDENTITIES, List.of())), s, d);
    contacts.moveBack(uuids(moved.getOrDefault(CONTACTS, List.of())), s, d);
    contacts.deleteIds(uuids(moved.getOrDefault(CREATED_CONTACTS, List.of())), s);
    identifiers.moveBack(uuids(moved.getOrDefault(IDENTIFIERS, List.of())), s, d);

    restoreSurvivor(mergeId, survivor, now);
    patients.restore(d, merges.duplicateStatus(mergeId), now);
    duplicates.markDistinct(s, d, matcher.compare(d, s), Actor.current().reference(), now);
    merges.markUnmerged(mergeId, Actor.current().reference(), reason.strip(), now);
    audit.success(
        "patient.unmerge", "patient", d, Map.of("survivor", s, "duplicate", d, "merge", mergeId));
    events.publishEvent(new PatientsUnmerged(mergeId, merge.survivor(), merge.duplicate()));
    return merges.find(mergeId).orElseThrow();
  }

  /**
   * The survivor's details the merge filled in go back to what they were, unless someone changed
   * them since; a survivor the merge confirmed is provisional again.
   */
  private void restoreSurvivor(UUID mergeId, Patient survivor, Instant now) {
    String recorded = merges.survivorBefore(mergeId);
    if (recorded == null) {
      return;
    }
    Map<String, Map<String, @Nullable String>> change = json.readValue(recorded, BEFORE);
    Map<String, @Nullable String> before = change.getOrDefault("before", Map.of());
    Map<String, @Nullable String> after = change.getOrDefault("after", Map.of());
    Map<String, @Nullable String> current = fields.of(survivor);
    Map<String, @Nullable String> restored = new LinkedHashMap<>();
    before.forEach(
        (field, value) -> {
          if (PatientFields.same(current.get(field), after.get(field))) {
            restored.put(field, value);
          }
        });
    if (!restored.isEmpty()) {
      patients.update(fields.with(survivor, restored), now);
    }
    if (change.containsKey("status")) {
      patients.restore(survivor.id().value(), PatientStatus.PROVISIONAL, now);
    }
  }

  private void addAsContact(
      UUID survivor,
      String system,
      @Nullable String theirs,
      @Nullable String ours,
      Instant now,
      List<String> created) {
    if (theirs == null || ours == null || theirs.equals(ours)) {
      return;
    }
    if (contacts.find(survivor, system, theirs).isPresent()) {
      return;
    }
    created.add(contacts.add(survivor, system, theirs, null, now).id().toString());
  }

  private Map<UUID, Patient> lock(PatientId a, PatientId b) {
    Map<UUID, Patient> locked = new LinkedHashMap<>();
    patients.lock(List.of(a.value(), b.value())).forEach(p -> locked.put(p.id().value(), p));
    for (PatientId id : List.of(a, b)) {
      if (!locked.containsKey(id.value())) {
        throw ProblemException.notFound("patient", id);
      }
    }
    return locked;
  }

  private void mergeable(Patient p) {
    if (patients.isErased(p.id().value())) {
      throw RecordProblems.erased(p.id());
    }
    if (p.status() == PatientStatus.MERGED) {
      throw RecordProblems.merged(p);
    }
  }

  private static Map<String, Integer> counts(Map<String, List<String>> moved) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    moved.forEach((kind, ids) -> counts.put(kind, ids.size()));
    return counts;
  }

  private static List<String> strings(List<UUID> ids) {
    return ids.stream().map(UUID::toString).toList();
  }

  private static List<UUID> uuids(List<String> ids) {
    return ids.stream().map(UUID::fromString).toList();
  }
}
