package org.accueil.disruptions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.disruptions.*}.
 *
 * @param defaultAction what a block offers each patient when staff (or the EHR) say nothing:
 *     colleague, same-provider or cancel
 * @param contactFromEhr whether a block the EHR sends reaches the patients at once (else it is
 *     listed for staff to start)
 * @param replyWithin the longest a patient has to answer before going to the call list
 * @param answerBefore the call list must have the patient at least this long before their visit
 * @param shortestWait a patient is given at least this long, however close the visit
 * @param alternatives how many times are held for each patient (1 to 5)
 * @param searchDays how far ahead the next free times with the same provider are looked for
 * @param passInterval how often pending patients are contacted and overdue ones escalated
 */
@ConfigurationProperties("accueil.disruptions")
public record DisruptionsProperties(
    @DefaultValue("colleague") String defaultAction,
    @DefaultValue("true") boolean contactFromEhr,
    @DefaultValue("4h") Duration replyWithin,
    @DefaultValue("2h") Duration answerBefore,
    @DefaultValue("15m") Duration shortestWait,
    @DefaultValue("3") int alternatives,
    @DefaultValue("14") int searchDays,
    @DefaultValue("15s") Duration passInterval) {

  public DisruptionsProperties {
    if (Disruption.Action.ofCode(defaultAction).isEmpty()) {
      throw new IllegalArgumentException(
          "accueil.disruptions.default-action must be colleague, same-provider or cancel, not "
              + defaultAction);
    }
    if (alternatives < 1 || alternatives > 5) {
      throw new IllegalArgumentException("accueil.disruptions.alternatives must be 1 to 5");
    }
  }

  public Disruption.Action action() {
    return Disruption.Action.ofCode(defaultAction).orElseThrow();
  }
}
