package org.accueil.privacy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The {@link PersonalDataContributor}s of the application, their sections checked at start-up. */
@Component
class PersonalDataContributors {

  private final List<PersonalDataContributor> contributors;

  PersonalDataContributors(ObjectProvider<PersonalDataContributor> contributors) {
    this.contributors = contributors.orderedStream().toList();
    Set<String> sections = new HashSet<>(DataExports.OWN_SECTIONS);
    for (PersonalDataContributor contributor : this.contributors) {
      if (!sections.add(contributor.section())) {
        throw new IllegalStateException(
            "Two sections of the patient export would be called \""
                + contributor.section()
                + "\"; rename the section of "
                + contributor.getClass().getName());
      }
    }
  }

  List<PersonalDataContributor> all() {
    return contributors;
  }
}
