package org.accueil.disruptions;

import static org.assertj.core.api.Assertions.assertThat;

import org.accueil.disruptions.Disruption.Reason;
import org.junit.jupiter.api.Test;

/** The reason kind an EHR's words name, in three languages, and what names none. */
class DisruptionReasonsTests {

  @Test
  void theWordsOfTheThreeLanguagesNameTheirKind() {
    assertThat(Disruptions.reasonOf("Dr absent - malade")).isEqualTo(Reason.ILL);
    assertThat(Disruptions.reasonOf("Arrêt maladie")).isEqualTo(Reason.ILL);
    assertThat(Disruptions.reasonOf("off sick")).isEqualTo(Reason.ILL);
    assertThat(Disruptions.reasonOf("In ritardo di due ore")).isEqualTo(Reason.LATE);
    assertThat(Disruptions.reasonOf("RETARD bloc opératoire")).isEqualTo(Reason.LATE);
    assertThat(Disruptions.reasonOf("Urgence à l'hôpital")).isEqualTo(Reason.EMERGENCY);
    assertThat(Disruptions.reasonOf("Formation continue")).isEqualTo(Reason.TRAINING);
    assertThat(Disruptions.reasonOf("Congrès de cardiologie")).isEqualTo(Reason.TRAINING);
  }

  @Test
  void otherWordsOrNoneAreOther() {
    assertThat(Disruptions.reasonOf(null)).isEqualTo(Reason.OTHER);
    assertThat(Disruptions.reasonOf("Réunion de service")).isEqualTo(Reason.OTHER);
    assertThat(Disruptions.reasonOf("of course not")).isEqualTo(Reason.OTHER);
    assertThat(Disruptions.reasonOf("not urgent")).isEqualTo(Reason.OTHER);
    assertThat(Disruptions.reasonOf("Millet")).as("a name, not 'ill'").isEqualTo(Reason.OTHER);
  }
}
