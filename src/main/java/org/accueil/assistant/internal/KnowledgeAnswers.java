package org.accueil.assistant.internal;

import java.util.Locale;
import java.util.Optional;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.PracticeDirectory;
import org.springframework.stereotype.Component;

/** The practice's knowledge as the dialogue reads it. */
@Component
class KnowledgeAnswers implements PracticeKnowledge {

  private final PracticeDirectory practice;

  KnowledgeAnswers(PracticeDirectory practice) {
    this.practice = practice;
  }

  @Override
  public Optional<String> answer(String question, Locale language) {
    return Optional.empty();
  }

  @Override
  public Optional<String> topic(String topic, Locale language) {
    return Optional.empty();
  }

  @Override
  public Optional<String> preparation(AppointmentTypeId type, Locale language) {
    return practice
        .snapshot()
        .appointmentType(type)
        .map(AppointmentType::preparation)
        .map(p -> p.in(language))
        .filter(p -> !p.isBlank());
  }
}
