package org.accueil.assistant.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;

/**
 * One analyzer per language, the same for the entries and the questions: elision ("l'adresse",
 * "dell'ambulatorio"), lower case, accents folded (patients type "medecin", "citta"), stop words,
 * then a stemmer: Snowball's for French and Italian, whose verb endings the light stemmers leave
 * ("apportez" and "apporter" must meet), Porter's for English ("parking" and "park"). The stop
 * words are the language's usual ones plus the words every question has ("where", "can", "pouvez",
 * "posso", "rendez-vous"): a question's remaining words are what it is about, which the confidence
 * threshold counts on.
 */
public final class KnowledgeAnalyzers {

  public static final List<String> LANGUAGES = List.of("fr", "en", "it");

  private static final CharArraySet FRENCH_ARTICLES =
      new CharArraySet(
          List.of(
              "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"),
          true);

  private static final CharArraySet ITALIAN_ARTICLES =
      new CharArraySet(
          List.of(
              "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl",
              "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d", "quest", "quell", "po"),
          true);

  private static final List<String> FRENCH_QUESTION_WORDS =
      List.of(
          "est-ce",
          "estce",
          "quoi",
          "quel",
          "quelle",
          "quels",
          "quelles",
          "où",
          "comment",
          "quand",
          "combien",
          "pourquoi",
          "peux",
          "peut",
          "pouvez",
          "pourrais",
          "pourriez",
          "puis",
          "puis-je",
          "faut",
          "dois",
          "doit",
          "devez",
          "dois-je",
          "vais",
          "voudrais",
          "veux",
          "voulez",
          "savoir",
          "dire",
          "ça",
          "cela",
          "ceci",
          "chez",
          "bonjour",
          "bonsoir",
          "salut",
          "merci",
          "svp",
          "stp",
          "plaît",
          "plait",
          "possible",
          "oui",
          "non",
          "bien",
          "ya",
          "y",
          "il",
          "a-t-il",
          "fait",
          "faire",
          "faites",
          "avoir",
          "être",
          "etre",
          "aussi",
          "encore",
          "madame",
          "monsieur",
          "docteur",
          "cabinet",
          "centre",
          "médical",
          "svp",
          "besoin",
          "question",
          "questions",
          "demande",
          "renseignement",
          "info",
          "près",
          "proche",
          "est",
          "es",
          "sont",
          "suis",
          "rendez",
          "rendez-vous",
          "rdv",
          "si");

  private static final List<String> ENGLISH_QUESTION_WORDS =
      List.of(
          "what",
          "whats",
          "what's",
          "where",
          "wheres",
          "when",
          "how",
          "who",
          "which",
          "why",
          "do",
          "does",
          "did",
          "done",
          "can",
          "could",
          "would",
          "should",
          "shall",
          "may",
          "might",
          "must",
          "i",
          "i'm",
          "im",
          "me",
          "my",
          "mine",
          "you",
          "your",
          "yours",
          "we",
          "our",
          "us",
          "am",
          "have",
          "has",
          "had",
          "get",
          "got",
          "any",
          "some",
          "much",
          "many",
          "please",
          "hi",
          "hello",
          "hey",
          "thanks",
          "thank",
          "need",
          "want",
          "like",
          "know",
          "tell",
          "possible",
          "ok",
          "okay",
          "yes",
          "also",
          "still",
          "here",
          "from",
          "about",
          "up",
          "out",
          "so",
          "just",
          "doctor",
          "dr",
          "practice",
          "clinic",
          "centre",
          "center",
          "medical",
          "question",
          "questions",
          "info",
          "information",
          "go",
          "going",
          "come",
          "near",
          "nearby",
          "appointment",
          "appointments");

  private static final List<String> ITALIAN_QUESTION_WORDS =
      List.of(
          "come",
          "dove",
          "quando",
          "quanto",
          "quanta",
          "quanti",
          "quante",
          "quale",
          "quali",
          "perché",
          "perche",
          "cosa",
          "che",
          "chi",
          "posso",
          "può",
          "puo",
          "possiamo",
          "potete",
          "potrei",
          "potreste",
          "devo",
          "deve",
          "dobbiamo",
          "bisogna",
          "vorrei",
          "voglio",
          "sapere",
          "dire",
          "buongiorno",
          "buonasera",
          "salve",
          "ciao",
          "grazie",
          "favore",
          "prego",
          "possibile",
          "sì",
          "si",
          "no",
          "anche",
          "ancora",
          "c'è",
          "ce",
          "dottore",
          "dottoressa",
          "studio",
          "centro",
          "medico",
          "domanda",
          "informazione",
          "informazioni",
          "fare",
          "avere",
          "essere",
          "vicino",
          "vicina",
          "fate",
          "fa",
          "fai",
          "fanno",
          "faccio",
          "avete",
          "abbiamo",
          "appuntamento",
          "appuntamenti",
          "qual",
          "se");

  private static final Map<String, Analyzer> BY_LANGUAGE =
      Map.of(
          "fr",
          analyzer("fr", stopWords(FrenchAnalyzer.getDefaultStopSet(), FRENCH_QUESTION_WORDS)),
          "en",
          analyzer("en", stopWords(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, ENGLISH_QUESTION_WORDS)),
          "it",
          analyzer("it", stopWords(ItalianAnalyzer.getDefaultStopSet(), ITALIAN_QUESTION_WORDS)));

  private KnowledgeAnalyzers() {}

  /** The analyzer of {@code language} (fr, en or it). Thread-safe: Lucene reuses per thread. */
  public static Analyzer of(String language) {
    Analyzer analyzer = BY_LANGUAGE.get(language);
    if (analyzer == null) {
      throw new IllegalArgumentException("No analyzer for " + language);
    }
    return analyzer;
  }

  /** fr, en or it: the language of {@code locale}, English for any other. */
  public static String language(Locale locale) {
    String language = locale.getLanguage();
    return LANGUAGES.contains(language) ? language : "en";
  }

  /** The terms {@code text} is indexed or searched as, in order, each once. */
  public static List<String> terms(String language, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream stream = of(language).tokenStream("terms", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(terms);
  }

  /** Lower case without accents, as the analyzers see words before stemming. */
  public static String fold(String text) {
    String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").replace('’', '\'');
  }

  private static CharArraySet stopWords(CharArraySet usual, List<String> questionWords) {
    CharArraySet folded = new CharArraySet(usual.size() + questionWords.size(), true);
    for (Object word : usual) {
      folded.add(fold(new String((char[]) word)));
    }
    questionWords.forEach(word -> folded.add(fold(word)));
    return CharArraySet.unmodifiableSet(folded);
  }

  private static Analyzer analyzer(String language, CharArraySet stopWords) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = source;
        if (language.equals("fr")) {
          stream = new ElisionFilter(stream, FRENCH_ARTICLES);
        } else if (language.equals("it")) {
          stream = new ElisionFilter(stream, ITALIAN_ARTICLES);
        } else {
          stream = new EnglishPossessiveFilter(stream);
        }
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, stopWords);
        stream =
            switch (language) {
              case "fr" -> new SnowballFilter(stream, new FrenchStemmer());
              case "it" -> new SnowballFilter(stream, new ItalianStemmer());
              default -> new PorterStemFilter(stream);
            };
        return new TokenStreamComponents(source, stream);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
      }
    };
  }
}
