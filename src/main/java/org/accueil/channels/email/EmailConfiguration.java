package org.accueil.channels.email;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmailProperties.class)
class EmailConfiguration {

  /**
   * Reads the mailbox every {@code accueil.channels.email.imap.poll-interval}, on one node at a
   * time (db-scheduler); a node that dies mid-pass leaves its mails unseen for the next one. Does
   * nothing while the channel is not configured.
   */
  @Bean
  RecurringTask<Void> emailMailboxPoll(Mailbox mailbox, EmailProperties properties) {
    return Tasks.recurring("email-mailbox-poll", FixedDelay.of(properties.imap().pollInterval()))
        .execute((instance, context) -> mailbox.readNew());
  }
}
