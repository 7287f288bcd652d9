package org.accueil.assistant.understanding;

import java.util.List;

/**
 * A request about one's own papers or results: "pouvez-vous renouveler mon ordonnance ?", "are my
 * blood results back?", "mi serve il certificato di malattia". Not a question the practice's
 * knowledge answers, nor a booking: the team handles it, so the assistant hands over at once. A
 * question about the practice's policy on them ("faites-vous des certificats de sport ?", "how long
 * do results take?", "serve la ricetta per il vaccino?") is not one.
 */
public final class TeamRequests {

  private static final List<String> PAPERS =
      List.of(
          "ordonnance",
          "prescription",
          "prescriptions",
          "ricetta",
          "ricette",
          "impegnativa",
          "certificat",
          "certificate",
          "certificato",
          "arret maladie",
          "arret de travail",
          "sick note",
          "fit note",
          "certificato di malattia",
          "resultats",
          "results",
          "risultati",
          "referti",
          "referto",
          "compte rendu",
          "lettre",
          "courrier",
          "referral letter");

  /** One's own: a possessive, or something done for the writer. */
  private static final List<String> MINE =
      List.of(
          "mon",
          "ma",
          "mes",
          "my",
          "mio",
          "mia",
          "miei",
          "mie",
          "me",
          "m",
          "mi",
          "moi",
          "i",
          "je",
          "j",
          "need",
          "besoin",
          "bisogno",
          "vorrei",
          "voudrais",
          "avrei");

  /** Asking about the practice's way of doing things, not for one's own papers. */
  private static final List<String> POLICY =
      List.of(
          "combien de temps",
          "how long",
          "quanto tempo",
          "faut il",
          "do i need",
          "need a prescription",
          "do you do",
          "do you issue",
          "faites vous",
          "vous faites",
          "fate",
          "fa i",
          "serve la",
          "pour le vaccin",
          "for the vaccine",
          "per il vaccino",
          "how do i",
          "comment",
          "come posso");

  private TeamRequests() {}

  /** Whether {@code text} asks the team for one's own papers or results. */
  public static boolean in(String text) {
    return in(Folded.of(text));
  }

  static boolean in(Folded text) {
    boolean papers = PAPERS.stream().anyMatch(text::has);
    if (!papers || POLICY.stream().anyMatch(text::has)) {
      return false;
    }
    for (String word : text.words) {
      // "rinnovarmi", "mandarmi", "prepararmi": the Italian "mi" on the verb.
      if (MINE.contains(word) || word.length() > 5 && word.matches(".*[aei]rmi")) {
        return true;
      }
    }
    return text.has("ready") || text.has("pronti") || text.has("prets") || text.has("back");
  }
}
