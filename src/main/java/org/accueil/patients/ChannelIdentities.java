package org.accueil.patients;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.accueil.patients.internal.ChannelIdentityRepository;
import org.accueil.patients.internal.Normaliser;
import org.accueil.patients.internal.PatientRepository;
import org.accueil.patients.matching.Band;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who writes from an address: the channels' front door to the registry. A message from a known
 * address belongs to its patient; from a family's shared number, to the one who says who they are;
 * from an unknown one, to the record the sender's details match, or to a new provisional record, so
 * that no conversation is ever without its patient.
 */
@Service
public class ChannelIdentities {

  /** What the registry concluded about a sender. */
  public sealed interface Identification {

    /** The sender's patient: the address was theirs, or the details they gave matched them. */
    record Known(Patient patient, ChannelIdentity identity) implements Identification {}

    /**
     * Several patients may be writing (a family's number, a possible match): ask the sender {@link
     * ChannelIdentities#question(Locale)}, then identify them again with their answer.
     */
    record AskWhoTheyAre(List<PatientId> candidates) implements Identification {}

    /** Nobody known: a provisional record was created for the sender, linked to the address. */
    record NewPatient(Patient patient, ChannelIdentity identity) implements Identification {}
  }

  private final ChannelIdentityRepository identities;
  private final PatientRepository patients;
  private final Patients registry;
  private final Normaliser normaliser;
  private final MessageSource messages;
  private final Audit audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ChannelIdentities(
      ChannelIdentityRepository identities,
      PatientRepository patients,
      Patients registry,
      Normaliser normaliser,
      MessageSource messages,
      Audit audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.identities = identities;
    this.patients = patients;
    this.registry = registry;
    this.normaliser = normaliser;
    this.messages = messages;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Who writes from {@code address} on {@code channel}, given what they said of themself, if
   * anything (their names and birth date, when asked).
   *
   * @param address a phone number in any usual form, an e-mail address or a web chat token
   */
  @Transactional
  public Identification identify(Channel channel, String address, @Nullable MatchQuery claim) {
    String clean = address(channel, address);
    Instant now = clock.instant();
    List<ChannelIdentity> linked = identities.at(channel, clean);
    MatchQuery probe = withAddress(channel, clean, claim);
    if (claim == null) {
      if (linked.size() == 1) {
        return known(linked.getFirst(), now);
      }
      if (linked.size() > 1) {
        return new Identification.AskWhoTheyAre(
            linked.stream().map(ChannelIdentity::patient).toList());
      }
      // The same number on another phone channel: who WhatsApps from it is who calls from it.
      if (channel.isPhone()) {
        List<PatientId> owners =
            identities.atAnyPhoneChannel(clean).stream()
                .map(ChannelIdentity::patient)
                .distinct()
                .toList();
        if (owners.size() == 1) {
          return known(identities.link(owners.getFirst().value(), channel, clean, now), now);
        }
        if (owners.size() > 1) {
          return new Identification.AskWhoTheyAre(owners);
        }
      }
      // A number on somebody's record, never written from yet.
      List<Patient> holders = holdersOf(channel, clean);
      if (holders.size() == 1) {
        return known(identities.link(holders.getFirst().id().value(), channel, clean, now), now);
      }
      if (holders.size() > 1) {
        return new Identification.AskWhoTheyAre(holders.stream().map(Patient::id).toList());
      }
      return newPatient(channel, clean, null, now);
    }
    MatchResult match = registry.match(probe);
    if (match.decision() == Band.MATCH) {
      PatientId patient = match.candidates().getFirst().patientId();
      return known(identities.link(patient.value(), channel, clean, now), now);
    }
    if (match.decision() == Band.POSSIBLE) {
      return new Identification.AskWhoTheyAre(
          match.candidates().stream().map(MatchResult.Candidate::patientId).toList());
    }
    return newPatient(channel, clean, claim, now);
  }

  /**
   * The patients linked to the address, oldest link first, without linking or creating anything:
   * for reads (a web chat visitor reading back their conversation).
   */
  public List<PatientId> patientsAt(Channel channel, String address) {
    String clean;
    try {
      clean = address(channel, address);
    } catch (ProblemException notAnAddress) {
      return List.of();
    }
    return identities.at(channel, clean).stream().map(ChannelIdentity::patient).toList();
  }

  /**
   * Links an address to a patient, as the staff (or the patient's own form) give it: a staff link
   * is verified by the staff member.
   */
  @Transactional
  public ChannelIdentity link(PatientId patient, Channel channel, String address, boolean byStaff) {
    String clean = address(channel, address);
    Instant now = clock.instant();
    if (byStaff) {
      absorbAddressOnlyRecords(patient, channel, clean);
    }
    ChannelIdentity identity = identities.link(patient.value(), channel, clean, now);
    if (byStaff && identity.verification() == Verification.UNVERIFIED) {
      identities.verify(identity.id(), Verification.STAFF, Actor.current().reference(), now);
      identity = identities.find(identity.id()).orElseThrow();
    }
    audit.success(
        "patient.channel-identity.link",
        "patient",
        patient.value(),
        Map.of("channelIdentity", identity.id(), "channel", channel.code()));
    return identity;
  }

  /**
   * A sender nobody knew got a provisional record holding nothing but their address (no names, no
   * birth date). When staff say whose address it is, that record was this patient all along: it is
   * merged into theirs, so what was written from the address (their conversation, a booking) joins
   * the patient's history, and the merge can be undone like any other.
   */
  private void absorbAddressOnlyRecords(PatientId patient, Channel channel, String clean) {
    List<ChannelIdentity> linked =
        channel.isPhone() ? identities.atAnyPhoneChannel(clean) : identities.at(channel, clean);
    for (PatientId other : linked.stream().map(ChannelIdentity::patient).distinct().toList()) {
      if (other.equals(patient)) {
        continue;
      }
      patients
          .find(other.value())
          .filter(
              p ->
                  p.status() == PatientStatus.PROVISIONAL
                      && p.givenName() == null
                      && p.familyName() == null
                      && p.birthDate() == null)
          .ifPresent(
              p ->
                  registry.merge(
                      patient,
                      other,
                      "Staff linked the " + channel.code() + " address it was created from"));
    }
  }

  /**
   * The sender answered the verification question: true, and the identity verified, when the birth
   * date (and the given name, when given) are the record's.
   */
  @Transactional
  public boolean verifyByBirthDate(UUID identity, @Nullable String givenName, LocalDate birthDate) {
    ChannelIdentity found =
        identities
            .find(identity)
            .orElseThrow(() -> ProblemException.notFound("channel-identity", identity));
    Patient patient = patients.find(found.patient().value()).orElseThrow();
    boolean agrees =
        birthDate.equals(patient.birthDate())
            && (givenName == null
                || patient.givenName() == null
                || Objects.equals(
                    org.accueil.patients.matching.NameKeys.key(givenName),
                    org.accueil.patients.matching.NameKeys.key(patient.givenName())));
    if (agrees) {
      identities.verify(identity, Verification.BIRTH_DATE, "patient", clock.instant());
    }
    audit.record(
        "patient.channel-identity.verify",
        "patient",
        patient.id().value(),
        agrees ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.DENIED,
        Map.of("channelIdentity", identity));
    return agrees;
  }

  /** Staff confirm that the address is the patient's. */
  @Transactional
  public ChannelIdentity verifyByStaff(PatientId patient, UUID identity) {
    ChannelIdentity found = own(patient, identity);
    identities.verify(identity, Verification.STAFF, Actor.current().reference(), clock.instant());
    audit.success(
        "patient.channel-identity.verify",
        "patient",
        patient.value(),
        Map.of("channelIdentity", found.id()));
    return identities.find(identity).orElseThrow();
  }

  @Transactional
  public void unlink(PatientId patient, UUID identity) {
    own(patient, identity);
    identities.delete(patient.value(), identity);
    audit.success(
        "patient.channel-identity.unlink",
        "patient",
        patient.value(),
        Map.of("channelIdentity", identity));
  }

  /** What to ask a sender the registry cannot tell from another, in their language. */
  public String question(Locale language) {
    return messages.getMessage("identity.question", null, language);
  }

  private ChannelIdentity own(PatientId patient, UUID identity) {
    return identities
        .find(identity)
        .filter(i -> i.patient().equals(patient))
        .orElseThrow(() -> ProblemException.notFound("channel-identity", identity));
  }

  private Identification known(ChannelIdentity identity, Instant now) {
    identities.seen(identity.id(), now);
    Patient patient = patients.find(identity.patient().value()).orElseThrow();
    return new Identification.Known(patient, identity);
  }

  private Identification newPatient(
      Channel channel, String address, @Nullable MatchQuery claim, Instant now) {
    Patient patient;
    if (claim != null
        && claim.givenName() != null
        && claim.familyName() != null
        && claim.birthDate() != null) {
      patient =
          registry
              .registration(
                  new PatientDetails(
                      claim.givenName(),
                      claim.familyName(),
                      claim.birthDate(),
                      channel.isPhone() ? address : claim.phone(),
                      channel == Channel.EMAIL ? address : claim.email()),
                  Origin.CONVERSATION)
              .patient();
    } else {
      patient =
          new Patient(
              PatientId.of(Ids.newId()),
              PatientStatus.PROVISIONAL,
              claim == null ? null : normaliser.name(claim.givenName()),
              claim == null ? null : normaliser.name(claim.familyName()),
              null,
              claim == null ? null : claim.birthDate(),
              null,
              channel.isPhone() ? address : null,
              channel == Channel.EMAIL ? address : null,
              null,
              null,
              channel,
              Origin.CONVERSATION,
              null);
      patients.insert(patient, now);
      audit.success(
          "patient.create", "patient", patient.id().value(), Map.of("origin", "conversation"));
      events.publishEvent(new PatientCreated(patient.id(), patient.status(), Origin.CONVERSATION));
    }
    ChannelIdentity identity = identities.link(patient.id().value(), channel, address, now);
    identities.seen(identity.id(), now);
    return new Identification.NewPatient(patient, identity);
  }

  private List<Patient> holdersOf(Channel channel, String address) {
    if (channel == Channel.WEBCHAT) {
      return List.of();
    }
    return registry.search(
        null,
        null,
        null,
        channel.isPhone() ? address : null,
        channel == Channel.EMAIL ? address : null,
        null,
        Patients.LIVE,
        5);
  }

  private static MatchQuery withAddress(
      Channel channel, String address, @Nullable MatchQuery claim) {
    MatchQuery c =
        claim == null ? new MatchQuery(null, null, null, null, null, null, null, null) : claim;
    return new MatchQuery(
        c.givenName(),
        c.familyName(),
        c.birthDate(),
        channel.isPhone() ? address : c.phone(),
        channel == Channel.EMAIL ? address : c.email(),
        c.birthFamilyName(),
        c.sex(),
        c.identifiers());
  }

  private String address(Channel channel, String address) {
    if (channel.isPhone()) {
      return Objects.requireNonNull(normaliser.phone(address, "address"));
    }
    if (channel == Channel.EMAIL) {
      return Objects.requireNonNull(normaliser.email(address));
    }
    if (address.isBlank() || address.length() > 200) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-request")
          .detail("A web chat visitor token has 1 to 200 characters.")
          .with("field", "address")
          .build();
    }
    return address;
  }
}
