package org.accueil.assistant.internal;

import java.util.Locale;
import java.util.Optional;
import org.accueil.practice.AppointmentTypeId;

/** What the dialogue may tell a patient about the practice: only what the practice wrote. */
interface PracticeKnowledge {

  /** The answer to a patient's question, or empty when the practice has not written one. */
  Optional<String> answer(String question, Locale language);

  /** The entry of a topic ({@code directions}, {@code info}). */
  Optional<String> topic(String topic, Locale language);

  /** How to prepare for a visit of this type. */
  Optional<String> preparation(AppointmentTypeId type, Locale language);
}
