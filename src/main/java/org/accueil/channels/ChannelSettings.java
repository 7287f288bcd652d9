package org.accueil.channels;

import java.util.Optional;
import org.accueil.patients.Channel;

/**
 * A channel's settings as the practice's administrator saved them (secrets sealed at rest), which
 * override the {@code accueil.channels.<channel>.*} properties of a single-practice deployment.
 * Adapters read a setting here first, then fall back to their properties; a change applies from the
 * next webhook or send, on every node, without a restart.
 */
public interface ChannelSettings {

  /**
   * @param key the property's name under {@code accueil.channels.<channel>}, e.g. {@code
   *     app-secret}
   */
  Optional<String> get(Channel channel, String key);

  /** The saved value, else {@code fallback} (the property). */
  default String get(Channel channel, String key, String fallback) {
    return get(channel, key).orElse(fallback);
  }
}
