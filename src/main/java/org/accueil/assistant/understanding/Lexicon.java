package org.accueil.assistant.understanding;

import java.util.List;
import java.util.Map;

/**
 * The built-in words for what a practice has: synonyms of appointment types by type code (a
 * practice's own types match by their names in the three languages without any entry here), the
 * words for specialties (a practice's specialty without an entry matches by its own words), whether
 * the writer is new, and who the visit is for. Phrases are folded ({@link Folded}); a trailing
 * {@code *} lets the last word go on.
 */
final class Lexicon {

  private Lexicon() {}

  /** Synonyms by appointment type code, beside the type's names. */
  static final Map<String, List<String>> TYPES =
      Map.of(
          "annual-checkup",
          List.of(
              "bilan annuel",
              "bilan de sante",
              "bilan complet",
              "check up",
              "checkup",
              "check up annuel",
              "annual physical",
              "annual check up",
              "annual checkup",
              "yearly check up",
              "yearly checkup",
              "physical",
              "health check",
              "visita di controllo",
              "check up annuale",
              "controllo annuale",
              "visita annuale"),
          "new-patient-visit",
          List.of(
              "premiere consultation",
              "premiere visite",
              "nouveau patient",
              "nouvelle patiente",
              "new patient visit",
              "new patient appointment",
              "new patient",
              "first visit",
              "first appointment",
              "prima visita",
              "nuovo paziente",
              "nuova paziente"),
          "follow-up",
          List.of(
              "consultation de suivi",
              "rdv de suivi",
              "rendez vous de suivi",
              "visite de suivi",
              "suivi",
              "follow up",
              "followup",
              "follow up visit",
              "follow up appointment",
              "visita di follow up",
              "visita di controllo successiva",
              "follow up",
              "controllo"),
          "dermatology-consultation",
          List.of(
              "consultation de dermatologie",
              "consultation dermato",
              "consultation dermatologique",
              "dermatology consultation",
              "dermatology appointment",
              "skin check",
              "visita dermatologica",
              "controllo dei nei",
              "controle des grains de beaute"),
          "video-consultation",
          List.of(
              "teleconsultation",
              "teleconsult*",
              "tele consultation",
              "consultation video",
              "consultation en visio",
              "en visio",
              "visio",
              "video consultation",
              "video call",
              "video appointment",
              "online consultation",
              "by video",
              "televisita",
              "videochiamata",
              "videoconsulto",
              "visita online",
              "in videochiamata"),
          "joint-injection",
          List.of(
              "infiltration*",
              "joint injection",
              "injection in my knee",
              "injection in my shoulder",
              "cortisone injection",
              "steroid injection",
              "infiltrazion*"),
          "paediatric-visit",
          List.of(
              "consultation pediatrique",
              "consultation pediatrie",
              "paediatric visit",
              "pediatric visit",
              "paediatric appointment",
              "pediatric appointment",
              "visita pediatrica",
              "visita pediatric*"),
          "vaccination",
          List.of(
              "vaccin*",
              "vaccination",
              "vaccine",
              "jab",
              "flu shot",
              "booster",
              "vaccino",
              "vaccinazione",
              "vaccinare",
              // "richiamo" alone is also "vi richiamo io" (I'll call back).
              "il richiamo",
              "un richiamo",
              "dose di richiamo",
              "richiamo del vaccino",
              "richiamo antitetanico"));

  /**
   * Specialties, keyed by a folded stem found in the provider's specialty as configured
   * ("dermatology", "Dermatologie"...): the words patients use for the specialist or the
   * discipline.
   */
  record Specialty(String stem, List<String> words) {}

  static final List<Specialty> SPECIALTIES =
      List.of(
          new Specialty(
              "dermat",
              List.of(
                  "dermato*",
                  "dermatologist",
                  "dermatology",
                  "skin doctor",
                  "skin specialist",
                  "dermatolog*")),
          new Specialty(
              "pa?ediat|pediatr",
              List.of(
                  "pediatre",
                  "pediatr*",
                  "paediatr*",
                  "pediatrician",
                  "paediatrician",
                  "children s doctor",
                  "kids doctor",
                  "pediatra",
                  "pediatria",
                  "medecin des enfants")),
          new Specialty(
              "orthop|ortop",
              List.of(
                  "orthopediste",
                  "orthopedi*",
                  "orthopaedi*",
                  "orthopedic surgeon",
                  "orthopaedic surgeon",
                  "orthopedist",
                  "ortho",
                  "ortopedico",
                  "ortopedica",
                  "ortoped*")),
          new Specialty(
              "general|generaliste|family",
              List.of(
                  "generaliste",
                  "medecin generaliste",
                  "medecin traitant",
                  "general practitioner",
                  "gp",
                  "family doctor",
                  "medico di base",
                  "medico di famiglia",
                  "medico generico")),
          new Specialty(
              "cardio", List.of("cardiologue", "cardiolog*", "cardio", "heart specialist")),
          new Specialty(
              "gyn|gin", List.of("gynecologue", "gyneco", "gyn*colog*", "ginecolog*", "gyno")),
          new Specialty(
              "ophtal|ophthal|oftal|oculist",
              List.of(
                  "ophtalmo*",
                  "ophthalmolog*",
                  "eye doctor",
                  "oculiste",
                  "oculista",
                  "oftalmolog*")),
          new Specialty("psychiat|psichiat", List.of("psychiatre", "psychiatr*", "psichiatr*")),
          new Specialty(
              "psycholog|psicolog",
              List.of("psychologue", "psycholog*", "psicolog*", "therapist", "psy")),
          new Specialty(
              "kine|physio|fisio",
              List.of("kine", "kinesitherapeute", "physio", "physiotherap*", "fisioterap*")));

  /** "first visit" and its kin: the writer is new to the practice. */
  static final List<String> NEW_PATIENT =
      List.of(
          "premiere visite",
          "premiere consultation",
          "premiere fois",
          "nouveau patient",
          "nouvelle patiente",
          "nouveaux patients",
          "nouvelles patientes",
          "jamais venu",
          "jamais venue",
          "pas encore patient",
          "first visit",
          "first appointment",
          "first time",
          "new patient",
          "new patients",
          "never been",
          "not registered",
          "not yet a patient",
          "prima visita",
          "prima volta",
          "nuovo paziente",
          "nuova paziente",
          "nuovi pazienti",
          "mai stato",
          "mai stata");

  /** "already a patient" and its kin: the writer is known. */
  static final List<String> KNOWN_PATIENT =
      List.of(
          "deja patient",
          "deja patiente",
          "deja suivi",
          "deja suivie",
          "deja venu",
          "deja venue",
          "je suis patient",
          "je suis patiente",
          "already a patient",
          "already registered",
          "existing patient",
          "i m a patient",
          "i am a patient",
          "regular patient",
          "gia paziente",
          "gia vostro paziente",
          "gia vostra paziente",
          "sono paziente",
          "gia seguito",
          "gia seguita");

  /** Possessives before a relative: "pour mon fils", "my daughter", "per mia figlia". */
  static final List<String> POSSESSIVES =
      List.of(
          "mon", "ma", "notre", "nos", "mes", "my", "our", "mio", "mia", "nostro", "nostra", "miei",
          "mie");

  /** A relative's word and what the understanding calls them. */
  static final Map<String, String> RELATIVES =
      Map.ofEntries(
          Map.entry("fils", "son"),
          Map.entry("fille", "daughter"),
          Map.entry("enfant", "child"),
          Map.entry("enfants", "child"),
          Map.entry("bebe", "baby"),
          Map.entry("mere", "mother"),
          Map.entry("maman", "mother"),
          Map.entry("pere", "father"),
          Map.entry("papa", "father"),
          Map.entry("mari", "husband"),
          Map.entry("femme", "wife"),
          Map.entry("epouse", "wife"),
          Map.entry("conjoint", "partner"),
          Map.entry("compagne", "partner"),
          Map.entry("compagnon", "partner"),
          Map.entry("grand mere", "grandmother"),
          Map.entry("grand pere", "grandfather"),
          Map.entry("son", "son"),
          Map.entry("daughter", "daughter"),
          Map.entry("child", "child"),
          Map.entry("kid", "child"),
          Map.entry("kids", "child"),
          Map.entry("children", "child"),
          Map.entry("baby", "baby"),
          Map.entry("mother", "mother"),
          Map.entry("mum", "mother"),
          Map.entry("mom", "mother"),
          Map.entry("father", "father"),
          Map.entry("dad", "father"),
          Map.entry("husband", "husband"),
          Map.entry("wife", "wife"),
          Map.entry("partner", "partner"),
          Map.entry("grandmother", "grandmother"),
          Map.entry("grandfather", "grandfather"),
          Map.entry("figlio", "son"),
          Map.entry("figlia", "daughter"),
          Map.entry("figli", "child"),
          Map.entry("bambino", "child"),
          Map.entry("bambina", "child"),
          Map.entry("bimbo", "child"),
          Map.entry("bimba", "child"),
          Map.entry("neonato", "baby"),
          Map.entry("madre", "mother"),
          Map.entry("mamma", "mother"),
          Map.entry("padre", "father"),
          Map.entry("marito", "husband"),
          Map.entry("moglie", "wife"),
          Map.entry("compagno", "partner"),
          Map.entry("nonna", "grandmother"),
          Map.entry("nonno", "grandfather"));

  /** Titles before a provider's surname, folded. */
  static final List<String> TITLES =
      List.of(
          "dr",
          "dre",
          "docteur",
          "doctor",
          "doc",
          "dott",
          "dottor",
          "dottore",
          "dottoressa",
          "prof",
          "professeur",
          "professor",
          "professore",
          "professoressa",
          "drssa",
          "dssa",
          "madame",
          "monsieur",
          "mrs",
          "mr",
          "ms");
}
