package org.accueil.assistant.knowledge;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.accueil.assistant.knowledge.internal.KnowledgeRepository;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.PracticeDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The administration of the knowledge base: entries written, changed and removed, each checked for
 * meaning (the shape is checked by Bean Validation), audited, and searchable on this node as soon
 * as the change commits (on the others at their next question).
 */
@Service
@Transactional
public class KnowledgeEntries {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(KnowledgeEntries.class);

  private final KnowledgeRepository repository;
  private final KnowledgeBase base;
  private final PracticeDirectory practice;
  private final Audit audit;
  private final Clock clock;

  KnowledgeEntries(
      KnowledgeRepository repository,
      KnowledgeBase base,
      PracticeDirectory practice,
      Audit audit,
      Clock clock) {
    this.repository = repository;
    this.base = base;
    this.practice = practice;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<KnowledgeEntry> list() {
    return repository.all();
  }

  @Transactional(readOnly = true)
  public KnowledgeEntry entry(UUID id) {
    return repository.find(id).orElseThrow(() -> ProblemException.notFound("knowledge-entry", id));
  }

  public KnowledgeEntry create(KnowledgeEntryDetails details) {
    check(details);
    UUID id = Ids.newId();
    repository.insert(id, details, clock.instant());
    audit.success("knowledge-entry.create", "knowledge-entry", id);
    reindexAfterCommit();
    return repository.find(id).orElseThrow();
  }

  public KnowledgeEntry update(UUID id, KnowledgeEntryDetails details) {
    check(details);
    if (!repository.update(id, details, clock.instant())) {
      throw ProblemException.notFound("knowledge-entry", id);
    }
    audit.success("knowledge-entry.update", "knowledge-entry", id);
    reindexAfterCommit();
    return repository.find(id).orElseThrow();
  }

  public void delete(UUID id) {
    if (!repository.delete(id)) {
      throw ProblemException.notFound("knowledge-entry", id);
    }
    audit.success("knowledge-entry.delete", "knowledge-entry", id);
    reindexAfterCommit();
  }

  private void check(KnowledgeEntryDetails details) {
    if (blank(details.question())) {
      throw invalid(
          "knowledge-question-missing",
          "question",
          "Write the question in at least one language (fr, en or it).");
    }
    if (blank(details.answer())) {
      throw invalid(
          "knowledge-answer-missing",
          "answer",
          "Write the answer in at least one language (fr, en or it); the assistant answers in"
              + " another language the practice speaks when one is missing.");
    }
    if (details.appointmentTypeId() != null
        && practice
            .snapshot()
            .appointmentType(AppointmentTypeId.of(details.appointmentTypeId()))
            .isEmpty()) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "knowledge-unknown-type")
          .detail(
              "There is no appointment type with id {0}; see GET /api/v1/appointment-types.",
              details.appointmentTypeId())
          .with("field", "appointmentTypeId")
          .build();
    }
    if (details.mapUrl() != null && !details.mapUrl().isBlank()) {
      try {
        java.net.URI uri = new java.net.URI(details.mapUrl().strip());
        if (uri.getHost() == null) {
          throw new java.net.URISyntaxException(details.mapUrl(), "no host");
        }
      } catch (java.net.URISyntaxException e) {
        throw invalid(
            "knowledge-map-url",
            "mapUrl",
            "The map link must be a web address such as"
                + " https://www.openstreetmap.org/?mlat=48.8566&mlon=2.3522#map=17/48.8566/2.3522.");
      }
    }
  }

  private static ProblemException invalid(String slug, String field, String english) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, slug)
        .detail(english)
        .with("field", field)
        .build();
  }

  private void reindexAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              try {
                base.refresh();
              } catch (RuntimeException e) {
                // The change is committed; the next question rebuilds the index anyway.
                log.warn("Could not rebuild the knowledge index after a change", e);
              }
            }
          });
    }
  }

  private static boolean blank(LocalizedText text) {
    return text.fr().isBlank() && text.en().isBlank() && text.it().isBlank();
  }
}
