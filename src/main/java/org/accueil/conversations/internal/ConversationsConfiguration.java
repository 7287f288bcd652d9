package org.accueil.conversations.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.accueil.platform.crypto.EncryptedColumn;
import org.accueil.privacy.RetentionSweep;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConversationsConfiguration {

  @Bean
  EncryptedColumn conversationEntryTextColumn() {
    return EncryptedColumn.of("conversation_entry", "id", "text", EntryRepository.TEXT);
  }

  @Bean
  EncryptedColumn conversationPendingAddressColumn() {
    return EncryptedColumn.of(
            "conversation", "id", "pending_address", ConversationRepository.PENDING_ADDRESS)
        .indexedBy("pending_index", ConversationRepository.PENDING_INDEX);
  }

  /** What {@code accueil.privacy.conversation-retention} deletes: timeline entries. */
  @Bean
  RetentionSweep conversationEntriesSweep(EntryRepository entries) {
    return new RetentionSweep() {
      @Override
      public String name() {
        return "conversation entries";
      }

      @Override
      public long deleteOlderThan(Instant cutoff) {
        return entries.deleteBefore(cutoff);
      }
    };
  }

  /**
   * Every minute, on one node: snoozed conversations whose time came go back to the staff's queue,
   * and every open inbox hears of it.
   */
  @Bean
  RecurringTask<Void> wakeSnoozedConversationsTask(
      ConversationRepository conversations, LiveInbox live, Clock clock) {
    return Tasks.recurring(
            "wake-snoozed-conversations", Schedules.fixedDelay(Duration.ofMinutes(1)))
        .execute(
            (instance, context) ->
                conversations.wakeSnoozed(clock.instant()).forEach(live::conversationChanged));
  }
}
