package org.accueil.patients.evaluation;

import java.util.List;
import java.util.Random;

/**
 * A synthetic registry and the queries a patient matcher is measured on: see {@link Households} for
 * who lives with whom and who is registered, {@link Corruptions} for how details change, and {@link
 * Presentations} for the rules that keep every query answerable by a careful receptionist.
 *
 * @param registry the patients, to load before matching; a query's truth is an index into it
 * @param queries in random order, kinds mixed
 */
public record SyntheticPopulation(List<SyntheticPerson> registry, List<Query> queries) {

  public SyntheticPopulation {
    registry = List.copyOf(registry);
    queries = List.copyOf(queries);
    for (Query query : queries) {
      if (query.truth() >= registry.size()) {
        throw new IllegalArgumentException("truth " + query.truth() + " is not in the registry");
      }
    }
  }

  /** The default mixes: {@link LanguageMix#DEFAULT} and {@link QueryMix#DEFAULT}. */
  public static SyntheticPopulation generate(long seed, int registrySize, int queries) {
    return generate(seed, registrySize, queries, LanguageMix.DEFAULT, QueryMix.DEFAULT);
  }

  /**
   * The same arguments always give the same population. The registry depends only on the seed, its
   * size and the language mix, so sets of different query counts share their registry.
   */
  public static SyntheticPopulation generate(
      long seed, int registrySize, int queries, LanguageMix languages, QueryMix mix) {
    if (registrySize < 1 || queries < 0) {
      throw new IllegalArgumentException("a registry of at least one person, queries >= 0");
    }
    NameLists names = NameLists.load();
    PhoneBook phones = new PhoneBook();
    EmailAddresses emails = new EmailAddresses();
    var households = new Households(new Random(seed), names, phones, emails);
    Households.World world = households.populate(registrySize, languages);
    var corruptions = new Corruptions(names, phones);
    var presentations =
        new Presentations(
            new Random(seed * 31 + 17), world, households, corruptions, names, languages);
    return new SyntheticPopulation(world.registry(), presentations.draw(mix, queries));
  }
}
