package org.accueil.channels.internal;

import java.util.Optional;
import org.accueil.channels.ChannelSettings;
import org.accueil.patients.Channel;
import org.springframework.stereotype.Component;

/** The administrator's saved channel settings. */
@Component
class StoredChannelSettings implements ChannelSettings {

  @Override
  public Optional<String> get(Channel channel, String key) {
    return Optional.empty();
  }
}
