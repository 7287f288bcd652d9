package org.accueil.assistant.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocalizedText;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The knowledge base as one immutable in-memory Lucene index: a document per entry, with its
 * question, keywords and answer in each language in fields of their own ({@code question_fr},
 * {@code keywords_fr}, {@code answer_fr}...), each analyzed by its language's analyzer. A question
 * is searched in its language's fields with BM25, question and keywords weighing twice the answer.
 *
 * <p>BM25 ranks but says nothing of whether the best entry answers the question at all, so each hit
 * also gets a coverage: the share of the question's words (weighted by how rare they are in the
 * base; a word no entry has weighs most) that the entry's question or keywords hold (an answer's
 * word counts half, and only beside one of the question or keywords). {@link #best} keeps, among
 * the twenty best-ranked hits whose coverage reaches {@link #MIN_COVERAGE}, the one covering most,
 * BM25 deciding between equals: "parking?" or "vous êtes ouverts le samedi ?" get an answer, "who
 * won the match?" does not.
 *
 * <p>Searches run on any number of threads at once ({@link IndexSearcher} is thread-safe). A
 * replaced index is left to the garbage collector, not closed: a search may still be reading it,
 * and an index in heap memory holds no file.
 */
public final class KnowledgeIndex {

  /** Below this share of a question's weighted words, the best entry is not an answer. */
  public static final double MIN_COVERAGE = 0.4;

  private static final float QUESTION_BOOST = 2f;
  private static final float KEYWORDS_BOOST = 2f;
  private static final String ORDINAL = "ordinal";

  /**
   * One searchable text: an entry of the base, or an appointment type's preparation.
   *
   * @param entryId the entry, or null for an appointment type's own preparation
   * @param appointmentType the type it is about, if any
   * @param oneOf words of which a question must hold one for this document to answer it (empty:
   *     none needed): an appointment type's preparation answers "how do I prepare for my joint
   *     injection?", not "do you do joint injections?"
   */
  public record Doc(
      @Nullable UUID entryId,
      @Nullable AppointmentTypeId appointmentType,
      String topic,
      LocalizedText question,
      LocalizedText answer,
      LocalizedText keywords,
      @Nullable String mapUrl,
      LocalizedText oneOf) {

    public Doc(
        @Nullable UUID entryId,
        @Nullable AppointmentTypeId appointmentType,
        String topic,
        LocalizedText question,
        LocalizedText answer,
        LocalizedText keywords,
        @Nullable String mapUrl) {
      this(
          entryId, appointmentType, topic, question, answer, keywords, mapUrl, LocalizedText.EMPTY);
    }
  }

  /** A document found for a question, its BM25 score and its coverage of the question. */
  public record Hit(Doc doc, float score, double coverage) {
    public boolean confident() {
      return coverage >= MIN_COVERAGE;
    }
  }

  private final List<Doc> docs;
  private final @Nullable IndexSearcher searcher;
  private final Map<String, List<Set<String>>> strongTerms = new HashMap<>();
  private final Map<String, List<Set<String>>> answerTerms = new HashMap<>();
  private final Map<String, List<Set<String>>> requiredTerms = new HashMap<>();
  private final Map<String, Map<String, Integer>> documentFrequency = new HashMap<>();

  private KnowledgeIndex(List<Doc> docs) {
    this.docs = List.copyOf(docs);
    for (String language : KnowledgeAnalyzers.LANGUAGES) {
      List<Set<String>> strong = new ArrayList<>();
      List<Set<String>> answers = new ArrayList<>();
      List<Set<String>> required = new ArrayList<>();
      Map<String, Integer> frequency = new HashMap<>();
      for (Doc doc : this.docs) {
        required.add(new HashSet<>(terms(language, doc.oneOf())));
        Set<String> s = new HashSet<>(terms(language, doc.question()));
        s.addAll(terms(language, doc.keywords()));
        Set<String> a = new HashSet<>(terms(language, doc.answer()));
        strong.add(s);
        answers.add(a);
        Set<String> all = new HashSet<>(s);
        all.addAll(a);
        all.forEach(term -> frequency.merge(term, 1, Integer::sum));
      }
      strongTerms.put(language, strong);
      answerTerms.put(language, answers);
      requiredTerms.put(language, required);
      documentFrequency.put(language, frequency);
    }
    this.searcher = docs.isEmpty() ? null : build(this.docs);
  }

  public static KnowledgeIndex of(List<Doc> docs) {
    return new KnowledgeIndex(docs);
  }

  public List<Doc> docs() {
    return docs;
  }

  /** The documents that share words with {@code text}, best first, at most {@code limit}. */
  public List<Hit> search(String language, String text, int limit) {
    if (searcher == null || limit < 1) {
      return List.of();
    }
    List<String> asked = KnowledgeAnalyzers.terms(language, text);
    Query query = query(language, text);
    if (asked.isEmpty() || query == null) {
      return List.of();
    }
    try {
      List<Hit> hits = new ArrayList<>();
      for (ScoreDoc found : searcher.search(query, limit).scoreDocs) {
        int ordinal =
            searcher.storedFields().document(found.doc).getField(ORDINAL).numericValue().intValue();
        hits.add(new Hit(docs.get(ordinal), found.score, coverage(language, asked, ordinal)));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The best-ranked document that covers enough of {@code text} to answer it, if any. */
  public Optional<Hit> best(String language, String text) {
    // The entry holding more of the question's words wins; BM25 breaks ties between equals.
    return search(language, text, 20).stream()
        .filter(Hit::confident)
        .max(java.util.Comparator.comparingDouble(Hit::coverage).thenComparingDouble(Hit::score));
  }

  private @Nullable Query query(String language, String text) {
    QueryBuilder builder = new QueryBuilder(KnowledgeAnalyzers.of(language));
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    boolean any = false;
    for (var field :
        Map.of(
                "question_" + language, QUESTION_BOOST,
                "keywords_" + language, KEYWORDS_BOOST,
                "answer_" + language, 1f)
            .entrySet()) {
      Query part = builder.createBooleanQuery(field.getKey(), text, BooleanClause.Occur.SHOULD);
      if (part != null) {
        query.add(new BoostQuery(part, field.getValue()), BooleanClause.Occur.SHOULD);
        any = true;
      }
    }
    return any ? query.build() : null;
  }

  private double coverage(String language, List<String> asked, int ordinal) {
    Set<String> strong = strongTerms.get(language).get(ordinal);
    Set<String> answer = answerTerms.get(language).get(ordinal);
    Set<String> required = requiredTerms.get(language).get(ordinal);
    if (!required.isEmpty() && asked.stream().noneMatch(required::contains)) {
      return 0;
    }
    Map<String, Integer> frequency = documentFrequency.get(language);
    double total = 0;
    double covered = 0;
    for (String term : asked) {
      int df = frequency.getOrDefault(term, 0);
      // BM25's idf: a word in every entry tells little; one in none tells the most.
      double weight = Math.log(1 + (docs.size() - df + 0.5) / (df + 0.5));
      total += weight;
      if (strong.contains(term)) {
        covered += weight;
      } else if (answer.contains(term)) {
        covered += weight / 2;
      }
    }
    // An entry whose answer merely mentions the question's words ("...if your pharmacy gave it to
    // you") is not about it: one of them at least must be in its question or keywords.
    boolean about = asked.stream().anyMatch(strong::contains);
    return total == 0 || !about ? 0 : covered / total;
  }

  private static List<String> terms(String language, LocalizedText text) {
    String in = text.in(java.util.Locale.forLanguageTag(language));
    return in.isBlank() ? List.of() : KnowledgeAnalyzers.terms(language, in);
  }

  private static IndexSearcher build(List<Doc> docs) {
    Map<String, Analyzer> fields = new HashMap<>();
    for (String language : KnowledgeAnalyzers.LANGUAGES) {
      Analyzer analyzer = KnowledgeAnalyzers.of(language);
      fields.put("question_" + language, analyzer);
      fields.put("keywords_" + language, analyzer);
      fields.put("answer_" + language, analyzer);
    }
    Analyzer analyzer = new PerFieldAnalyzerWrapper(KnowledgeAnalyzers.of("en"), fields);
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < docs.size(); i++) {
        Doc doc = docs.get(i);
        Document document = new Document();
        document.add(new StoredField(ORDINAL, i));
        for (String language : KnowledgeAnalyzers.LANGUAGES) {
          java.util.Locale locale = java.util.Locale.forLanguageTag(language);
          add(document, "question_" + language, doc.question().in(locale));
          add(document, "keywords_" + language, doc.keywords().in(locale));
          add(document, "answer_" + language, doc.answer().in(locale));
        }
        writer.addDocument(document);
      }
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
      searcher.setSimilarity(new BM25Similarity());
      return searcher;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(Document document, String field, String text) {
    if (!text.isBlank()) {
      document.add(new TextField(field, text, Field.Store.NO));
    }
  }
}
