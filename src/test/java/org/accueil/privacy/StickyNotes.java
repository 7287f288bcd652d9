package org.accueil.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.accueil.patients.PatientId;

/**
 * Stands for a module built later that holds personal data of its own (say, conversations): staff
 * notes per patient, kept in memory. It joins the export and the erasure as such a module would.
 */
class StickyNotes implements PersonalDataContributor {

  record Note(String text, Instant at) {}

  private final Map<PatientId, List<Note>> notes = new ConcurrentHashMap<>();

  void add(PatientId patient, String text, Instant at) {
    notes.computeIfAbsent(patient, p -> new CopyOnWriteArrayList<>()).add(new Note(text, at));
  }

  List<Note> of(PatientId patient) {
    return notes.getOrDefault(patient, List.of());
  }

  @Override
  public String section() {
    return "stickyNotes";
  }

  @Override
  public Object export(PatientId patient) {
    return Map.of("notes", of(patient));
  }

  @Override
  public void erase(PatientId patient) {
    notes.remove(patient);
  }

  /** A retention sweep that remembers the cut-offs it was asked for. */
  static class Sweep implements RetentionSweep {

    final List<Instant> cutoffs = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "sticky notes";
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
      cutoffs.add(cutoff);
      return 2;
    }
  }
}
