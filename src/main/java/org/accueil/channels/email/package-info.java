/**
 * The e-mail channel: messages go out over SMTP with a reply address that carries the
 * conversation's opaque token ({@code reply+<token>@<reply-domain>}) and the thread's Message-IDs
 * (RFC 5322 §3.6.4), and patients' mails are read from an IMAP mailbox, stored through {@link
 * org.accueil.channels.ChannelInbox}, and only then marked seen. See docs/channels/email.md.
 */
@NullMarked
package org.accueil.channels.email;

import org.jspecify.annotations.NullMarked;
