package org.accueil.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.accueil.privacy.internal.ConversationRetention;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The daily retention run: the cut-off it computes and what it does with and without sweeps. */
class ConversationRetentionTests {

  final TestClock clock = new TestClock();
  final Logger logger = (Logger) LoggerFactory.getLogger(ConversationRetention.class);
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  Level level;

  @BeforeEach
  void captureTheLog() {
    level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    log.start();
    logger.addAppender(log);
    clock.set(Instant.parse("2027-04-05T03:30:00Z"));
  }

  @AfterEach
  void releaseTheLog() {
    logger.detachAppender(log);
    logger.setLevel(level);
  }

  @Test
  void everySweepIsAskedToDeleteWhatIsOlderThanTheRetentionPeriod() {
    var notes = new StickyNotes.Sweep();
    var others = new StickyNotes.Sweep();
    var retention =
        new ConversationRetention(
            List.of(notes, others),
            new PrivacyProperties(Period.ofYears(3), Period.ofYears(10)),
            clock);

    long deleted = retention.sweep();

    assertThat(notes.cutoffs).containsExactly(Instant.parse("2024-04-05T03:30:00Z"));
    assertThat(others.cutoffs).containsExactly(Instant.parse("2024-04-05T03:30:00Z"));
    assertThat(deleted).isEqualTo(4);
    assertThat(log.list)
        .filteredOn(e -> e.getLevel() == Level.INFO)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains(
            "Conversation retention P3Y: deleted 2 sticky notes older than 2024-04-05T03:30:00Z");
  }

  @Test
  void monthsCountAsTheCalendarCountsThem() {
    clock.set(Instant.parse("2027-03-31T12:00:00Z"));
    var sweep = new StickyNotes.Sweep();

    new ConversationRetention(
            List.of(sweep), new PrivacyProperties(Period.ofMonths(1), Period.ofYears(10)), clock)
        .sweep();

    // One month before 31 March is the last day of February.
    assertThat(sweep.cutoffs).containsExactly(Instant.parse("2027-02-28T12:00:00Z"));
  }

  @Test
  void withNoSweepRegisteredTheRunSaysSoAtDebugLevelAndDeletesNothing() {
    var retention =
        new ConversationRetention(
            List.of(), new PrivacyProperties(Period.ofYears(3), Period.ofYears(10)), clock);

    assertThat(retention.sweep()).isZero();
    assertThat(log.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
              assertThat(e.getFormattedMessage())
                  .isEqualTo(
                      "Conversation retention P3Y: no retention sweep is registered, nothing to"
                          + " delete");
            });
  }

  @Test
  void aRetentionOfNothingIsRefusedAtStartUp() {
    assertThatThrownBy(() -> new PrivacyProperties(Period.ZERO, Period.ofYears(10)))
        .hasMessageContaining("accueil.privacy.conversation-retention must be a positive period");
    assertThatThrownBy(() -> new PrivacyProperties(Period.of(1, -13, 0), Period.ofYears(10)))
        .hasMessageContaining("positive period");
    assertThatThrownBy(() -> new PrivacyProperties(Period.ofYears(3), Period.ofYears(-1)))
        .hasMessageContaining("accueil.privacy.appointment-retention must be a period");
    assertThat(new PrivacyProperties(Period.ofYears(3), Period.ZERO).appointmentRetention())
        .isEqualTo(Period.ZERO);
  }
}
