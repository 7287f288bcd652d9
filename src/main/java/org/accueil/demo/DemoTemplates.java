package org.accueil.demo;

import java.util.List;
import org.accueil.channels.whatsapp.WhatsAppTemplates;
import org.accueil.channels.whatsapp.WhatsAppTemplates.Template;

/**
 * The demo practice's WhatsApp templates, as a practice would have them approved at Meta: {@code
 * reopen}, sent when the practice answers after the 24-hour window, and {@code
 * appointment-confirmation}, sent when the assistant books. It names no health matter, only that
 * there is an answer (channels.md §6). Only those missing are added.
 */
final class DemoTemplates {

  static final String REOPEN = "accueil_reopen";
  static final String CONFIRMATION = "accueil_appointment_confirmation";

  static final List<Template> ALL =
      List.of(
          new Template(
              REOPEN,
              "fr",
              "reopen",
              "Bonjour {{1}}, le cabinet vous a répondu. Répondez à ce message pour lire la"
                  + " réponse.",
              "utility"),
          new Template(
              REOPEN,
              "en",
              "reopen",
              "Hello {{1}}, the practice has answered you. Reply to this message to read the"
                  + " answer.",
              "utility"),
          new Template(
              REOPEN,
              "it",
              "reopen",
              "Buongiorno {{1}}, lo studio le ha risposto. Risponda a questo messaggio per leggere"
                  + " la risposta.",
              "utility"),
          // The booking's confirmation: date and time, and the practice's name; no reason for the
          // visit (DESIGN.md, "no health detail in a notification body").
          new Template(
              CONFIRMATION,
              "fr",
              "appointment-confirmation",
              "Votre rendez-vous est confirmé le {{1}} au {{2}}. Pour le déplacer ou l'annuler,"
                  + " répondez à ce message.",
              "utility"),
          new Template(
              CONFIRMATION,
              "en",
              "appointment-confirmation",
              "Your appointment is confirmed for {{1}} at {{2}}. To move or cancel it, reply to"
                  + " this message.",
              "utility"),
          new Template(
              CONFIRMATION,
              "it",
              "appointment-confirmation",
              "Il suo appuntamento è confermato per {{1}} presso {{2}}. Per spostarlo o annullarlo,"
                  + " risponda a questo messaggio.",
              "utility"));

  private DemoTemplates() {}

  /** Adds the templates not there yet; how many it added. */
  static int ensure(WhatsAppTemplates templates) {
    List<Template> existing = templates.list();
    int added = 0;
    for (Template template : ALL) {
      boolean present =
          existing.stream()
              .anyMatch(
                  t ->
                      t.language().equals(template.language())
                          && (t.name().equals(template.name())
                              || t.purpose().equals(template.purpose())));
      if (!present && templates.save(template) == WhatsAppTemplates.Saved.CREATED) {
        added++;
      }
    }
    return added;
  }
}
