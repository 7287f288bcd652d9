package org.accueil.questionnaires;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.questionnaires.*}.
 *
 * @param enabled whether bookings send the forms their rules name
 * @param canonicalBase the start of a new form's canonical URL, its code appended (a form sent with
 *     a url keeps it)
 * @param linkLifetime how long a form sent by hand can be answered
 * @param afterVisit how long after its visit a visit's form can still be answered
 */
@ConfigurationProperties("accueil.questionnaires")
public record QuestionnairesProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("https://accueil.health/fhir/Questionnaire/") String canonicalBase,
    @DefaultValue("14d") Duration linkLifetime,
    @DefaultValue("1d") Duration afterVisit) {}
