package org.accueil.assistant.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard that keeps the knowledge base from ever answering a medical question. */
class KnowledgeMedicalAdviceTests {

  @Test
  void dosesMedicinesToStopOrTakeAndWhatASymptomMeansAreMedicalAdvice() {
    List<String> medical =
        List.of(
            "Should I stop my cream?",
            "What dose of ibuprofen?",
            "Is my mole cancer?",
            "Can I keep taking my antibiotics if I feel better?",
            "How many pills of paracetamol can I take?",
            "Is this rash contagious?",
            "I have a pain in my chest since yesterday",
            "What are the side effects of the vaccine?",
            "Dois-je arrêter ma crème ?",
            "Quelle posologie pour le Doliprane ?",
            "Je peux continuer mon traitement pendant la grossesse ?",
            "Mon grain de beauté est-il un cancer ?",
            "J'ai mal au ventre, c'est grave ?",
            "Mon bouton est infecté ?",
            "Est-ce normal d'avoir des effets secondaires ?",
            "Devo smettere di prendere il farmaco?",
            "Che dose di tachipirina?",
            "Il mio neo è maligno?",
            "Ho la febbre, è grave?",
            "Posso prendere l'antibiotico con il latte?",
            "Quante compresse devo prendere?");
    assertThat(medical).allSatisfy(q -> assertThat(MedicalAdvice.sought(q)).as(q).isTrue());
  }

  @Test
  void questionsAboutThePracticeAreNot() {
    List<String> practical =
        List.of(
            "Do you treat eczema?",
            "Vous prenez la carte Vitale ?",
            "Do you take card payments?",
            "What should I bring to my appointment?",
            "Can I stop by without an appointment?",
            "Qu'est-ce que je dois apporter ?",
            "Dois-je prendre ma carte Vitale ?",
            "Combien coûte une consultation ?",
            "Do you offer acne treatment?",
            "Faites-vous le vaccin contre la grippe ?",
            "Posso pagare con il bancomat?",
            "Curate l'eczema?",
            "Where can I park?",
            "Are you open on Saturdays?",
            "Quanto costa una visita?",
            "Do you check moles?");
    assertThat(practical).allSatisfy(q -> assertThat(MedicalAdvice.sought(q)).as(q).isFalse());
  }
}
