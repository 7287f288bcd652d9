package org.accueil.assistant.knowledge;

import java.util.List;
import java.util.regex.Pattern;
import org.accueil.assistant.knowledge.internal.KnowledgeAnalyzers;

/**
 * Questions only a clinician may answer, told apart by their words so the knowledge base never
 * answers them, however close an entry's words come: a dose ("what dose of ibuprofen?"), whether to
 * take, stop or go on with a medicine or treatment ("should I stop my cream?"), what a symptom or a
 * result means ("is my mole cancer?", "c'est grave ?"), side effects. Deterministic and on purpose
 * broad: a question it catches goes to the team, which costs a little of their time; an answer it
 * lets through could cost a patient's health.
 */
public final class MedicalAdvice {

  /** Dosage, in any of the three languages. */
  private static final Pattern DOSE =
      Pattern.compile(
          "\\b(dose|doses|dosage|dosages|posologie|dosaggio|posologia|\\d+\\s?(mg|ml|g|µg|mcg)\\b"
              + "|milligram|how many (pills|tablets|capsules|drops)"
              + "|combien de (comprimes|cachets|gelules|gouttes|fois par jour)"
              + "|quant[ie] (pastiglie|compresse|capsule|gocce|volte al giorno))");

  /** A medicine or a treatment, by kind or by a common name. */
  private static final Pattern MEDICINE =
      Pattern.compile(
          "\\b(medicament\\w*|medicine\\w*|medication\\w*|drug|drugs|farmac\\w*|medicin[ae]\\b"
              + "|pill\\w*|tablet\\w*|comprime\\w*|cachet\\w*|gelule\\w*|pastigli\\w*|compress[ae]\\b"
              + "|capsul\\w*|pommade\\w*|creme\\w*|cream\\w*|crema|creme|ointment\\w*|unguento"
              + "|antibio\\w*|ibuprof\\w*|paracetamol\\w*|doliprane|dafalgan|efferalgan|advil"
              + "|nurofen|aspirin\\w*|tachipirina|cortison\\w*|corticoid\\w*|steroid\\w*"
              + "|insulin\\w*|insuline|pilule|contracepti\\w*|anticoagula\\w*|inhaler|inhalateur"
              + "|ventoline|traitement\\w*|treatment\\w*|therap\\w*|terapia|cura|cure"
              + "|sirop|syrup|sciroppo|gouttes|drops|gocce)\\b");

  /** Taking, stopping, going on with or changing something. */
  private static final Pattern TAKE_OR_STOP =
      Pattern.compile(
          "\\b(take|taking|took|stop\\w*|continue\\w*|keep (taking|using|on)|quit|skip|double"
              + "|increase|reduce|lower|use|using|mix|combine|switch"
              + "|prend\\w*|pris|arret\\w*|stopp\\w*|continu\\w*|interromp\\w*|suspend\\w*"
              + "|augment\\w*|diminu\\w*|baiss\\w*|mettre|appliquer|melanger|associer|changer"
              + "|prender\\w*|pres[oa]|smett\\w*|sospend\\w*|interromp\\w*|aument\\w*"
              + "|riduc\\w*|ridurre|usare|applicare|mescolare|cambiare)\\b");

  /** What a symptom, a spot or a result means, or whether it is serious. */
  private static final Pattern DIAGNOSIS =
      Pattern.compile(
          "\\b(cancer\\w*|cancro|tumeur\\w*|tumou?r\\w*|tumore|melanom\\w*|malignant|malin"
              + "|maligno|benign\\w*|benin\\w*|diagnos\\w*|symptom\\w*|sintom\\w*"
              + "|side effect\\w*|effets? (secondaires?|indesirables?)|effett[io] collateral[ei]"
              + "|is (it|this|that) (serious|normal|dangerous|contagious|bad|infected)"
              + "|should i (be worried|worry)|am i (sick|ill|pregnant|contagious)"
              + "|what do i have|what is wrong with me"
              + "|(est-ce|c'est|c est|ce n'est pas|est ce) (grave|normal|dangereux|contagieux|inquietant)"
              + "|dois-je m'inquieter|je m'inquiete|qu'est-ce que j'ai|qu est ce que j ai"
              + "|e (grave|normale|pericoloso|contagioso|preoccupante)|devo preoccuparmi"
              + "|cosa ho|che cosa ho|interaction\\w*|interazion\\w*"
              + "|allergic reaction|reaction allergique|reazione allergica"
              + "|(is|are) (my|the|this|that|it|these) (\\w+ ){0,2}(serious|normal|dangerous"
              + "|contagious|cancerous|infected|bad|worrying)"
              + "|(mon|ma|mes|le|la|ce|cette) (\\w+ ){0,2}(est|sont) (grave|normal\\w*|dangereu\\w*"
              + "|contagieu\\w*|infecte\\w*|inquietant\\w*)"
              + "|(il mio|la mia|i miei|le mie|questo|questa) (\\w+ ){0,2}(e|sono) (grave|normal\\w*"
              + "|pericolos\\w*|contagios\\w*|infett\\w*|preoccupant\\w*)"
              + "|(i have|i've got|i've had|i got|j'ai|j ai|ho|ho avuto) (une? |a |la |le |de la |des |del |della |il |un |una )?"
              + "(mal|pain|douleur\\w*|dolor\\w*|fievre|fever|febbre|rash|boutons?|lump|bosse"
              + "|grosseur|nodul\\w*|sang|blood|sangue|toux|cough|tosse|vertig\\w*|dizz\\w*"
              + "|nausea|nausee\\w*|vomi\\w*|diarr\\w*|brulure\\w*|burning|bruciore)"
              + "|(est|sont)-(il|elle|ils|elles) (grave|normal\\w*|dangereu\\w*|infecte\\w*"
              + "|inquietant\\w*|cancereu\\w*)"
              + "|contagi\\w*|contagious|infectious"
              + "|enceinte et|pregnant and|incinta e)\\b");

  private static final List<Pattern> ALONE = List.of(DOSE, DIAGNOSIS);

  private MedicalAdvice() {}

  /** Whether {@code question} asks for medical advice, in French, English or Italian. */
  public static boolean sought(String question) {
    String text = KnowledgeAnalyzers.fold(question).replace('\u2019', '\'');
    for (Pattern pattern : ALONE) {
      if (pattern.matcher(text).find()) {
        return true;
      }
    }
    return MEDICINE.matcher(text).find() && TAKE_OR_STOP.matcher(text).find();
  }
}
