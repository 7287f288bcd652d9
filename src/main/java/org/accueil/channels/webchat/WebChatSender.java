package org.accueil.channels.webchat;

import org.accueil.channels.ChannelSender;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundMessage;
import org.accueil.patients.Channel;
import org.springframework.stereotype.Component;

/**
 * The web chat has no provider: the message is in the timeline the widget reads, and the timeline's
 * notification pushes it to an open widget. It is delivered as soon as it is there.
 */
@Component
class WebChatSender implements ChannelSender {

  private final WebChat webChat;

  WebChatSender(WebChat webChat) {
    this.webChat = webChat;
  }

  @Override
  public Channel channel() {
    return Channel.WEBCHAT;
  }

  @Override
  public boolean enabled() {
    return webChat.enabled();
  }

  @Override
  public Outcome send(OutboundMessage message) {
    return new Outcome.Accepted("webchat:" + message.reference(), DeliveryStatus.DELIVERED);
  }
}
