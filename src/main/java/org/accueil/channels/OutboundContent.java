package org.accueil.channels;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What we send, independent of the channel: each sender renders it in its provider's format (a
 * channel without buttons lists the choices as numbered lines).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OutboundContent.Text.class, name = "text"),
  @JsonSubTypes.Type(value = OutboundContent.Buttons.class, name = "buttons"),
  @JsonSubTypes.Type(value = OutboundContent.Menu.class, name = "menu"),
  @JsonSubTypes.Type(value = OutboundContent.Template.class, name = "template")
})
public sealed interface OutboundContent {

  /** The text a person reads, whatever the channel can show. */
  String text();

  /**
   * Words, with what an e-mail can carry besides (other channels send the words alone).
   *
   * @param subject the e-mail's subject, else the channel's usual one
   * @param attachments files an e-mail carries (a calendar file); other channels leave them out
   */
  record Text(String text, @Nullable String subject, List<Attachment> attachments)
      implements OutboundContent {
    public Text {
      attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public Text(String text) {
      this(text, null, List.of());
    }
  }

  /**
   * A file sent with an e-mail.
   *
   * @param filename what the patient's mail client shows ({@code rendez-vous.ics})
   * @param mediaType its type, with parameters ({@code text/calendar; method=PUBLISH})
   */
  record Attachment(String filename, String mediaType, byte[] content) {}

  /**
   * Up to three choices (WhatsApp's reply buttons: titles of at most 20 characters).
   *
   * @param text the body, at most 1024 characters on WhatsApp
   */
  record Buttons(String text, List<Choice> choices) implements OutboundContent {
    public Buttons {
      choices = List.copyOf(choices);
      if (choices.isEmpty() || choices.size() > 3) {
        throw new IllegalArgumentException("1 to 3 buttons, not " + choices.size());
      }
      for (Choice c : choices) {
        if (c.title().length() > 20) {
          throw new IllegalArgumentException("A button's title has at most 20 characters");
        }
      }
    }
  }

  /**
   * Up to ten choices behind a button (WhatsApp's list message: row titles of at most 24
   * characters, descriptions of at most 72).
   *
   * @param button the label of the button that opens the list, at most 20 characters
   */
  record Menu(String text, String button, List<Choice> choices) implements OutboundContent {
    public Menu {
      choices = List.copyOf(choices);
      if (choices.isEmpty() || choices.size() > 10) {
        throw new IllegalArgumentException("1 to 10 rows, not " + choices.size());
      }
    }
  }

  /**
   * An approved WhatsApp template, the only thing WhatsApp delivers outside the 24-hour window;
   * other channels send {@code text}.
   *
   * @param name the template's name at Meta
   * @param language its language code ({@code fr}, {@code en}, {@code it})
   * @param parameters the body's {{1}}, {{2}}… in order
   * @param text the same words, rendered, for the timeline and for channels without templates
   */
  record Template(String name, String language, List<String> parameters, String text)
      implements OutboundContent {
    public Template {
      parameters = List.copyOf(parameters);
    }
  }

  /**
   * @param id what comes back as {@link InboundMessage#choice()} when tapped
   * @param description a list row's second line, at most 72 characters
   */
  record Choice(String id, String title, @Nullable String description) {
    public Choice(String id, String title) {
      this(id, title, null);
    }
  }
}
