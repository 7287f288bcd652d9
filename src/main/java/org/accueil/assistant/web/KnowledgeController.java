package org.accueil.assistant.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.assistant.knowledge.KnowledgeAnswer;
import org.accueil.assistant.knowledge.KnowledgeBase;
import org.accueil.assistant.knowledge.KnowledgeEntries;
import org.accueil.assistant.knowledge.KnowledgeEntry;
import org.accueil.assistant.knowledge.KnowledgeEntryDetails;
import org.accueil.assistant.knowledge.MedicalAdvice;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.PracticeDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge base the assistant answers from: staff read it and try questions on it,
 * administrators write it (docs/ASSISTANT.md, "Knowledge base").
 */
@RestController
@RequestMapping("/api/v1/assistant/knowledge")
@Tag(name = "Assistant knowledge base")
class KnowledgeController {

  private static final String COLLECTION = "/api/v1/assistant/knowledge";

  private final KnowledgeEntries entries;
  private final KnowledgeBase base;
  private final PracticeDirectory practice;
  private final IdempotentRequests idempotency;

  KnowledgeController(
      KnowledgeEntries entries,
      KnowledgeBase base,
      PracticeDirectory practice,
      IdempotentRequests idempotency) {
    this.entries = entries;
    this.base = base;
    this.practice = practice;
    this.idempotency = idempotency;
  }

  @GetMapping
  @Operation(summary = "Every entry, active or not, by topic")
  List<EntryView> list() {
    return entries.list().stream().map(EntryView::of).toList();
  }

  @GetMapping("/search")
  @Operation(
      summary = "What the assistant would answer, and the entries that came closest",
      description =
          "answer is what a patient asking q in this language gets (null: the assistant says it"
              + " will ask the team and hands over); hits are the best entries with their BM25"
              + " score and coverage (the weighted share of the question's words the entry holds;"
              + " an answer needs 0.4). Medical questions are never answered: medicalAdvice tells"
              + " when that guard stopped one.")
  SearchView search(
      @RequestParam String q,
      @RequestParam(required = false) @Nullable String language,
      @RequestParam(required = false) @Nullable Integer limit) {
    if (q.isBlank() || q.length() > 500 || (limit != null && (limit < 1 || limit > 20))) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "knowledge-query")
          .detail(
              "Give q, the question to search for, in 1 to 500 characters, and a limit from 1 to"
                  + " 20.")
          .build();
    }
    Locale locale = Locale.forLanguageTag(language(language));
    List<HitView> hits =
        base.explain(q, locale, limit == null ? 5 : limit).stream()
            .map(
                h ->
                    new HitView(
                        h.entry().entryId(),
                        h.entry().topic(),
                        h.entry().question(),
                        h.entry().answer(),
                        h.entry().score(),
                        Math.round(h.coverage() * 100) / 100.0,
                        h.confident()))
            .toList();
    return new SearchView(
        locale.getLanguage(),
        base.answer(q, locale).map(AnswerView::of).orElse(null),
        MedicalAdvice.sought(q),
        hits);
  }

  @PostMapping
  @Operation(summary = "Add an entry; the assistant answers from it at once")
  ResponseEntity<?> create(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody KnowledgeEntryDetails details) {
    return idempotency.create(
        key, COLLECTION, details, () -> EntryView.of(entries.create(details)), EntryView::id);
  }

  @GetMapping("/{id}")
  EntryView entry(@PathVariable UUID id) {
    return EntryView.of(entries.entry(id));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Replace an entry")
  EntryView update(@PathVariable UUID id, @Valid @RequestBody KnowledgeEntryDetails details) {
    return EntryView.of(entries.update(id, details));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID id) {
    entries.delete(id);
  }

  private String language(@Nullable String language) {
    if (language == null) {
      return practice.snapshot().profile().languages().stream().findFirst().orElse("en");
    }
    if (!List.of("fr", "en", "it").contains(language)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "knowledge-language")
          .detail("The language must be fr, en or it.")
          .with("parameter", "language")
          .build();
    }
    return language;
  }

  record EntryView(
      UUID id,
      String topic,
      @Nullable UUID appointmentTypeId,
      LocalizedText question,
      LocalizedText answer,
      LocalizedText keywords,
      @Nullable String mapUrl,
      boolean active,
      Instant updatedAt) {
    static EntryView of(KnowledgeEntry e) {
      return new EntryView(
          e.id(),
          e.topic(),
          e.appointmentType() == null ? null : e.appointmentType().value(),
          e.question(),
          e.answer(),
          e.keywords(),
          e.mapUrl(),
          e.active(),
          e.updatedAt());
    }
  }

  record AnswerView(
      @Nullable UUID entryId,
      String topic,
      String question,
      String answer,
      @Nullable String mapUrl,
      String language,
      float score) {
    static AnswerView of(KnowledgeAnswer a) {
      return new AnswerView(
          a.entryId(),
          a.topic(),
          a.question(),
          a.answer(),
          a.mapUrl(),
          a.language().getLanguage(),
          a.score());
    }
  }

  record HitView(
      @Nullable UUID entryId,
      String topic,
      String question,
      String answer,
      float score,
      double coverage,
      boolean confident) {}

  record SearchView(
      String language, @Nullable AnswerView answer, boolean medicalAdvice, List<HitView> hits) {}
}
