package org.accueil.assistant.understanding;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which intent a message has, by weighted cue phrases in French, English and Italian (all three are
 * looked for whatever the language detected: a mistaken language then costs nothing here). An
 * intent fires when its cues weigh 1 or more; among those that fire, the first in {@link
 * #PRECEDENCE} wins. Red flags come before all of this (see {@link Understander}).
 *
 * <p>Cues are folded phrases ({@link Folded}); a trailing {@code *} lets the last word go on. A few
 * intents also have short-message rules: a message made only of yes words ("oui", "ok merci", "sì")
 * confirms; one made only of stop words ("STOP", "arrêt svp") opts out.
 */
final class IntentRules {

  /** The order in which fired intents win; a general question comes after a booking. */
  static final List<Intent> PRECEDENCE =
      List.of(
          Intent.OPT_OUT,
          Intent.HUMAN,
          Intent.RESCHEDULE,
          Intent.CANCEL,
          Intent.CONFIRM,
          Intent.DIRECTIONS,
          Intent.QUESTION,
          Intent.BOOK);

  record Cue(String phrase, double weight) {}

  private static final Map<Intent, List<Cue>> CUES = new EnumMap<>(Intent.class);

  /** Questions in general ("?", "est-ce que", "how"): a question only when nothing else fired. */
  static final List<Cue> GENERAL_QUESTION = new ArrayList<>();

  static final Set<String> YES =
      words(
          "oui",
          "ouii",
          "ouiii",
          "ouai",
          "ouais",
          "ok",
          "okay",
          "okk",
          "oki",
          "d",
          "accord",
          "daccord",
          "dac",
          "parfait",
          "yes",
          "yep",
          "yeah",
          "yup",
          "y",
          "sure",
          "si",
          "certo",
          "perfetto",
          "va",
          "bene",
          "benissimo",
          "confirme",
          "confirmed",
          "confermo",
          "confirm",
          "c",
          "est",
          "bon",
          "ca",
          "marche",
          "tres",
          "bien",
          "note",
          "entendu",
          "super",
          "fine",
          "great",
          "good",
          "perfect",
          "noted",
          "alright",
          "all",
          "right",
          "sounds",
          "certo",
          "certainement",
          "absolument",
          "oc",
          "that",
          "s",
          "thats",
          "is",
          "it",
          "me",
          "moi",
          "pour",
          "sii",
          "siii",
          "accordo");

  static final Set<String> YES_CORE =
      words(
          "oui",
          "ouii",
          "ouiii",
          "ouai",
          "ouais",
          "ok",
          "okay",
          "okk",
          "oki",
          "daccord",
          "dac",
          "parfait",
          "yes",
          "yep",
          "yeah",
          "yup",
          "sure",
          "si",
          "certo",
          "perfetto",
          "confirme",
          "confirmed",
          "confermo",
          "confirm",
          "entendu",
          "noted",
          "alright",
          "benissimo",
          "accord",
          "marche",
          "bene",
          "perfect",
          "fine",
          "sii",
          "siii",
          "accordo");

  static final Set<String> STOP =
      words("stop", "arret", "arretez", "unsubscribe", "basta", "stopp", "stopper", "fin");

  /** Stop words that, with a word for the messages anywhere, ask for no more messages. */
  static final Set<String> STOP_SENDING =
      words("stop", "arret", "arretez", "arreter", "stopp", "stopper", "halt");

  /** The messages themselves: "arrêt des SMS", "stop all reminders", "basta promemoria". */
  static final Set<String> MESSAGES =
      words(
          "sms",
          "texto",
          "textos",
          "message",
          "messages",
          "rappel",
          "rappels",
          "relance",
          "relances",
          "notification",
          "notifications",
          "text",
          "texts",
          "reminder",
          "reminders",
          "messaggio",
          "messaggi",
          "promemoria",
          "notifiche");

  /** Possessives that, a few words before an appointment word, name one's own appointment. */
  private static final Set<String> OF = words("de", "du", "di", "of");

  private static final Set<String> THE = words("le", "the", "l", "il");

  private static final Set<String> BOOKED =
      words("rdv", "rendez", "rendezvous", "appointment", "appt", "appuntamento");

  static final Set<String> OWN = words("mon", "ma", "notre", "my", "our", "mio", "mia", "nostro");

  static final Set<String> APPOINTMENT_WORDS =
      words(
          "rdv",
          "rendez",
          "rendezvous",
          "consultation",
          "teleconsultation",
          "visite",
          "appointment",
          "appt",
          "appointement",
          "booking",
          "visit",
          "appuntamento",
          "visita",
          "televisita");

  /** Bringing someone in to be seen is a booking, not a question about bringing them along. */
  private static final List<String> BRINGING_IN =
      List.of(
          "bring him in",
          "bring her in",
          "bring them in",
          "bring in",
          "in for",
          "in today",
          "in tomorrow",
          "in this",
          "in on");

  /**
   * Cues that mean something else in these phrases: "moved" is a move of the appointment, but not
   * in "we've just moved to Paris" or "I've moved to another practice".
   */
  static final Map<String, List<String>> NOT_IN =
      Map.of(
          "moved",
          List.of(
              "just moved",
              "recently moved",
              "moved here",
              "moved house",
              "moved away",
              "moved to another",
              "moved to the area",
              "moved to paris",
              "moved to france",
              "i ve moved",
              "we ve moved",
              "have moved",
              "has moved"),
          "moving",
          List.of("moving house", "moving away", "moving to another", "moving to paris"),
          "can i bring",
          BRINGING_IN,
          "may i bring",
          BRINGING_IN,
          "could i bring",
          BRINGING_IN,
          "quel jour",
          List.of("n importe quel jour"),
          "ou c est",
          List.of("ou c est seulement", "ou c est juste", "ou c est uniquement", "ou c est mieux"),
          "get to you",
          List.of("can t get to you", "cannot get to you", "cant get to you"),
          // "La dermatologa visita anche i bambini?": the verb, not a visit.
          "visita",
          List.of("visita anche", "visita i", "visita gli", "visita solo", "visita le"));

  /**
   * Papers a visit is for (a certificate, a prescription): a question about them on their own, but
   * a booking once a visit is asked for ("je peux passer cet aprem pour un certificat ?").
   */
  static final Set<String> PAPERS =
      words(
          "certificat*",
          "certificato",
          "certificate",
          "sick note",
          "ordonnance",
          "renouvel*",
          "prescription",
          "refill",
          "ricetta",
          "impegnativa");

  /** Asked for without a visit: "a prescription refill without an appointment?". */
  static final List<String> WITHOUT_A_VISIT =
      List.of(
          "without an appointment",
          "without appointment",
          "without an appt",
          "without coming in",
          "without seeing",
          "sans rdv",
          "sans rendez vous",
          "sans passer",
          "sans venir",
          "sans consultation",
          "senza appuntamento",
          "senza visita",
          "senza venire",
          "senza passare");

  /**
   * The patient will book again later, on their own: with a cancellation, a cancellation, not a
   * move ("annulez le rdv, je reprendrai un autre créneau").
   */
  /** Cancelling to take another one now: a move ("annuler et en reprendre un autre"). */
  static final List<String> REBOOK_NOW =
      List.of(
          "en reprendre un autre",
          "en reprendre un",
          "reprendre un autre",
          "prendre un autre",
          "book another",
          "take another",
          "get another",
          "make another",
          "prenderne un altro",
          "fissarne un altro",
          "prendere un altro");

  /** Found somewhere else: "j'ai trouvé un autre créneau ailleurs" cancels here. */
  static final List<String> ELSEWHERE =
      List.of(
          "ailleurs",
          "autre cabinet",
          "un autre medecin",
          "elsewhere",
          "somewhere else",
          "another practice",
          "another doctor",
          "altrove",
          "un altro studio",
          "un altro medico",
          "da un altra parte");

  /**
   * Agreement words that also close a booking request ("any time after 5 on Wednesday works for
   * me"): they confirm only when no booking words are there.
   */
  static final Set<String> AGREEMENT =
      Set.of(
          "works for me",
          "that works",
          "ca me va",
          "sounds good",
          "ok pour moi",
          "ok pour",
          "va bene",
          "va benissimo",
          "all good",
          "a yes first");

  static final List<String> REBOOK_LATER =
      List.of(
          "je reprendrai",
          "je reprendrais",
          "je rappellerai",
          "je le ferai plus tard",
          "je la ferai plus tard",
          "i ll rebook",
          "ill rebook",
          "i ll book again",
          "i ll book another",
          "i will rebook",
          "i ll call back",
          "riprenotero",
          "richiamero",
          "ne prendero un altro");

  /** Small talk: the weather. A date in it is not a booking, nor is a question mark a question. */
  static final List<String> SMALL_TALK =
      List.of(
          "pleuvoir",
          "il pleut",
          "meteo",
          "il fait beau",
          "weather",
          "going to rain",
          "che tempo",
          "tempo fa",
          "piove",
          "piovere",
          "pioggia",
          "fa bel tempo");

  /** Words a short message may hold besides its yes or stop word. */
  static final Set<String> POLITE =
      words(
          "merci",
          "thanks",
          "thank",
          "you",
          "grazie",
          "svp",
          "stp",
          "please",
          "pls",
          "per",
          "favore",
          "bonjour",
          "hello",
          "hi",
          "buongiorno",
          "ciao",
          "salve",
          "sms",
          "messages",
          "message",
          "messaggi",
          "texts",
          "beaucoup",
          "mille",
          "much",
          "a",
          "tutti",
          "tous",
          "les",
          "le",
          "de",
          "du",
          "docteur",
          "doctor",
          "dottore",
          "madame",
          "monsieur",
          "ci",
          "vediamo",
          "a",
          "bientot",
          "then",
          "see");

  static {
    cues(
        Intent.BOOK,
        "rdv",
        "vaccinated",
        "fit me in",
        "can i come",
        "je peux venir",
        "posso venire",
        "c e posto",
        "avete posto",
        "avete un posto",
        "un posto libero",
        "rendez vous",
        "rendezvous",
        "rendez vs",
        "rendevous",
        "rendz vous",
        "redez vous",
        "creneau",
        "creneaux",
        "disponibilit*",
        "dispo",
        "dispos",
        "reserver",
        "prendre un rendez vous",
        "consulter",
        "me faire vacciner",
        "faire vacciner",
        "voir le docteur",
        "voir le dr",
        "voir la dr",
        "voir un medecin",
        "voir le medecin",
        "voir un docteur",
        "de la place",
        "une place",
        "passer voir",
        "passer au cabinet",
        "appointment",
        "appointments",
        "appts",
        "appointement",
        "appt",
        "apointment",
        "appoitment",
        "book",
        "booking",
        "schedule a",
        "schedule an",
        "slot",
        "slots",
        "available",
        "availability",
        "see the doctor",
        "see a doctor",
        "see dr",
        "see doctor",
        "see someone",
        "get seen",
        "be seen",
        "come in",
        "appuntamento",
        "appuntament*",
        "apuntamento",
        "prenot*",
        "fissare",
        "posto libero",
        "un posto",
        "disponibil*",
        "farmi visitare",
        "far visitare",
        "vedere il dottor*",
        "vedere la dottoressa",
        "essere visitat*");
    cues(
        0.5,
        Intent.BOOK,
        "consultation",
        "visite",
        "visit",
        "visita",
        "voir",
        "venir",
        "passer",
        "need",
        "voudrais",
        "vorrei",
        "would like",
        "besoin",
        "i d like",
        "id like",
        "to see",
        "possible",
        "possibile",
        "si puo");
    cues(
        Intent.RESCHEDULE,
        "deplacer",
        "forward",
        "push my",
        "push the",
        "push our",
        "move",
        "moving",
        "moved",
        "change appt",
        "change appointment",
        "cambiare",
        "rimand*",
        "modifier l horaire",
        "changer rdv",
        "changer le rendez vous",
        "deplac*",
        "decaler",
        "decal*",
        "reporter",
        "repousser",
        "repouss*",
        "reprogrammer",
        "changer mon rdv",
        "changer de rdv",
        "changer le rdv",
        "changer mon rendez vous",
        "changer le rendez vous",
        "changer de rendez vous",
        "changer l heure",
        "changer la date",
        "changer l horaire",
        "changer d horaire",
        "changer de jour",
        "changer d heure",
        "modifier mon rdv",
        "modifier le rdv",
        "modifier mon rendez vous",
        "modifier le rendez vous",
        "modifier l heure",
        "modifier la date",
        "un autre jour",
        "un autre creneau",
        "une autre date",
        "une autre heure",
        "un autre moment",
        "avancer",
        "l avancer",
        "avancer mon",
        "avancer le",
        "avancer mon rdv",
        "au lieu de",
        "a la place",
        "reschedule",
        "resched*",
        "re schedule",
        "rebook",
        "move my",
        "move the",
        "move it",
        "move our",
        "moving my",
        "change my appointment",
        "change the appointment",
        "change my appt",
        "change my booking",
        "change the time",
        "change the date",
        "change the day",
        "change it to",
        "postpone",
        "push back",
        "push it",
        "bring forward",
        "bring it forward",
        "earlier time",
        "later time",
        "another day",
        "another time",
        "different day",
        "different time",
        "rearrange",
        "switch my",
        "swap my",
        "instead",
        "spostare",
        "spost*",
        "cambiare l appuntamento",
        "cambiare appuntamento",
        "cambiare la data",
        "cambiare l orario",
        "cambiare orario",
        "cambiare giorno",
        "cambiare il giorno",
        "cambio appuntamento",
        "rinviare",
        "rinvi*",
        "posticip*",
        "anticip*",
        "un altro giorno",
        "un altro orario",
        "un altra data",
        "un altro momento",
        "invece",
        "riprogramm*");
    cues(0.6, Intent.RESCHEDULE, "plutot", "changer", "modifier", "change");
    // Later or earlier, or a date that no longer suits: a move once one's own appointment is named.
    cues(
        0.5,
        Intent.RESCHEDULE,
        "plus tard",
        "plus tot",
        "tombe mal",
        "me le mettre",
        "bump",
        "push",
        "le mettre au",
        "le mettre a",
        "later",
        "earlier",
        "doesn t suit",
        "no longer suits",
        "piu tardi",
        "piu presto",
        "non mi va piu bene");
    cues(
        Intent.CANCEL,
        "annul*",
        "not be coming",
        "non ho piu bisogno",
        "piu bisogno",
        "non potro",
        "jannul*",
        "empech*",
        "honorer",
        "anul*",
        "supprimer mon",
        "supprimer le rdv",
        "ne pourrai pas venir",
        "pourrai pas venir",
        "pourrais pas venir",
        "pourrai pas etre",
        "ne peux pas venir",
        "peux pas venir",
        "peux plus venir",
        "ne viendrai pas",
        "viendrai pas",
        "viendra pas",
        "ne serai pas la",
        "serai pas la",
        "serai pas present*",
        "pourrai pas y aller",
        "desist*",
        "decommander",
        "decommande",
        "plus besoin du rdv",
        "plus besoin de rdv",
        "plus besoin du rendez vous",
        "plus besoin de venir",
        "laisse tomber le rdv",
        "plus la peine",
        "won t be needing",
        "wont be needing",
        "don t need it anymore",
        "not need the appointment",
        "non serve piu",
        "non mi serve piu",
        "cancel*",
        "cancle",
        "call off",
        "can t make it",
        "cant make it",
        "cannot make it",
        "can not make it",
        "won t make it",
        "wont make it",
        "won t be able to come",
        "wont be able to come",
        "won t be able to make",
        "not be able to come",
        "not be able to make",
        "cannot come",
        "can t come",
        "cant come",
        "won t be coming",
        "not coming",
        "won t be there",
        "wont be there",
        "will not be there",
        "can t be there",
        "unable to attend",
        "unable to come",
        "no longer need",
        "don t need the appointment",
        "annull*",
        "disd*",
        "cancellare",
        "cancella",
        "cancellate",
        "non potro venire",
        "non posso venire",
        "non riesco a venire",
        "non riusciro a venire",
        "non vengo",
        "non verro",
        "non ci saro",
        "non ci saremo",
        "non posso piu venire",
        "rinuncio",
        "rinunciare");
    cues(
        Intent.CONFIRM,
        "je confirme",
        "confirme ma presence",
        "confirme le rdv",
        "confirme mon rdv",
        "confirme le rendez vous",
        "confirme mon rendez vous",
        "c est confirme",
        "confirme pour",
        "je serai la",
        "je serai bien la",
        "je serai present*",
        "serai bien present*",
        "nous serons la",
        "on sera la",
        "je viendrai",
        "ok pour moi",
        "ca me va",
        "i confirm",
        "confirmed",
        "confirming",
        "i ll be there",
        "ill be there",
        "i will be there",
        "we ll be there",
        "we will be there",
        "see you then",
        "see u then",
        "see you tomorrow",
        "see u tomorrow",
        "see you tmrw",
        "see u tmrw",
        "see you tmr",
        "see u tmr",
        "a demain alors",
        "ci vediamo domani",
        "sounds good",
        "that works",
        "works for me",
        "i will attend",
        "i ll attend",
        "i ll come",
        "confermo",
        "confermat*",
        "conferma la",
        "ci saro",
        "ci saremo",
        "saro presente",
        "saro li",
        "verro",
        "va benissimo");
    cues(
        Intent.CONFIRM,
        "bon pour moi",
        "see you on",
        "see you at",
        "see you next",
        "see you in",
        "ci vediamo",
        "on se voit");
    cues(0.5, Intent.CONFIRM, "ok pour", "all good", "all set", "a domani", "va bene");
    // A farewell to the day of the visit, after an agreement: "C'est noté, à lundi !",
    // "Perfetto, a lunedì!", "oui c'est bon pour mardi".
    cues(
        0.5,
        Intent.CONFIRM,
        "c est note",
        "c est bon",
        "c bon",
        "a lundi",
        "a mardi",
        "a mercredi",
        "a jeudi",
        "a vendredi",
        "a samedi",
        "a lunedi",
        "a martedi",
        "a mercoledi",
        "a giovedi",
        "a venerdi",
        "a sabato",
        "noted");
    // Being there, said after a yes: "yes we'll both be there", "sì sì veniamo io e mio figlio".
    cues(0.5, Intent.CONFIRM, "be there", "veniamo", "nous viendrons", "on viendra");
    cues(
        Intent.DIRECTIONS,
        "adresse",
        "where is",
        "where are",
        "goes to you",
        "dov e",
        "venire da voi",
        "bus",
        "autobus",
        "code pour la porte",
        "quel code",
        "aller chez vous",
        "venir chez vous",
        "c est ou",
        "ou est il",
        "ou est elle",
        "ou c est",
        "adress",
        "ou etes vous",
        "ou etes vs",
        "vous etes ou",
        "ou est le cabinet",
        "ou est situe",
        "ou se trouve",
        "ou vous trouvez",
        "ou vous situez",
        "ou se situe",
        "comment venir",
        "comment vous trouver",
        "comment aller",
        "comment se rendre",
        "comment acceder",
        "comment on vient",
        "comment y aller",
        "parking",
        "se garer",
        "me garer",
        "garer",
        "stationner",
        "stationnement",
        "metro",
        "itineraire",
        "quel etage",
        "digicode",
        "code de la porte",
        "code porte",
        "directions",
        "address",
        "adress",
        "where are you",
        "where r u",
        "where is the practice",
        "where is the clinic",
        "where is the surgery",
        "where s the",
        "where is your",
        "where exactly",
        "where do i go",
        "how do i get",
        "how to get",
        "how can i get",
        "get there",
        "get to you",
        "car park",
        "park",
        "nearest station",
        "tube",
        "subway",
        "which floor",
        "what floor",
        "door code",
        "map",
        "located",
        "find you",
        "indirizzo",
        "dove si trova",
        "dove siete",
        "dove vi trovate",
        "dove e lo studio",
        "dove e l ambulatorio",
        "dove e",
        "come arrivare",
        "come arrivo",
        "come si arriva",
        "postcode",
        "post code",
        "zip code",
        "sat nav",
        "satnav",
        "code postal",
        "codice postale",
        "navigatore",
        "ci arrivo",
        "ci si arriva",
        "arrivarci",
        "come raggiunger*",
        "come vi raggiungo",
        "parcheggio",
        "parcheggiare",
        "posteggio",
        "metropolitana",
        "mappa",
        "che piano",
        "quale piano",
        "citofono",
        "indicazioni");
    cues(
        Intent.DIRECTIONS,
        "plan d acces",
        "envoyer un plan",
        "un plan pour venir",
        "le plan pour venir",
        "envoyer le plan",
        "votre localisation",
        "localisation du cabinet",
        "google maps",
        "maps",
        "waze",
        "gps",
        "mandate la posizione",
        "mandarmi la posizione",
        "inviate la posizione",
        "inviarmi la posizione",
        "vostra posizione",
        "posizione dello studio",
        "quelle porte",
        "which door",
        "what door",
        "quale porta",
        "find the entrance",
        "trouve pas l entree",
        "non trovo l ingresso");
    cues(0.6, Intent.DIRECTIONS, "acces", "entree", "ingresso", "location", "entrance");
    cues(0.6, Intent.DIRECTIONS, "can t find", "cant find", "trouve pas", "non trovo");
    cues(
        Intent.QUESTION,
        "combien",
        "taking new",
        "accepting new",
        "prendete nuovi",
        "prende nuovi",
        "holiday",
        "on holiday",
        "on leave",
        "ferie",
        "in ferie",
        "domicilio",
        "home visit*",
        "a domicile",
        "a che eta",
        "che eta",
        "how old",
        "quel age",
        "differenza",
        "aprite",
        "chiudete",
        "ouvre",
        "ouvrez vous",
        "conge",
        "en conge",
        "vacances",
        "absent",
        "absente",
        "handicap*",
        "fauteuil",
        "soigne",
        "traite",
        "recevez",
        "difference",
        "certificat*",
        "tarif",
        "tarifs",
        "prix",
        "cout",
        "coute",
        "honoraires",
        "rembours*",
        "mutuelle",
        "carte vitale",
        "tiers payant",
        "depassement*",
        "conventionne",
        "horaires",
        "heures d ouverture",
        "ouvert",
        "ouverts",
        "ouverte",
        "ouvrez",
        "fermez",
        "ferme",
        "fermes",
        "quels jours",
        "quel jour",
        "quelles heures",
        "prenez vous",
        "vous prenez",
        "acceptez",
        "vous faites",
        "faites vous",
        "soignez",
        "traitez",
        "parlez vous",
        "vous parlez",
        "parle t il",
        "parle t elle",
        "a jeun",
        "resultats",
        "analyses",
        "apporter",
        "faut il",
        "dois je",
        "est ce normal",
        "c est normal",
        "puis je prendre",
        "je peux prendre",
        "effets secondaires",
        "arreter ma",
        "arreter mon",
        "arreter le",
        "arreter la",
        "payer",
        "paiement",
        "carte bancaire",
        "cheque",
        "especes",
        "ordonnance",
        "renouvel*",
        "combien de temps",
        "how much",
        "cost",
        "costs",
        "price",
        "prices",
        "fee",
        "fees",
        "charge",
        "insurance",
        "covered",
        "cover",
        "do you accept",
        "do you take",
        "do you treat",
        "do you do",
        "do you offer",
        "do you see",
        "opening hours",
        "open on",
        "are you open",
        "open today",
        "open tomorrow",
        "open saturday",
        "what time do you",
        "when do you open",
        "when do you close",
        "closed",
        "which days",
        "what days",
        "which day",
        "work on",
        "works on",
        "working on",
        "should i",
        "do i need",
        "do i have to",
        "can i eat",
        "fasting",
        "results",
        "prescription",
        "refill",
        "how long",
        "is it normal",
        "side effect*",
        "speak french",
        "speak italian",
        "speak english",
        "pay",
        "payment",
        "cash",
        "wheelchair",
        "accessible",
        "certificate",
        "sick note",
        "is it safe",
        "can i take",
        "quanto costa",
        "costo",
        "costa",
        "prezzo",
        "prezzi",
        "tariff*",
        "ticket",
        "assicurazione",
        "mutua",
        "ssn",
        "convenzionat*",
        "orari",
        "orario di apertura",
        "aperti",
        "aperto",
        "chiuso",
        "chiusi",
        "che giorni",
        "quali giorni",
        "quale giorno",
        "che orari",
        "accettate",
        "prendete",
        "fate",
        "curate",
        "trattate",
        "digiuno",
        "portare",
        "ricetta",
        "impegnativa",
        "risultati",
        "referti",
        "referto",
        "quanto dura",
        "quanto tempo",
        "parlate",
        "parla",
        "pagare",
        "pagamento",
        "bancomat",
        "contanti",
        "certificato",
        "effetti collaterali",
        "posso prendere",
        "e normale",
        "devo smettere",
        "sospendere",
        "smettere");
    cues(Intent.QUESTION, "can i bring", "may i bring", "could i bring");
    cues(
        0.6, Intent.QUESTION, "bring", "medicament*", "traitement", "farmaco", "medicine", "cream");
    cues(
        Intent.HUMAN,
        "parler a quelqu un",
        "actual person",
        "talk to a person",
        "speak to a person",
        "real human",
        "someone i can speak",
        "someone i can talk",
        "passami",
        "mi passa",
        "mi passate",
        "mi passi",
        "qualcuno dello studio",
        "passer quelqu un",
        "mettre en relation",
        "en relation avec",
        "parler a l accueil",
        "passer l accueil",
        "joindre l accueil",
        "parlare con",
        "talk to dr",
        "speak to dr",
        "talk to doctor",
        "speak to doctor",
        "speak to my",
        "talk to my",
        "put me through",
        "through to",
        "member of staff",
        "passez moi",
        "mi passi",
        "richiamatemi",
        "richiamami",
        "richiamarmi",
        "chiamarmi",
        "parler avec quelqu un",
        "parler a une personne",
        "parler a un humain",
        "parler a la secretaire",
        "parler au secretariat",
        "parler a l accueil",
        "parler au docteur",
        "parler au medecin",
        "je veux parler",
        "je voudrais parler",
        "j aimerais parler",
        "une vraie personne",
        "un humain",
        "humain",
        "un etre humain",
        "une personne reelle",
        "secretaire",
        "standard",
        "operateur",
        "operatrice",
        "rappelez moi",
        "me rappeler",
        "me rappelle",
        "rappeler",
        "appelez moi",
        "m appeler",
        "m appelle",
        "joindre quelqu un",
        "quelqu un peut m appeler",
        "speak to someone",
        "speak to a person",
        "speak with someone",
        "speak to somebody",
        "talk to someone",
        "talk to somebody",
        "talk to a person",
        "talk to a human",
        "speak to a human",
        "speak to a real",
        "talk to a real",
        "real person",
        "human",
        "operator",
        "receptionist",
        "call me",
        "phone me",
        "ring me",
        "give me a call",
        "someone call",
        "somebody call",
        "agent",
        "representative",
        "not a bot",
        "not a robot",
        "staff member",
        "speak to the doctor",
        "talk to the doctor",
        "speak to reception",
        "talk to reception",
        "parlare con qualcuno",
        "parlare con una persona",
        "parlare con un umano",
        "parlare con la segreteria",
        "parlare con il dottore",
        "parlare con la dottoressa",
        "parlare con il medico",
        "persona vera",
        "persona reale",
        "operatore",
        "richiamar*",
        "mi richiami",
        "mi richiamate",
        "chiamatemi",
        "mi chiami",
        "mi chiamate",
        "umano",
        "essere umano",
        "centralino",
        "vorrei parlare",
        "voglio parlare",
        "posso parlare");
    cues(0.6, Intent.HUMAN, "secretariat", "segreteria", "segretaria");
    // Frustration with the assistant, or a wish for the phone: a person, with another hint.
    cues(
        0.5,
        Intent.HUMAN,
        "on the phone",
        "by phone",
        "by text",
        "non capisci",
        "you don t understand",
        "comprends rien",
        "comprenez rien",
        "par telephone",
        "al telefono");
    cues(
        Intent.OPT_OUT,
        "desabonn*",
        "receive any more",
        "any more messages",
        "receive messages",
        "more messages",
        "piu ricevere",
        "ne plus m envoyer",
        "plus m envoyer",
        "plus recevoir",
        "desinscri*",
        "ne plus recevoir",
        "ne m envoyez plus",
        "n envoyez plus",
        "arretez de m envoyer",
        "arretez d envoyer",
        "arretez les sms",
        "arretez les messages",
        "arreter les sms",
        "arreter les messages",
        "stop sms",
        "stop aux sms",
        "stop messages",
        "plus de sms",
        "plus de messages",
        "plus de rappels",
        "unsubscribe",
        "opt out",
        "opt me out",
        "stop texting",
        "stop sending",
        "stop messaging",
        "stop the texts",
        "stop the messages",
        "stop these messages",
        "no more messages",
        "no more texts",
        "remove me from",
        "take me off",
        "off your list",
        "me retirer de",
        "retirez moi",
        "retirer de la liste",
        "retirer mon numero",
        "supprimez mon numero",
        "toglietemi",
        "togliermi dalla",
        "remove my number",
        "don t text me",
        "dont text me",
        "don t message me",
        "do not text me",
        "do not contact me",
        "non inviatemi",
        "non mandatemi",
        "non voglio piu ricevere",
        "non voglio ricevere",
        "non scrivetemi",
        "disiscriv*",
        "cancellatemi",
        "togliete il mio numero",
        "rimuovete il mio numero",
        "basta messaggi",
        "basta sms",
        "basta promemoria",
        "basta notifiche",
        "niente piu promemoria",
        "no more reminders",
        "plus de relances",
        "stop messaggi",
        "stop ai messaggi",
        "niente piu messaggi",
        "non ricevere piu");
    GENERAL_QUESTION.addAll(
        List.of(
            new Cue("est ce que", 1),
            new Cue("fait il", 1),
            new Cue("fait elle", 1),
            new Cue("font ils", 1),
            new Cue("font elles", 1),
            new Cue("c est quoi", 1),
            new Cue("like to know", 1),
            new Cue("want to know", 1),
            new Cue("wanted to know", 1),
            new Cue("fa", 1),
            new Cue("fanno", 1),
            new Cue("quoi", 1),
            new Cue("y a t il", 1),
            new Cue("est ce qu", 1),
            new Cue("je voudrais savoir", 1),
            new Cue("j aimerais savoir", 1),
            new Cue("savoir si", 1),
            new Cue("renseignement*", 1),
            new Cue("information*", 1),
            new Cue("question", 1),
            new Cue("pourquoi", 1),
            new Cue("comment", 1),
            new Cue("quand", 1),
            new Cue("quel", 1),
            new Cue("quelle", 1),
            new Cue("what", 1),
            new Cue("which", 1),
            new Cue("why", 1),
            new Cue("how", 1),
            new Cue("does", 1),
            new Cue("is there", 1),
            new Cue("can you tell", 1),
            new Cue("i was wondering", 1),
            new Cue("perche", 1),
            new Cue("come", 1),
            new Cue("quando", 1),
            new Cue("quale", 1),
            new Cue("quali", 1),
            new Cue("vorrei sapere", 1),
            new Cue("informazion*", 1),
            new Cue("domanda", 1),
            new Cue("devo", 1),
            new Cue("bisogna", 1),
            new Cue("serve", 1),
            new Cue("je dois", 1)));
  }

  private IntentRules() {}

  private static Set<String> words(String... words) {
    return Set.copyOf(List.of(words));
  }

  private static void cues(Intent intent, String... phrases) {
    cues(1, intent, phrases);
  }

  private static void cues(double weight, Intent intent, String... phrases) {
    List<Cue> list = CUES.computeIfAbsent(intent, i -> new ArrayList<>());
    for (String phrase : phrases) {
      list.add(new Cue(phrase, weight));
    }
  }

  /** What fired: the intents whose cues weigh 1 or more, and every cue found. */
  record Scores(Map<Intent, Double> weights, Map<Intent, List<String>> found) {
    double of(Intent intent) {
      return weights.getOrDefault(intent, 0.0);
    }

    void add(Intent intent, String cue, double weight) {
      weights.merge(intent, weight, Double::sum);
      found.computeIfAbsent(intent, i -> new ArrayList<>()).add(cue);
    }

    boolean fired(Intent intent) {
      return of(intent) >= 1.0 - 1e-9;
    }

    void drop(Intent intent) {
      weights.remove(intent);
      found.remove(intent);
    }

    /**
     * A question only about papers (a certificate, a prescription) when a visit is asked for too:
     * the visit is what is wanted.
     */
    boolean papersToBookFor(Folded text) {
      return fired(Intent.QUESTION)
          && fired(Intent.BOOK)
          && PAPERS.containsAll(found.getOrDefault(Intent.QUESTION, List.of()))
          && WITHOUT_A_VISIT.stream().noneMatch(text::has);
    }
  }

  static Scores score(Folded text) {
    return score(text, false, false);
  }

  /**
   * @param ownTypeNamed a possessive right before the appointment type named: "my video call", "ma
   *     téléconsultation", "la visita di mio figlio" is one's own appointment
   * @param timeInsteadOfAnother the time asked for replaces another one the message names ("not
   *     Wednesday but Thursday", "push tomorrow's appointment to the 19th"): a hint of a move
   */
  static Scores score(Folded text, boolean ownTypeNamed, boolean timeInsteadOfAnother) {
    Scores scores = new Scores(new EnumMap<>(Intent.class), new EnumMap<>(Intent.class));
    Map<Intent, Boolean> strong = new EnumMap<>(Intent.class);
    CUES.forEach(
        (intent, cues) -> {
          for (Cue cue : cues) {
            if (text.has(cue.phrase()) && !elsewhere(text, cue.phrase())) {
              scores.add(intent, cue.phrase(), cue.weight());
              if (cue.weight() >= 1) {
                strong.put(intent, true);
              }
            }
          }
        });
    if (stopSending(text)) {
      scores.add(Intent.OPT_OUT, "a stop word and the messages", 1);
    }
    if (scores.fired(Intent.CANCEL) && REBOOK_NOW.stream().anyMatch(text::has)) {
      scores.add(Intent.RESCHEDULE, "cancel and take another", 1);
      strong.put(Intent.RESCHEDULE, true);
    }
    if (ownAppointment(text) || ownTypeNamed) {
      scores.add(Intent.RESCHEDULE, "an appointment of one's own", 0.5);
    }
    if (timeInsteadOfAnother) {
      scores.add(Intent.RESCHEDULE, "a time asked for in place of another", 0.5);
    }
    if (scores.fired(Intent.CANCEL) && REBOOK_LATER.stream().anyMatch(text::has)) {
      scores.drop(Intent.RESCHEDULE);
    }
    if (scores.fired(Intent.CANCEL) && ELSEWHERE.stream().anyMatch(text::has)) {
      scores.drop(Intent.RESCHEDULE);
    }
    if (!strong.containsKey(Intent.RESCHEDULE)
        && !timeInsteadOfAnother
        && (scores.fired(Intent.CANCEL) || scores.fired(Intent.CONFIRM))) {
      // Only hints of a move ("mon rdv ... plus tard", "ça tombe mal") next to a plain
      // cancellation or confirmation: "je confirme mon rdv, j'arriverai un peu plus tard".
      scores.drop(Intent.RESCHEDULE);
    }

    if (text.length() > 0
        && YES_CORE.contains(text.words[0])
        // "si" is also "if" and Italian's "si può": a yes only doubled or with another yes word.
        && (!text.words[0].equals("si") || text.length() > 1 && YES_CORE.contains(text.words[1]))) {
      scores.add(Intent.CONFIRM, "a yes first", 0.5);
    }
    if (only(text, YES, YES_CORE)) {
      scores.add(Intent.CONFIRM, "a yes on its own", 1);
    }
    if (only(text, STOP, STOP)) {
      scores.add(Intent.OPT_OUT, "a stop word on its own", 1);
    }
    return scores;
  }

  /** Whether {@code cue} is found only inside a phrase where it means something else. */
  private static boolean elsewhere(Folded text, String cue) {
    List<String> phrases = NOT_IN.get(cue);
    return phrases != null && phrases.stream().anyMatch(text::has);
  }

  /**
   * A stop word with a word for the messages at most four words after it: "Arrêt des SMS", "stop
   * all reminders"; not "should I stop my cream? I got your text", not "arrêt de travail".
   */
  private static boolean stopSending(Folded text) {
    String[] words = text.words;
    for (int i = 0; i < words.length; i++) {
      if (!STOP_SENDING.contains(words[i])
          || (i + 1 < words.length
              && (words[i + 1].equals("maladie")
                  || words[i + 1].equals("de")
                      && i + 2 < words.length
                      && words[i + 2].equals("travail")))) {
        continue;
      }
      for (int j = i + 1; j < Math.min(words.length, i + 5); j++) {
        if (MESSAGES.contains(words[j])) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * "mon rendez-vous", "my son's pediatric visit", "il mio appuntamento": up to four words apart;
   * or the appointment first, "of" and a possessive: "la visita di mio figlio".
   */
  private static boolean ownAppointment(Folded text) {
    String[] words = text.words;
    for (int i = 0; i < words.length; i++) {
      // "la visita di mio figlio", "le rdv de ma fille", "the appointment of my son".
      if (APPOINTMENT_WORDS.contains(words[i])
          && i + 2 < words.length
          && OF.contains(words[i + 1])
          && OWN.contains(words[i + 2])) {
        return true;
      }
      // "l'appuntamento di giovedì", "the appointment": a definite one is one's own.
      if (THE.contains(words[i]) && i + 1 < words.length && BOOKED.contains(words[i + 1])) {
        return true;
      }
      if (!OWN.contains(words[i])) {
        continue;
      }
      for (int j = i + 1; j < Math.min(words.length, i + 6); j++) {
        if (APPOINTMENT_WORDS.contains(words[j])) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean smallTalk(Folded text) {
    return SMALL_TALK.stream().anyMatch(text::has);
  }

  /** The message holds only words of {@code allowed} and polite words, and one of {@code core}. */
  private static boolean only(Folded text, Set<String> allowed, Set<String> core) {
    if (text.length() == 0 || text.length() > 6) {
      return false;
    }
    boolean seen = false;
    for (String word : text.words) {
      if (core.contains(word)) {
        seen = true;
      } else if (!allowed.contains(word) && !POLITE.contains(word)) {
        return false;
      }
    }
    return seen;
  }

  static List<String> generalQuestion(String text, Folded folded) {
    List<String> found = new ArrayList<>();
    if (text.contains("?")) {
      found.add("?");
    }
    for (Cue cue : GENERAL_QUESTION) {
      if (folded.has(cue.phrase())) {
        found.add(cue.phrase());
      }
    }
    return found;
  }
}
