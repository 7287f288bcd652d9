package org.accueil.demo;

import java.util.List;
import java.util.stream.Stream;
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
      Stream.of(
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
                  // The booking's confirmation: date and time, and the practice's name; no reason
                  // for
                  // the
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
                      "utility")),
              // What the notifications send outside the window (docs/NOTIFICATIONS.md): the same
              // parameters, day and time first.
              utility(
                  "accueil_appointment_reminder",
                  "appointment-reminder",
                  "Rappel : votre rendez-vous le {{1}} au {{2}}. Répondez OUI pour confirmer, ou NON si"
                      + " vous ne pouvez pas venir.",
                  "Reminder: your appointment on {{1}} at {{2}}. Reply YES to confirm, or NO if you"
                      + " cannot come.",
                  "Promemoria: il suo appuntamento {{1}} presso {{2}}. Risponda SÌ per confermare, o NO"
                      + " se non può venire."),
              utility(
                  "accueil_appointment_moved",
                  "appointment-moved",
                  "Votre rendez-vous est déplacé au {{1}} au {{2}}. Répondez à ce message pour le"
                      + " modifier.",
                  "Your appointment has moved to {{1}} at {{2}}. Reply to this message to change it.",
                  "Il suo appuntamento è spostato a {{1}} presso {{2}}. Risponda a questo messaggio per"
                      + " modificarlo."),
              utility(
                  "accueil_appointment_cancelled",
                  "appointment-cancelled",
                  "Votre rendez-vous du {{1}} au {{2}} est annulé. Répondez à ce message pour en"
                      + " reprendre un.",
                  "Your appointment of {{1}} at {{2}} is cancelled. Reply to this message to book"
                      + " another.",
                  "Il suo appuntamento di {{1}} presso {{2}} è annullato. Risponda a questo messaggio per"
                      + " fissarne un altro."),
              utility(
                  "accueil_waitlist_offer",
                  "waitlist-offer",
                  "Un rendez-vous plus tôt s'est libéré le {{1}} au {{2}}, réservé pour vous jusqu'à"
                      + " {{3}}. Répondez OUI pour le prendre, ou NON pour le laisser.",
                  "An earlier appointment is free on {{1}} at {{2}}, kept for you until {{3}}. Reply"
                      + " YES to take it, or NO to pass.",
                  "Si è liberato un appuntamento prima, {{1}} presso {{2}}, riservato per lei fino alle"
                      + " {{3}}. Risponda SÌ per prenderlo, o NO per lasciarlo."),
              utility(
                  "accueil_appointment_disruption",
                  "appointment-disruption",
                  "{{2}} : désolés, votre rendez-vous du {{1}} ne peut pas avoir lieu comme prévu."
                      + " Horaires réservés pour vous jusqu'à {{4}} : {{3}}. Répondez par le numéro"
                      + " de votre choix, un autre jour et heure, ou ANNULER.",
                  "{{2}}: sorry, your appointment on {{1}} cannot take place as planned. Times kept"
                      + " for you until {{4}}: {{3}}. Reply with the number you want, another day"
                      + " and time, or CANCEL.",
                  "{{2}}: ci dispiace, il suo appuntamento {{1}} non può avere luogo come previsto."
                      + " Orari riservati per lei fino alle {{4}}: {{3}}. Risponda con il numero"
                      + " scelto, un altro giorno e orario, o ANNULLA."))
          .flatMap(List::stream)
          .toList();

  /** One approved utility template in the three languages. */
  private static List<Template> utility(
      String name, String purpose, String fr, String en, String it) {
    return List.of(
        new Template(name, "fr", purpose, fr, "utility"),
        new Template(name, "en", purpose, en, "utility"),
        new Template(name, "it", purpose, it, "utility"));
  }

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
