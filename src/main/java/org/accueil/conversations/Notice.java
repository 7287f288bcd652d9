package org.accueil.conversations;

import java.util.List;
import java.util.Map;
import org.accueil.channels.OutboundContent;
import org.accueil.patients.Channel;

/**
 * A message the practice sends on its own (a confirmation, a reminder, an offer), for {@link
 * Conversations#notify}.
 *
 * @param purpose the WhatsApp template purpose sent instead when WhatsApp's 24-hour window is
 *     closed ({@code appointment-reminder}); without an approved template for it, WhatsApp is
 *     skipped for the next channel
 * @param content what the patient reads, in their language
 * @param byChannel another wording for a channel (a shorter SMS; an e-mail with a subject and a
 *     calendar file)
 * @param templateParameters the template's {{1}}, {{2}}… in order
 * @param data facts kept on the timeline entry (the notification and appointment ids), which a
 *     reply is read against
 */
public record Notice(
    String purpose,
    OutboundContent content,
    Map<Channel, OutboundContent> byChannel,
    List<String> templateParameters,
    Map<String, Object> data) {

  public Notice {
    byChannel = Map.copyOf(byChannel);
    templateParameters = List.copyOf(templateParameters);
    data = Map.copyOf(data);
  }
}
