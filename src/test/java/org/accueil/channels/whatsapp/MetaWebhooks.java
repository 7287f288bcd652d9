package org.accueil.channels.whatsapp;

/**
 * Webhook bodies as Meta writes them (channels.md §1.3, Meta's webhook reference): one change of
 * the {@code messages} field for a business number, holding the messages or statuses given.
 */
public final class MetaWebhooks {

  private MetaWebhooks() {}

  /** A change with {@code contacts} and {@code messages}, for the number {@code phoneNumberId}. */
  public static String messages(String phoneNumberId, String contacts, String messages) {
    return change(phoneNumberId, "\"contacts\":[" + contacts + "],\"messages\":[" + messages + "]");
  }

  public static String statuses(String phoneNumberId, String statuses) {
    return change(phoneNumberId, "\"statuses\":[" + statuses + "]");
  }

  /** Meta's own text-message example, with the sender and wamid given. */
  public static String text(String phoneNumberId, String from, String wamid, String escapedText) {
    return messages(
        phoneNumberId,
        contact("Sheena Nelson", from),
        "{\"from\":\""
            + from
            + "\",\"id\":\""
            + wamid
            + "\",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\""
            + escapedText
            + "\"}}");
  }

  /**
   * One message from {@code from} (digits, as Meta writes them), sent at {@code epochSecond}, with
   * a new wamid; {@code content} holds its {@code "type"} and body members.
   */
  public static String message(
      String phoneNumberId, String name, String from, long epochSecond, String content) {
    return messages(
        phoneNumberId,
        contact(name, from),
        "{\"from\":\""
            + from
            + "\",\"id\":\"wamid."
            + java.util.UUID.randomUUID()
            + "\",\"timestamp\":\""
            + epochSecond
            + "\","
            + content
            + "}");
  }

  public static String contact(String name, String waId) {
    return "{\"profile\":{\"name\":\"" + name + "\"},\"wa_id\":\"" + waId + "\"}";
  }

  public static String status(String wamid, String status, String timestamp) {
    return "{\"id\":\""
        + wamid
        + "\",\"status\":\""
        + status
        + "\",\"timestamp\":\""
        + timestamp
        + "\",\"recipient_id\":\"16505551234\",\"pricing\":{\"billable\":true,"
        + "\"pricing_model\":\"PMP\",\"type\":\"regular\",\"category\":\"utility\"}}";
  }

  private static String change(String phoneNumberId, String value) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
        + "\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
        + "{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\""
        + phoneNumberId
        + "\"},"
        + value
        + "},\"field\":\"messages\"}]}]}";
  }
}
