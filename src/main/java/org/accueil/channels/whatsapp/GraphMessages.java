package org.accueil.channels.whatsapp;

import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundContent.Choice;
import org.accueil.channels.OutboundMessage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message as Meta's {@code /messages} call takes it, fields in the order Meta's documentation
 * writes them (channels.md §1.4).
 */
final class GraphMessages {

  /** Meta's limits: list row titles 24 characters, descriptions 72, the list's button 20. */
  private static final int ROW_TITLE = 24;

  private static final int ROW_DESCRIPTION = 72;
  private static final int LIST_BUTTON = 20;

  private GraphMessages() {}

  static ObjectNode of(OutboundMessage message, JsonMapper json) {
    ObjectNode body = json.createObjectNode();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    body.put("to", recipient(message.to()));
    switch (message.content()) {
      case OutboundContent.Text text -> {
        body.put("type", "text");
        ObjectNode t = body.putObject("text");
        t.put("preview_url", false);
        t.put("body", text.text());
      }
      case OutboundContent.Buttons buttons -> {
        body.put("type", "interactive");
        ObjectNode interactive = body.putObject("interactive");
        interactive.put("type", "button");
        interactive.putObject("body").put("text", buttons.text());
        ArrayNode list = interactive.putObject("action").putArray("buttons");
        for (Choice choice : buttons.choices()) {
          ObjectNode button = list.addObject();
          button.put("type", "reply");
          button.putObject("reply").put("id", choice.id()).put("title", choice.title());
        }
      }
      case OutboundContent.Menu menu -> {
        body.put("type", "interactive");
        ObjectNode interactive = body.putObject("interactive");
        interactive.put("type", "list");
        interactive.putObject("body").put("text", menu.text());
        ObjectNode action = interactive.putObject("action");
        action.put("button", shortened(menu.button(), LIST_BUTTON));
        // One section: Meta asks for a section title only when there are several.
        ArrayNode rows = action.putArray("sections").addObject().putArray("rows");
        for (Choice choice : menu.choices()) {
          ObjectNode row = rows.addObject();
          row.put("id", choice.id());
          row.put("title", shortened(choice.title(), ROW_TITLE));
          if (choice.description() != null) {
            row.put("description", shortened(choice.description(), ROW_DESCRIPTION));
          }
        }
      }
      case OutboundContent.Template template -> {
        body.put("type", "template");
        ObjectNode t = body.putObject("template");
        t.put("name", template.name());
        t.putObject("language").put("code", template.language());
        if (!template.parameters().isEmpty()) {
          ObjectNode component = t.putArray("components").addObject();
          component.put("type", "body");
          ArrayNode parameters = component.putArray("parameters");
          for (String parameter : template.parameters()) {
            parameters.addObject().put("type", "text").put("text", parameter);
          }
        }
      }
    }
    return body;
  }

  /** Meta takes a phone number as its digits, without {@code +}; a BSUID as it is. */
  static String recipient(String address) {
    return address.matches("\\+?[0-9 ().-]+") ? address.replaceAll("[^0-9]", "") : address;
  }

  /** Cut to Meta's limit rather than have the whole message refused (error 100). */
  private static String shortened(String text, int max) {
    return text.codePointCount(0, text.length()) <= max
        ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }
}
