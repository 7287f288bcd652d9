package org.accueil.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every text read from a JSON body is one PostgreSQL can store and a person can read: no control
 * characters other than tab and line breaks (PostgreSQL refuses NUL; the others hide text or drive
 * terminals that display logs), and no half of a surrogate pair (it cannot be encoded in UTF-8, so
 * it would come back as "?"). The field is named in the refusal, before anything is written. Format
 * characters (right-to-left marks, zero-width joiners) are allowed: scripts need them.
 */
@Configuration(proxyBeanMethods = false)
class StorableText {

  @Bean
  JacksonModule storableTextModule() {
    return new SimpleModule("storable-text").addDeserializer(String.class, new Deserializer());
  }

  /** Where in the text the first character that cannot be stored is, or -1. */
  static int firstUnstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)
          || (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r')) {
        return i;
      }
    }
    return -1;
  }

  static final class Deserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
      String text = super.deserialize(parser, context);
      if (text != null && firstUnstorable(text) >= 0) {
        throw new UnstorableText(parser);
      }
      return text;
    }
  }

  /** A text with a character {@link #firstUnstorable} refuses; Jackson adds the field's path. */
  static final class UnstorableText extends MismatchedInputException {
    UnstorableText(JsonParser parser) {
      super(parser, "The text holds a control character or a lone surrogate", String.class);
    }
  }
}
