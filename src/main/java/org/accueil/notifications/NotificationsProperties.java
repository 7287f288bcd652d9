package org.accueil.notifications;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.notifications.*}: the practice's defaults. What an administrator saves through the
 * API ({@code PUT /api/v1/notifications/policy}) wins over these.
 *
 * @param reminders how long before the visit each reminder goes
 * @param quietHoursStart no message is sent from this local time…
 * @param quietHoursEnd …until this one (the next morning when it is earlier)
 * @param latestReminder a reminder that cannot go out at least this long before the visit is
 *     skipped (and logged): after an outage, or when quiet hours leave no time
 * @param confirmEhrBookings whether a booking made in the EHR is confirmed to the patient (the EHR
 *     may send its own)
 * @param showVisitType whether messages may name the kind of visit (a health detail; off by
 *     default)
 * @param publicBaseUrl the address patients open the manage-booking page at; no link without it
 * @param resultsPortalUrl the practice's portal, where "your results are ready" sends patients
 * @param sweepInterval how often the cluster looks for messages falling due
 * @param batchSize how many messages one transaction sends
 */
@ConfigurationProperties("accueil.notifications")
public record NotificationsProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue({"48h", "3h"}) List<Duration> reminders,
    @DefaultValue("20:00") LocalTime quietHoursStart,
    @DefaultValue("08:00") LocalTime quietHoursEnd,
    @DefaultValue("1h") Duration latestReminder,
    @DefaultValue("true") boolean confirmEhrBookings,
    @DefaultValue("false") boolean showVisitType,
    @Nullable String publicBaseUrl,
    @Nullable String resultsPortalUrl,
    @DefaultValue("5s") Duration sweepInterval,
    @DefaultValue("200") int batchSize) {}
