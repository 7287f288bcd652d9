package org.accueil.channels;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The practice's approved WhatsApp templates, by what they are for: the only messages WhatsApp
 * delivers outside its 24-hour customer-service window.
 */
public interface TemplateRegistry {

  /** The purpose of the template that invites a patient back into the conversation. */
  String REOPEN = "reopen";

  /**
   * The template approved for {@code purpose} in {@code language} (else the practice's other
   * languages), filled with {@code parameters}; empty when the practice has none.
   */
  Optional<OutboundContent.Template> render(
      String purpose, Locale language, List<String> parameters);
}
