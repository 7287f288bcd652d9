package org.accueil.assistant.understanding;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.accueil.assistant.triage.RedFlag;
import org.accueil.assistant.triage.RedFlags;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Understands one message against the practice's providers and appointment types, by rules that say
 * why ({@link Understanding#reasons()}):
 *
 * <ol>
 *   <li>red flags first ({@link RedFlags}): a hit is an emergency, whatever else the text says;
 *   <li>the language, among the practice's ({@link Languages});
 *   <li>the appointment type, the provider, new patient or not, who the visit is for, and the time
 *       asked for ({@link TimeExpressions});
 *   <li>the intent, by weighted cue phrases and a fixed precedence ({@link IntentRules}); a
 *       provider, a type, a time or "new patient" count towards booking;
 *   <li>only when the rules found nothing: the {@link IntentAdvisor}, if there is one, which may
 *       never make an emergency.
 * </ol>
 *
 * The practice's words are rebuilt when its configuration changes (another snapshot).
 */
@Component
public class Understander {

  private static final Logger log = LoggerFactory.getLogger(Understander.class);

  private final Supplier<PracticeSnapshot> snapshots;
  private final Supplier<@Nullable IntentAdvisor> advisor;
  private final Languages languages = new Languages();
  private volatile @Nullable PracticeVocabulary vocabulary;

  @Autowired
  Understander(PracticeDirectory practice, ObjectProvider<IntentAdvisor> advisor) {
    this(practice::snapshot, advisor::getIfAvailable);
  }

  /** Without Spring: the practice as given, and an advisor or none. */
  Understander(Supplier<PracticeSnapshot> snapshots, Supplier<@Nullable IntentAdvisor> advisor) {
    this.snapshots = snapshots;
    this.advisor = advisor;
  }

  /** Waits for the language models, loaded in the background from construction on. */
  void ready() {
    languages.awaitModels();
  }

  /**
   * @param now the moment the message was written, in the practice's zone
   * @param previous the language of the conversation so far, used when the text alone does not tell
   *     (a bare "oui"/"ok"/"2"), or null
   */
  public Understanding understand(String text, ZonedDateTime now, @Nullable Locale previous) {
    PracticeVocabulary words = vocabulary(snapshots.get());
    List<String> reasons = new ArrayList<>();
    Folded folded = Folded.of(text);

    Optional<RedFlag> flag = RedFlags.in(text);
    flag.ifPresent(
        f ->
            reasons.add(
                "emergency: red flag "
                    + f.category().name().toLowerCase(Locale.ROOT)
                    + " (\""
                    + f.phrase()
                    + "\", "
                    + f.language().getLanguage()
                    + ")"));

    Languages.Guess guess =
        languages.guess(text, folded, words.snapshot.profile().languages(), previous);
    Locale language = guess.language();
    reasons.add(guess.reason());

    List<int[]> taken = new ArrayList<>();
    PracticeVocabulary.Found<AppointmentType> type = words.type(folded, taken);
    PracticeVocabulary.Found<Provider> provider = words.provider(folded, taken);
    if (type != null) {
      reasons.add(type.reason());
    }
    if (provider != null) {
      reasons.add(provider.reason());
    }
    Boolean newPatient = newPatient(folded, reasons);
    String dependent = dependent(folded, reasons);
    TimeExpressions.Request request = when(text, language, now, reasons);
    When when = request == null ? null : request.when();

    Intent intent;
    if (flag.isPresent()) {
      intent = Intent.EMERGENCY;
    } else {
      IntentRules.Scores scores =
          IntentRules.score(
              folded,
              type != null && possessiveBefore(folded, type.start()),
              request != null && request.insteadOfAnother());
      double said = scores.of(Intent.BOOK);
      if (provider != null) {
        scores.add(Intent.BOOK, "a provider named", 0.5);
      }
      if (type != null) {
        scores.add(Intent.BOOK, "an appointment type named", 0.5);
      }
      boolean smallTalk = IntentRules.smallTalk(folded);
      if (smallTalk) {
        reasons.add("small talk: the weather");
      }
      if (when != null && !smallTalk) {
        scores.add(Intent.BOOK, "a time asked for", 0.5);
        if (text.contains("?")) {
          // "Friday 11am?", "dispo demain 17h ?": a time asked about is a time wanted.
          scores.add(Intent.BOOK, "a time with a question mark", 0.5);
        }
      }
      if (Boolean.TRUE.equals(newPatient)) {
        scores.add(Intent.BOOK, "a new patient", 0.5);
      }
      if (scores.fired(Intent.QUESTION)
          && scores.fired(Intent.BOOK)
          && (said >= 1.0 - 1e-9 || type != null)
          && IntentRules.generalQuestion(text, folded).isEmpty()) {
        // "I need a follow-up about my biopsy results", "vorrei prenotare un check-up, sono
        // flessibile con gli orari": a topic word, but nothing is asked; the visit is wanted.
        reasons.add("booking words and no question asked: a booking");
        scores.drop(Intent.QUESTION);
      }
      if (scores.fired(Intent.CONFIRM)
          && said >= 1.0 - 1e-9
          && IntentRules.AGREEMENT.containsAll(scores.found().get(Intent.CONFIRM))) {
        // "any time after 5 on Wednesday works for me": agreement words closing a booking.
        reasons.add("agreement words in a booking request: a booking");
        scores.drop(Intent.CONFIRM);
      }
      boolean papers = scores.papersToBookFor(folded);
      if (papers) {
        // "gli serve il certificato, va bene tra 3 giorni?": the need is the visit's reason.
        reasons.add("papers asked about with a visit asked for: a booking");
        scores.drop(Intent.QUESTION);
      }
      intent = decide(text, folded, scores, papers || said >= 1.0 - 1e-9, smallTalk, reasons);
      if (intent == Intent.QUESTION && TeamRequests.in(folded)) {
        reasons.add("intent other: a request about one's own papers or results, for the team");
        intent = Intent.OTHER;
      }
      if (intent == Intent.OTHER) {
        intent = advise(text, language, reasons);
      }
    }
    return new Understanding(
        language,
        intent,
        when,
        provider == null
            ? null
            : new Understanding.Named<ProviderId>(
                provider.value().id(), provider.value().displayName()),
        type == null
            ? null
            : new Understanding.Named<AppointmentTypeId>(
                type.value().id(), type.value().name().in(language)),
        newPatient,
        dependent,
        flag.isPresent(),
        List.copyOf(reasons));
  }

  private PracticeVocabulary vocabulary(PracticeSnapshot snapshot) {
    PracticeVocabulary current = vocabulary;
    if (current == null || current.snapshot != snapshot) {
      current = new PracticeVocabulary(snapshot);
      vocabulary = current;
    }
    return current;
  }

  /**
   * @param saysBook whether booking words alone fired booking (not only a provider, a type or a
   *     time named): "est-ce que le pédiatre fait les vaccins ?" names a provider and a type but
   *     asks a question, "rdv Dr Chen ?" books
   * @param smallTalk whether the message chats (the weather): then a question mark alone asks
   *     nothing of the practice
   */
  private static Intent decide(
      String text,
      Folded folded,
      IntentRules.Scores scores,
      boolean saysBook,
      boolean smallTalk,
      List<String> reasons) {
    for (Intent intent : IntentRules.PRECEDENCE) {
      if (intent == Intent.BOOK && scores.fired(intent) && !saysBook) {
        List<String> asking = IntentRules.generalQuestion("", folded);
        if (!asking.isEmpty()) {
          reasons.add(
              "intent question: asks "
                  + String.join(", ", quoted(asking))
                  + " about what it names, without booking words");
          return Intent.QUESTION;
        }
      }
      if (scores.fired(intent)) {
        StringBuilder why = new StringBuilder("intent " + intent.code() + ": ");
        why.append(String.join(", ", quoted(scores.found().get(intent))));
        List<String> others = new ArrayList<>();
        for (Map.Entry<Intent, Double> other : scores.weights().entrySet()) {
          if (other.getKey() != intent && scores.fired(other.getKey())) {
            others.add(other.getKey().code());
          }
        }
        if (!others.isEmpty()) {
          why.append(" (before ").append(String.join(", ", others)).append(")");
        }
        reasons.add(why.toString());
        return intent;
      }
    }
    if (smallTalk) {
      reasons.add("intent other: small talk, no rule matched");
      return Intent.OTHER;
    }
    List<String> general = IntentRules.generalQuestion(text, folded);
    if (!general.isEmpty()) {
      reasons.add("intent question: a question in general, " + String.join(", ", quoted(general)));
      return Intent.QUESTION;
    }
    reasons.add("intent other: no rule matched");
    return Intent.OTHER;
  }

  private static List<String> quoted(List<String> cues) {
    return cues.stream()
        .map(c -> c.startsWith("a ") || c.startsWith("an ") ? c : "\"" + c + "\"")
        .toList();
  }

  private Intent advise(String text, Locale language, List<String> reasons) {
    IntentAdvisor adviser = advisor.get();
    if (adviser == null) {
      return Intent.OTHER;
    }
    Optional<Intent> proposed;
    try {
      proposed = adviser.propose(text, language);
    } catch (RuntimeException e) {
      log.warn("The intent advisor failed; the rules' answer stands", e);
      reasons.add("advisor failed; the rules' answer stands");
      return Intent.OTHER;
    }
    if (proposed.isEmpty()) {
      reasons.add("advisor: no proposal");
      return Intent.OTHER;
    }
    if (proposed.get() == Intent.EMERGENCY) {
      reasons.add("advisor proposed emergency: refused, only red-flag triage makes an emergency");
      return Intent.OTHER;
    }
    reasons.add("intent " + proposed.get().code() + ": proposed by the advisor (no rule matched)");
    return proposed.get();
  }

  private static @Nullable Boolean newPatient(Folded text, List<String> reasons) {
    for (String phrase : Lexicon.KNOWN_PATIENT) {
      if (text.has(phrase)) {
        reasons.add("known patient: \"" + phrase + "\"");
        return false;
      }
    }
    for (String phrase : Lexicon.NEW_PATIENT) {
      if (text.has(phrase)) {
        reasons.add("new patient: \"" + phrase + "\"");
        return true;
      }
    }
    return null;
  }

  private static @Nullable String dependent(Folded text, List<String> reasons) {
    String[] words = text.words;
    for (int i = 0; i < words.length; i++) {
      if (!Lexicon.POSSESSIVES.contains(words[i])) {
        continue;
      }
      // "mon fils", "my 5 year old son", "la mia bambina": up to three words in between.
      for (int j = i + 1; j < Math.min(words.length, i + 5); j++) {
        String relative = Lexicon.RELATIVES.get(words[j]);
        if (j + 1 < words.length && Lexicon.RELATIVES.containsKey(words[j] + " " + words[j + 1])) {
          relative = Lexicon.RELATIVES.get(words[j] + " " + words[j + 1]);
        }
        if (relative != null) {
          reasons.add(
              "for someone else: \"" + words[i] + " ... " + words[j] + "\" (" + relative + ")");
          return relative;
        }
        if (Lexicon.POSSESSIVES.contains(words[j])) {
          break;
        }
      }
    }
    return null;
  }

  /** Whether one of "my", "mon", "mio"... is among the two words before the character offset. */
  private static boolean possessiveBefore(Folded text, int at) {
    String[] before = text.padded.substring(0, Math.max(0, at)).strip().split(" ");
    for (int k = before.length - 1; k >= Math.max(0, before.length - 2); k--) {
      if (IntentRules.OWN.contains(before[k])) {
        return true;
      }
    }
    return false;
  }

  private static TimeExpressions.@Nullable Request when(
      String text, Locale language, ZonedDateTime now, List<String> reasons) {
    try {
      Optional<TimeExpressions.Request> request = TimeExpressions.request(text, language, now);
      request.ifPresent(
          r -> {
            When w = r.when();
            reasons.add(
                "time: "
                    + w.start()
                    + " to "
                    + w.end()
                    + " ("
                    + w.grain().code()
                    + ")"
                    + (r.insteadOfAnother() ? " in place of another named" : ""));
          });
      return request.orElse(null);
    } catch (RuntimeException e) {
      log.warn("Time expressions failed on a message; no time taken from it", e);
      reasons.add("time: not understood");
      return null;
    }
  }
}
