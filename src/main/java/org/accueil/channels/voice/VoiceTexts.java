package org.accueil.channels.voice;

import java.util.Locale;
import org.accueil.channels.twilio.TwilioAccount;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** What calls say, in the call's language, from the {@code messages/channels/twilio} bundle. */
@Component
public class VoiceTexts {

  private final MessageSource messages;
  private final TwilioAccount account;

  VoiceTexts(MessageSource messages, TwilioAccount account) {
    this.messages = messages;
    this.account = account;
  }

  /**
   * @param key {@code voice.greeting}, {@code voice.transfer}…; {0} is the practice's name
   */
  public String say(String key, Locale language) {
    return messages.getMessage(key, new Object[] {account.practiceName()}, language);
  }
}
