package org.accueil.channels.email;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.channels.email.*}. Each value may be overridden by the practice's saved channel
 * settings ({@link org.accueil.channels.ChannelSettings}, key {@code smtp.host} and so on).
 *
 * @param enabled whether the channel sends and reads mail at all
 * @param replyDomain the domain of the reply addresses ({@code reply+<token>@<reply-domain>}); its
 *     mail must reach the IMAP mailbox (an MX record or a forwarding rule)
 */
@ConfigurationProperties("accueil.channels.email")
public record EmailProperties(
    @DefaultValue("false") boolean enabled,
    @Nullable String replyDomain,
    @DefaultValue Smtp smtp,
    @DefaultValue Imap imap) {

  /** How a connection is protected. */
  public enum Security {
    /** Plain text: only for a relay on the same machine or network (and tests). */
    NONE,
    /** Plain connection upgraded with STARTTLS, which is then required (port 587). */
    STARTTLS,
    /** TLS from the first byte (SMTPS port 465, IMAPS port 993). */
    SSL
  }

  /**
   * The server that sends our mail.
   *
   * @param fromAddress the address patients see mail from
   * @param fromName the name shown with it; unset, the practice's name
   * @param timeout for connecting, and for each answer of the server
   */
  public record Smtp(
      @Nullable String host,
      @DefaultValue("587") int port,
      @Nullable String username,
      @Nullable String password,
      @DefaultValue("starttls") Security security,
      @Nullable String fromAddress,
      @Nullable String fromName,
      @DefaultValue("30s") Duration timeout) {}

  /**
   * The mailbox patients' replies arrive in.
   *
   * @param folder the folder read, where new mail is
   * @param pollInterval how often the mailbox is read; one node reads it at a time
   * @param batchSize how many unseen messages one pass reads at most
   */
  public record Imap(
      @Nullable String host,
      @DefaultValue("993") int port,
      @Nullable String username,
      @Nullable String password,
      @DefaultValue("ssl") Security security,
      @DefaultValue("INBOX") String folder,
      @DefaultValue("30s") Duration pollInterval,
      @DefaultValue("50") int batchSize,
      @DefaultValue("30s") Duration timeout) {}
}
