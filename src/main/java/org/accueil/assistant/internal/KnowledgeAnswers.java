package org.accueil.assistant.internal;

import java.util.Locale;
import java.util.Optional;
import org.accueil.assistant.knowledge.KnowledgeAnswer;
import org.accueil.assistant.knowledge.KnowledgeBase;
import org.accueil.practice.AppointmentTypeId;
import org.springframework.stereotype.Component;

/**
 * The practice's knowledge as the dialogue reads it: the knowledge base's answers, complete texts
 * (a map link included), empty for anything it does not hold or any medical question.
 */
@Component
class KnowledgeAnswers implements PracticeKnowledge {

  private final KnowledgeBase knowledge;

  KnowledgeAnswers(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  @Override
  public Optional<String> answer(String question, Locale language) {
    return knowledge.answer(question, language).map(KnowledgeAnswer::answer);
  }

  @Override
  public Optional<String> topic(String topic, Locale language) {
    return knowledge.topic(topic, language).map(KnowledgeAnswer::answer);
  }

  @Override
  public Optional<String> preparation(AppointmentTypeId type, Locale language) {
    return knowledge.preparation(type, language).map(KnowledgeAnswer::answer);
  }
}
