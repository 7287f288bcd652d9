package org.accueil.assistant.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.accueil.assistant.knowledge.internal.KnowledgeAnalyzers;
import org.accueil.assistant.knowledge.internal.KnowledgeIndex;
import org.accueil.assistant.knowledge.internal.KnowledgeIndex.Doc;
import org.accueil.assistant.knowledge.internal.KnowledgeRepository;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The assistant answers patients from this, and only from this: the practice's entries and its
 * appointment types' preparation instructions, searched in the language of the question. An empty
 * answer means "not in the base" (or a medical question, {@link MedicalAdvice}): the assistant then
 * says it will ask the team and hands the conversation over.
 *
 * <p>The index is in memory on each node, built at start and rebuilt when the entries' revision or
 * the practice configuration's moves (one small query per question checks), so a change made on any
 * node is answered from at the next question on every node.
 */
@Component
public class KnowledgeBase {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

  private final KnowledgeRepository repository;
  private final PracticeDirectory practice;
  private final MessageSource messages;
  private volatile @Nullable Built built;

  /** The index and what it was built from. */
  private record Built(long revision, PracticeSnapshot practice, KnowledgeIndex index) {}

  KnowledgeBase(
      KnowledgeRepository repository, PracticeDirectory practice, MessageSource messages) {
    this.repository = repository;
    this.practice = practice;
    this.messages = messages;
  }

  /**
   * The answer to a patient's question, if the base holds one with enough confidence; never to a
   * medical question.
   */
  public Optional<KnowledgeAnswer> answer(String question, Locale language) {
    if (question.isBlank() || MedicalAdvice.sought(question)) {
      return Optional.empty();
    }
    Built current = current();
    String asked = KnowledgeAnalyzers.language(language);
    return current
        .index()
        .best(asked, question)
        .map(hit -> render(current, hit.doc(), asked, hit.score()));
  }

  /**
   * The entry of a topic, for the keywords patients send: {@code directions} (with the map link),
   * {@code info} (hours and address; without an info entry, the hours and address entries
   * together), or any other topic; the oldest active entry of it.
   */
  public Optional<KnowledgeAnswer> topic(String topic, Locale language) {
    Built current = current();
    String asked = KnowledgeAnalyzers.language(language);
    Optional<Doc> doc = first(current, topic);
    if (doc.isPresent()) {
      return Optional.of(render(current, doc.get(), asked, 0f));
    }
    if (topic.equals("info")) {
      List<KnowledgeAnswer> parts = new ArrayList<>();
      first(current, "hours").ifPresent(d -> parts.add(render(current, d, asked, 0f)));
      first(current, "address").ifPresent(d -> parts.add(render(current, d, asked, 0f)));
      if (!parts.isEmpty()) {
        KnowledgeAnswer head = parts.getFirst();
        return Optional.of(
            new KnowledgeAnswer(
                null,
                "info",
                head.question(),
                String.join("\n", parts.stream().map(KnowledgeAnswer::answer).toList()),
                parts.stream()
                    .map(KnowledgeAnswer::mapUrl)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null),
                head.language(),
                0f));
      }
    }
    return Optional.empty();
  }

  /**
   * How to prepare for an appointment of {@code type}: an active preparation entry written for the
   * type if there is one, else the type's own preparation instructions (practice configuration).
   */
  public Optional<KnowledgeAnswer> preparation(AppointmentTypeId type, Locale language) {
    Built current = current();
    String asked = KnowledgeAnalyzers.language(language);
    return current.index().docs().stream()
        .filter(d -> type.equals(d.appointmentType()) && d.topic().equals("preparation"))
        .min(Comparator.comparing((Doc d) -> d.entryId() == null ? 1 : 0))
        .map(d -> render(current, d, asked, 0f));
  }

  /** For staff: the entries that share words with {@code q}, best first, however weak. */
  public List<KnowledgeAnswer> search(String q, Locale language, int limit) {
    Built current = current();
    String asked = KnowledgeAnalyzers.language(language);
    return current.index().search(asked, q, limit).stream()
        .map(hit -> render(current, hit.doc(), asked, hit.score()))
        .toList();
  }

  /** For staff: the hits with their coverage, to see why an answer is given or not. */
  public List<ScoredEntry> explain(String q, Locale language, int limit) {
    Built current = current();
    String asked = KnowledgeAnalyzers.language(language);
    return current.index().search(asked, q, limit).stream()
        .map(
            hit ->
                new ScoredEntry(
                    render(current, hit.doc(), asked, hit.score()),
                    hit.coverage(),
                    hit.confident()))
        .toList();
  }

  /**
   * A hit as staff see it when they test the base.
   *
   * @param coverage the weighted share of the question's words the entry holds, 0 to 1
   * @param confident whether the coverage reaches the threshold an answer needs
   */
  public record ScoredEntry(KnowledgeAnswer entry, double coverage, boolean confident) {}

  /** Builds the index now if anything changed; after a write commits, and at start. */
  public void refresh() {
    current();
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // Not a reason to stop the node: the first question builds the index.
      log.warn("Could not build the knowledge index at start", e);
    }
  }

  private Built current() {
    long revision = repository.currentRevision();
    PracticeSnapshot snapshot = practice.snapshot();
    Built index = built;
    if (index != null
        && index.revision() == revision
        && index.practice().revision() == snapshot.revision()) {
      return index;
    }
    synchronized (this) {
      index = built;
      if (index == null
          || index.revision() < revision
          || index.practice().revision() < snapshot.revision()) {
        long started = System.nanoTime();
        KnowledgeRepository.Revision entries = repository.load();
        PracticeSnapshot configuration = practice.snapshot();
        index =
            new Built(
                entries.revision(),
                configuration,
                KnowledgeIndex.of(docs(entries.entries(), configuration)));
        built = index;
        log.debug(
            "Knowledge base indexed at revision {}: {} documents in {} µs",
            entries.revision(),
            index.index().docs().size(),
            (System.nanoTime() - started) / 1000);
      }
      return index;
    }
  }

  private List<Doc> docs(List<KnowledgeEntry> entries, PracticeSnapshot configuration) {
    List<Doc> docs = new ArrayList<>();
    for (KnowledgeEntry entry : entries) {
      if (entry.active()) {
        docs.add(
            new Doc(
                entry.id(),
                entry.appointmentType(),
                entry.topic(),
                entry.question(),
                entry.answer(),
                entry.keywords(),
                entry.mapUrl()));
      }
    }
    configuration.appointmentTypes().stream()
        .filter(AppointmentType::active)
        .filter(t -> !blank(t.preparation()))
        .sorted(Comparator.comparing(AppointmentType::code))
        .forEach(
            type ->
                docs.add(
                    new Doc(
                        null,
                        type.id(),
                        "preparation",
                        localized("knowledge.preparation.question", type.name()),
                        type.preparation(),
                        localized("knowledge.preparation.keywords", type.name()),
                        null,
                        localized("knowledge.preparation.intent", type.name()))));
    return docs;
  }

  private LocalizedText localized(String key, LocalizedText name) {
    return new LocalizedText(
        message(key, Locale.FRENCH, name.fr()),
        message(key, Locale.ENGLISH, name.en()),
        message(key, Locale.ITALIAN, name.it()));
  }

  private String message(String key, Locale locale, Object... arguments) {
    return messages.getMessage(key, arguments, locale);
  }

  private Optional<Doc> first(Built current, String topic) {
    return current.index().docs().stream()
        .filter(d -> d.entryId() != null && d.topic().equals(topic))
        .min(Comparator.comparing(d -> d.entryId()));
  }

  /**
   * The document's answer in the language asked, or else in the first language the practice speaks
   * that has it, said so in the language asked; with its map link.
   */
  private KnowledgeAnswer render(Built current, Doc doc, String asked, float score) {
    String language = asked;
    if (doc.answer().in(Locale.forLanguageTag(asked)).isBlank()) {
      Set<String> order = new LinkedHashSet<>(current.practice().profile().languages());
      order.addAll(KnowledgeAnalyzers.LANGUAGES);
      language =
          order.stream()
              .filter(KnowledgeAnalyzers.LANGUAGES::contains)
              .filter(l -> !doc.answer().in(Locale.forLanguageTag(l)).isBlank())
              .findFirst()
              .orElse(asked);
    }
    Locale in = Locale.forLanguageTag(language);
    Locale reader = Locale.forLanguageTag(asked);
    String text = doc.answer().in(in).strip();
    if (doc.mapUrl() != null && !text.contains(doc.mapUrl())) {
      text = text + "\n" + doc.mapUrl();
    }
    if (!language.equals(asked)) {
      text =
          message("knowledge.other-language", reader, in.getDisplayLanguage(reader)) + "\n" + text;
    }
    String question = doc.question().in(in);
    if (question.isBlank()) {
      question =
          KnowledgeAnalyzers.LANGUAGES.stream()
              .map(l -> doc.question().in(Locale.forLanguageTag(l)))
              .filter(q -> !q.isBlank())
              .findFirst()
              .orElse("");
    }
    return new KnowledgeAnswer(doc.entryId(), doc.topic(), question, text, doc.mapUrl(), in, score);
  }

  private static boolean blank(LocalizedText text) {
    return text.fr().isBlank() && text.en().isBlank() && text.it().isBlank();
  }
}
