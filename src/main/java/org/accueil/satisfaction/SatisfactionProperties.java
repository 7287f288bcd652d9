package org.accueil.satisfaction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.satisfaction.*}.
 *
 * @param enabled whether patients are asked at all
 * @param afterVisit how long after the visit's end (or after it is marked fulfilled, when that is
 *     later) the question goes; quiet hours push it to the morning
 * @param afterConversation how long after staff resolve a conversation the question goes
 * @param usefulFor after this long unsent (quiet hours, an outage) the question is not asked
 * @param lowScore a score at or below this is handed to staff to call the patient back
 * @param askAgainAfter a patient asked about a conversation is not asked about another before this
 * @param linkValidity how long the e-mail's link to the rating page works
 * @param commentWithin how long after the rating the patient's next message is taken as its comment
 */
@ConfigurationProperties("accueil.satisfaction")
public record SatisfactionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("2h") Duration afterVisit,
    @DefaultValue("2h") Duration afterConversation,
    @DefaultValue("3d") Duration usefulFor,
    @DefaultValue("2") int lowScore,
    @DefaultValue("30d") Duration askAgainAfter,
    @DefaultValue("14d") Duration linkValidity,
    @DefaultValue("2h") Duration commentWithin) {}
