package org.accueil.patients.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.internal.Matcher;
import org.accueil.patients.matching.Band;
import org.accueil.patients.matching.Decision;
import org.accueil.patients.matching.Traits;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a file validated so far, for a dry run to find what a real import would: a later row
 * that is someone an earlier row registers. Rows are found by birth date (and with day and month
 * exchanged), phone, e-mail and identifier, as the registry's blocking finds records, and compared
 * by the registry's matcher.
 */
final class FileIndex {

  /**
   * The record a row becomes: one already in the registry, or the one an earlier row of the file
   * creates.
   */
  record Target(@Nullable UUID existing, int row) {
    static Target existing(UUID id) {
      return new Target(id, 0);
    }

    static Target createdBy(int row) {
      return new Target(null, row);
    }
  }

  /** A row seen, and the record it becomes. */
  private record Seen(int row, Traits traits, Target target) {}

  private final Matcher matcher;
  private final Map<LocalDate, List<Seen>> byBirthDate = new HashMap<>();
  private final Map<String, List<Seen>> byContact = new HashMap<>();
  private final Map<String, Seen> byIdentifier = new HashMap<>();
  private final Map<String, Target> exactly = new HashMap<>();

  FileIndex(Matcher matcher) {
    this.matcher = matcher;
  }

  /** Each earlier row that {@code probe} may be, as the record it becomes, and how they compare. */
  List<Decision.Scored<Target>> candidates(Traits probe) {
    Set<Seen> found = new LinkedHashSet<>();
    if (probe.birthDate() != null) {
      found.addAll(byBirthDate.getOrDefault(probe.birthDate(), List.of()));
      LocalDate swapped = swapped(probe.birthDate());
      if (swapped != null) {
        found.addAll(byBirthDate.getOrDefault(swapped, List.of()));
      }
    }
    for (String key : contactKeys(probe)) {
      found.addAll(byContact.getOrDefault(key, List.of()));
    }
    for (String identifier : probe.identifiers()) {
      Seen seen = byIdentifier.get(identifier);
      if (seen != null) {
        found.add(seen);
      }
    }
    List<Decision.Scored<Target>> compared = new ArrayList<>();
    for (Seen seen : found) {
      var comparison = matcher.compare(probe, seen.traits());
      if (comparison.band() != Band.NONE) {
        compared.add(new Decision.Scored<>(seen.target(), comparison));
      }
    }
    return compared;
  }

  /** The record of an earlier row with exactly these details, if there was one. */
  @Nullable Target repeated(String fingerprint) {
    return exactly.get(fingerprint);
  }

  /** The row holding {@code identifier} ({@code system|value}) for its record, if any. */
  @Nullable Target holder(String identifier) {
    Seen seen = byIdentifier.get(identifier);
    return seen == null ? null : seen.target();
  }

  @Nullable Integer holderRow(String identifier) {
    Seen seen = byIdentifier.get(identifier);
    return seen == null ? null : seen.row();
  }

  void add(int row, Traits traits, Target target, String fingerprint) {
    Seen seen = new Seen(row, traits, target);
    if (traits.birthDate() != null) {
      byBirthDate.computeIfAbsent(traits.birthDate(), d -> new ArrayList<>()).add(seen);
    }
    for (String key : contactKeys(traits)) {
      byContact.computeIfAbsent(key, k -> new ArrayList<>()).add(seen);
    }
    for (String identifier : traits.identifiers()) {
      byIdentifier.putIfAbsent(identifier, seen);
    }
    exactly.putIfAbsent(fingerprint, target);
  }

  private static List<String> contactKeys(Traits traits) {
    List<String> keys = new ArrayList<>();
    traits.phones().forEach(p -> keys.add("phone|" + p));
    traits.emails().forEach(e -> keys.add("email|" + e));
    return keys;
  }

  private static @Nullable LocalDate swapped(LocalDate date) {
    if (date.getDayOfMonth() > 12 || date.getDayOfMonth() == date.getMonthValue()) {
      return null;
    }
    try {
      return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
