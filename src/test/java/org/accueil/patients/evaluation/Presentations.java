package org.accueil.patients.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.accueil.patients.evaluation.Corruptions.Corrupted;
import org.accueil.patients.evaluation.Households.Relative;
import org.accueil.patients.evaluation.Households.World;
import org.accueil.patients.evaluation.Query.Kind;
import org.jspecify.annotations.Nullable;

/**
 * The queries: people presenting themselves at the desk, each of a {@link Kind}, with their details
 * corrupted by {@link Corruptions} within rules that keep every query answerable:
 *
 * <ul>
 *   <li>no query carries the exact names and birth date (accents, case and punctuation aside, in
 *       either order) of a registry person other than its truth;
 *   <li>a patient never changes given name, family name and birth date at once while also losing
 *       both a recognisable phone and e-mail;
 *   <li>a twin's given name stays closer to their own than to their sibling's, and is never the
 *       sibling's nickname;
 *   <li>relatives keep the phone and mailbox they share with the patient, and namesakes keep a
 *       birth date no single typo turns into the patient's.
 * </ul>
 */
final class Presentations {

  /** Registered twins are about 2% of patients; 8% of same-person queries are for one. */
  private static final double SAME_PERSON_FOR_A_REGISTERED_TWIN = 0.08;

  private static final Set<Corruption> KEEPS_WHAT_IS_SHARED =
      except(Corruption.PHONE_CHANGED, Corruption.PHONE_MISSING, Corruption.EMAIL_MISSING);
  private static final Set<Corruption> NOT_IN_REGISTRY = except(Corruption.PHONE_CHANGED);
  private static final Set<Corruption> KEEPS_BIRTH_DATE =
      except(
          Corruption.PHONE_CHANGED, Corruption.DAY_MONTH_SWAPPED, Corruption.BIRTH_DATE_DIGIT_TYPO);

  private final Random random;
  private final World world;
  private final Households households;
  private final Corruptions corruptions;
  private final NameLists names;
  private final LanguageMix languages;
  private final Map<String, List<Integer>> registryByKey = new HashMap<>();
  private final Map<Integer, Integer> registeredTwinOf = new HashMap<>();

  Presentations(
      Random random,
      World world,
      Households households,
      Corruptions corruptions,
      NameLists names,
      LanguageMix languages) {
    this.random = random;
    this.world = world;
    this.households = households;
    this.corruptions = corruptions;
    this.names = names;
    this.languages = languages;
    for (int i = 0; i < world.registry().size(); i++) {
      SyntheticPerson person = world.registry().get(i);
      registryByKey
          .computeIfAbsent(
              key(person.givenName(), person.familyName(), person), k -> new ArrayList<>())
          .add(i);
    }
    for (int[] pair : world.registeredTwins()) {
      registeredTwinOf.put(pair[0], pair[1]);
      registeredTwinOf.put(pair[1], pair[0]);
    }
  }

  /**
   * @return {@code count} queries in random order; a kind whose relatives the registry is too small
   *     to have (no unregistered twin, say) is replaced by new people
   */
  List<Query> draw(QueryMix mix, int count) {
    List<Query> queries = new ArrayList<>();
    Map<Kind, Integer> counts = mix.counts(count);
    for (Kind kind : Kind.values()) {
      List<Relative> pool = shuffled(pool(kind));
      for (int i = 0; i < counts.get(kind); i++) {
        queries.add(
            switch (kind) {
              case SAME_PERSON -> samePerson();
              case NEW_PERSON -> newPerson();
              case NAMESAKE -> namesake();
              case TWIN, FAMILY_MEMBER, SPOUSE ->
                  pool.isEmpty() ? newPerson() : relative(kind, pool.get(i % pool.size()));
            });
      }
    }
    Collections.shuffle(queries, random);
    return queries;
  }

  private Query samePerson() {
    List<SyntheticPerson> registry = world.registry();
    int truth =
        !world.registeredTwins().isEmpty()
                && random.nextDouble() < SAME_PERSON_FOR_A_REGISTERED_TWIN
            ? world.registeredTwins()
                .get(random.nextInt(world.registeredTwins().size()))[random.nextInt(2)]
            : random.nextInt(registry.size());
    SyntheticPerson patient = registry.get(truth);
    @Nullable Integer twin = registeredTwinOf.get(truth);
    Corrupted corrupted =
        corruptions.present(
            random,
            patient,
            Corruptions.ALL,
            c ->
                onlyMatches(c.details(), truth)
                    && recognisable(c, patient)
                    && (twin == null || closerToOwnName(c.details(), patient, registry.get(twin))));
    return new Query(Kind.SAME_PERSON, corrupted.details(), truth, corrupted.labels());
  }

  private Query newPerson() {
    SyntheticPerson person;
    do {
      person = households.newcomer(languages.draw(random));
    } while (!onlyMatches(person, -1));
    Corrupted corrupted =
        corruptions.present(random, person, NOT_IN_REGISTRY, c -> onlyMatches(c.details(), -1));
    return new Query(Kind.NEW_PERSON, corrupted.details(), -1, corrupted.labels());
  }

  private Query namesake() {
    SyntheticPerson patient = world.registry().get(random.nextInt(world.registry().size()));
    SyntheticPerson person;
    do {
      person = households.namesakeOf(patient);
    } while (!onlyMatches(person, -1));
    Corrupted corrupted =
        corruptions.present(random, person, KEEPS_BIRTH_DATE, c -> onlyMatches(c.details(), -1));
    return new Query(Kind.NAMESAKE, corrupted.details(), -1, corrupted.labels());
  }

  private Query relative(Kind kind, Relative relative) {
    SyntheticPerson patient = world.registry().get(relative.registered());
    Corrupted corrupted =
        corruptions.present(
            random,
            relative.person(),
            KEEPS_WHAT_IS_SHARED,
            c ->
                onlyMatches(c.details(), -1)
                    && (kind != Kind.TWIN
                        || closerToOwnName(c.details(), relative.person(), patient)));
    return new Query(kind, corrupted.details(), -1, corrupted.labels());
  }

  private List<Relative> pool(Kind kind) {
    return switch (kind) {
      case TWIN -> world.twins();
      case FAMILY_MEMBER -> world.familyMembers();
      case SPOUSE -> world.spouses();
      default -> List.of();
    };
  }

  private List<Relative> shuffled(List<Relative> pool) {
    List<Relative> copy = new ArrayList<>(pool);
    Collections.shuffle(copy, random);
    return copy;
  }

  /** Whether the only registry person with these exact names and birth date is {@code truth}. */
  private boolean onlyMatches(SyntheticPerson details, int truth) {
    for (String key :
        List.of(
            key(details.givenName(), details.familyName(), details),
            key(details.familyName(), details.givenName(), details))) {
      for (int index : registryByKey.getOrDefault(key, List.of())) {
        if (index != truth) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A careful receptionist can still tell who it is: at least one of given name, family name and
   * birth date is as registered (accents, case and punctuation aside), or else the phone or the
   * e-mail is.
   */
  static boolean recognisable(Corrupted corrupted, SyntheticPerson patient) {
    SyntheticPerson query = corrupted.details();
    boolean givenChanged =
        !Spelling.plain(query.givenName()).equals(Spelling.plain(patient.givenName()));
    boolean familyChanged =
        !Spelling.plain(query.familyName()).equals(Spelling.plain(patient.familyName()));
    boolean dateChanged = !query.birthDate().equals(patient.birthDate());
    boolean phoneKept =
        patient.phone() != null
            && !corrupted.applied().contains(Corruption.PHONE_CHANGED)
            && !corrupted.applied().contains(Corruption.PHONE_MISSING);
    boolean emailKept = patient.email() != null && query.email() != null;
    return !(givenChanged && familyChanged && dateChanged) || phoneKept || emailKept;
  }

  /** A twin's given name, however written, must still point to them rather than their sibling. */
  private boolean closerToOwnName(
      SyntheticPerson details, SyntheticPerson self, SyntheticPerson twin) {
    int own = Integer.MAX_VALUE;
    int sibling = Integer.MAX_VALUE;
    for (String name : List.of(details.givenName(), details.familyName())) {
      own = Math.min(own, Spelling.distance(name, self.givenName()));
      sibling = Math.min(sibling, Spelling.distance(name, twin.givenName()));
      for (String nickname : names.nicknamesOf(twin.language(), twin.givenName())) {
        if (Spelling.plain(name).equals(Spelling.plain(nickname))) {
          return false;
        }
      }
    }
    return own < sibling;
  }

  private static String key(String given, String family, SyntheticPerson person) {
    return Spelling.plain(given) + "|" + Spelling.plain(family) + "|" + person.birthDate();
  }

  private static Set<Corruption> except(Corruption... excluded) {
    Set<Corruption> allowed = EnumSet.copyOf(Corruptions.ALL);
    for (Corruption corruption : excluded) {
      allowed.remove(corruption);
    }
    return allowed;
  }
}
