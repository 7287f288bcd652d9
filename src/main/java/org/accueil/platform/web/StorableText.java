package org.accueil.platform.web;

import org.accueil.platform.StorableTexts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every text read from a JSON body is one PostgreSQL can store and a person can read ({@link
 * StorableTexts}). The field is named in the refusal, before anything is written.
 */
@Configuration(proxyBeanMethods = false)
class StorableText {

  @Bean
  JacksonModule storableTextModule() {
    return new SimpleModule("storable-text").addDeserializer(String.class, new Deserializer());
  }

  static final class Deserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
      String text = super.deserialize(parser, context);
      if (text != null && StorableTexts.firstUnstorable(text) >= 0) {
        throw new UnstorableText(parser);
      }
      return text;
    }
  }

  /**
   * A text with a character {@link StorableTexts#firstUnstorable} refuses; Jackson adds the field's
   * path.
   */
  static final class UnstorableText extends MismatchedInputException {
    UnstorableText(JsonParser parser) {
      super(parser, "The text holds a control character or a lone surrogate", String.class);
    }
  }
}
