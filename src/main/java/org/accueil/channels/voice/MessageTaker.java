package org.accueil.channels.voice;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.accueil.channels.CallResponder;
import org.accueil.channels.CallTurn;
import org.springframework.stereotype.Component;

/**
 * What a call does without an assistant: takes the caller's message for the team, and puts them
 * through to a person at once when they ask for one or say something urgent, or when they could not
 * be heard twice. Words are looked for in French, English and Italian whatever the call's language:
 * callers do not always speak the language they were greeted in.
 */
@Component
class MessageTaker implements CallResponder {

  /** After this many turns nothing was heard in, the caller gets a person. */
  static final int MISUNDERSTOOD_BEFORE_TRANSFER = 2;

  /**
   * Signs of an emergency. Erring towards a person is cheap; missing one is not, so "pas urgent" is
   * put through too.
   */
  private static final List<String> URGENT =
      List.of(
          // French
          "urgence",
          "urgent",
          "douleur thoracique",
          "douleur a la poitrine",
          "mal a la poitrine",
          "ne respire plus",
          "respire plus",
          "respire mal",
          "arrive pas a respirer",
          "mal a respirer",
          "saigne beaucoup",
          "hemorragie",
          "inconscient",
          "perdu connaissance",
          "crise cardiaque",
          "avc",
          "suicide",
          // English
          "emergency",
          "chest pain",
          "pain in my chest",
          "can t breathe",
          "cannot breathe",
          "can not breathe",
          "not breathing",
          "bleeding heavily",
          "bleeding a lot",
          "unconscious",
          "heart attack",
          "stroke",
          // Italian
          "urgenza",
          "urgente",
          "dolore al petto",
          "non respira",
          "non riesco a respirare",
          "sanguina molto",
          "emorragia",
          "svenuto",
          "svenuta",
          "infarto",
          "ictus",
          "suicidio");

  /** Asking for a person. */
  private static final List<String> PERSON =
      List.of(
          // French
          "secretariat",
          "secretaire",
          "quelqu un",
          "une personne",
          "humain",
          "standard",
          "receptionniste",
          "accueil",
          // English
          "receptionist",
          "human",
          "operator",
          "person",
          "someone",
          "somebody",
          "front desk",
          // Italian
          "segreteria",
          "segretaria",
          "operatore",
          "operatrice",
          "persona",
          "qualcuno",
          "umano",
          "centralino");

  /** Words that together say "nothing more": the caller is done. */
  private static final Set<String> CLOSING =
      Set.of(
          "non",
          "no",
          "nope",
          "merci",
          "beaucoup",
          "c",
          "est",
          "tout",
          "rien",
          "d",
          "accord",
          "au",
          "revoir",
          "bonne",
          "journee",
          "ca",
          "ira",
          "va",
          "thanks",
          "thank",
          "you",
          "that",
          "s",
          "all",
          "nothing",
          "else",
          "goodbye",
          "bye",
          "ok",
          "okay",
          "fine",
          "very",
          "much",
          "grazie",
          "e",
          "tutto",
          "niente",
          "altro",
          "arrivederci",
          "bene",
          "a",
          "posto");

  private static final Set<String> NEGATIONS =
      Set.of("non", "no", "nope", "rien", "nothing", "niente", "tout", "all", "tutto");

  private final VoiceTexts texts;

  MessageTaker(VoiceTexts texts) {
    this.texts = texts;
  }

  @Override
  public Reply respond(CallTurn turn) {
    Locale language = turn.language();
    if (!turn.heard()) {
      return turn.misunderstood() >= MISUNDERSTOOD_BEFORE_TRANSFER
          ? new Reply.Transfer(texts.say("voice.transfer-misunderstood", language))
          : new Reply.Ask(texts.say("voice.not-heard", language));
    }
    String said = " " + normalise(turn.speech()) + " ";
    if (URGENT.stream().anyMatch(words -> said.contains(" " + words + " "))) {
      return new Reply.Transfer(texts.say("voice.transfer-urgent", language));
    }
    if (PERSON.stream().anyMatch(words -> said.contains(" " + words + " "))) {
      return new Reply.Transfer(texts.say("voice.transfer", language));
    }
    if (isClosing(said)) {
      return new Reply.Goodbye(texts.say("voice.goodbye", language));
    }
    return new Reply.Ask(texts.say("voice.passed-on", language));
  }

  private static boolean isClosing(String said) {
    List<String> words = List.of(said.trim().split(" "));
    return !words.isEmpty()
        && words.stream().allMatch(CLOSING::contains)
        && words.stream().anyMatch(NEGATIONS::contains);
  }

  /** Lower case, no accents, words separated by single spaces ("qu'un" is "qu un"). */
  static String normalise(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", " ")
        .trim();
  }
}
