package org.accueil.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.DeliveryUpdate;
import org.accueil.channels.Inbound;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.whatsapp.WhatsAppWebhookReader.Reading;
import org.accueil.patients.Channel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Meta's webhook payloads, as documented, read into what the channels store. */
class WhatsAppWebhookReaderTests {

  static final String OURS = "106540352242922";
  static final Instant NOW = Instant.parse("2027-03-01T08:00:00Z");

  final WhatsAppWebhookReader reader =
      new WhatsAppWebhookReader(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aTextMessageBecomesAnInboundMessageFromAnE164Number() {
    InboundMessage message =
        onlyMessage(MetaWebhooks.text(OURS, "16505551234", "wamid.HBgLMTY1", "caf\\u00e9"));

    assertThat(message.channel()).isEqualTo(Channel.WHATSAPP);
    assertThat(message.providerId()).isEqualTo("wamid.HBgLMTY1");
    assertThat(message.from()).isEqualTo("+16505551234");
    assertThat(message.senderName()).isEqualTo("Sheena Nelson");
    assertThat(message.text()).isEqualTo("café");
    assertThat(message.choice()).isNull();
    assertThat(message.attachments()).isEmpty();
    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1749416383));
  }

  @Test
  void aReplyButtonTapGivesTheChoiceAndItsTitle() {
    InboundMessage message =
        onlyMessage(
            MetaWebhooks.messages(
                OURS,
                MetaWebhooks.contact("Sheena Nelson", "16505551234"),
                """
                {"context":{"from":"15550783881","id":"wamid.ours"},"from":"16505551234",
                 "id":"wamid.tap","timestamp":"1749416400","type":"interactive",
                 "interactive":{"type":"button_reply","button_reply":{"id":"confirm-42",
                 "title":"Je confirme"}}}"""));

    assertThat(message.choice()).isEqualTo("confirm-42");
    assertThat(message.text()).isEqualTo("Je confirme");
  }

  @Test
  void aListRowAndATemplateQuickReplyGiveTheirChoice() {
    List<Inbound> items =
        items(
            MetaWebhooks.messages(
                OURS,
                MetaWebhooks.contact("Sheena Nelson", "16505551234"),
                """
                {"from":"16505551234","id":"wamid.row","timestamp":"1749416400",
                 "type":"interactive","interactive":{"type":"list_reply","list_reply":{
                 "id":"slot-0930","title":"Mardi 9h30","description":"Dr Martin"}}},
                {"context":{"from":"15550783881","id":"wamid.template"},"from":"16505551234",
                 "id":"wamid.quick","timestamp":"1749416401","type":"button",
                 "button":{"payload":"reopen-yes","text":"Oui"}}"""));

    assertThat(items)
        .extracting(i -> ((InboundMessage) i).choice(), i -> ((InboundMessage) i).text())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("slot-0930", "Mardi 9h30"),
            org.assertj.core.groups.Tuple.tuple("reopen-yes", "Oui"));
  }

  @Test
  void mediaBecomeAttachmentsWithTheirCaptionAsText() {
    List<Inbound> items =
        items(
            MetaWebhooks.messages(
                OURS,
                MetaWebhooks.contact("Sheena Nelson", "16505551234"),
                """
                {"from":"16505551234","id":"wamid.img","timestamp":"1749416400","type":"image",
                 "image":{"caption":"Mon ordonnance","mime_type":"image/jpeg",
                 "sha256":"abc","id":"1003383421387256"}},
                {"from":"16505551234","id":"wamid.doc","timestamp":"1749416401",
                 "type":"document","document":{"filename":"resultats.pdf",
                 "mime_type":"application/pdf","sha256":"def","id":"1003383421387257"}},
                {"from":"16505551234","id":"wamid.voice","timestamp":"1749416402",
                 "type":"audio","audio":{"mime_type":"audio/ogg; codecs=opus",
                 "sha256":"ghi","id":"1003383421387258","voice":true}}"""));

    InboundMessage image = (InboundMessage) items.get(0);
    InboundMessage document = (InboundMessage) items.get(1);
    InboundMessage voice = (InboundMessage) items.get(2);
    assertThat(image.text()).isEqualTo("Mon ordonnance");
    assertThat(image.attachments())
        .containsExactly(new InboundMessage.Attachment("image/jpeg", null, "1003383421387256"));
    assertThat(document.text()).isNull();
    assertThat(document.attachments())
        .containsExactly(
            new InboundMessage.Attachment("application/pdf", "resultats.pdf", "1003383421387257"));
    assertThat(voice.attachments().getFirst().contentType()).isEqualTo("audio/ogg; codecs=opus");
  }

  @Test
  void aMessageOfATypeAccueilDoesNotShowIsKeptWithoutText() {
    InboundMessage message =
        onlyMessage(
            MetaWebhooks.messages(
                OURS,
                MetaWebhooks.contact("Sheena Nelson", "16505551234"),
                """
                {"from":"16505551234","id":"wamid.loc","timestamp":"1749416400",
                 "type":"location","location":{"latitude":48.85,"longitude":2.35}}"""));

    assertThat(message.providerId()).isEqualTo("wamid.loc");
    assertThat(message.text()).isNull();
    assertThat(message.attachments()).isEmpty();
  }

  @Test
  void aUserWithoutAPhoneNumberIsKnownByTheirBusinessScopedUserId() {
    InboundMessage message =
        onlyMessage(
            MetaWebhooks.messages(
                OURS,
                "{\"profile\":{\"name\":\"Nadia\"},\"user_id\":\"FR.1349120865530274191\"}",
                """
                {"from_user_id":"FR.1349120865530274191","id":"wamid.bsuid",
                 "timestamp":"1749416400","type":"text","text":{"body":"Bonjour"}}"""));

    assertThat(message.from()).isEqualTo("FR.1349120865530274191");
    assertThat(message.senderName()).isEqualTo("Nadia");
  }

  @Test
  void statusesBecomeDeliveryUpdatesAndPlayedCountsAsRead() {
    List<Inbound> items =
        items(
            MetaWebhooks.statuses(
                OURS,
                MetaWebhooks.status("wamid.a", "sent", "1749416500")
                    + ","
                    + MetaWebhooks.status("wamid.a", "delivered", "1749416501")
                    + ","
                    + MetaWebhooks.status("wamid.b", "played", "1749416502")
                    + ","
                    + """
                    {"id":"wamid.c","status":"failed","timestamp":"1749416503",
                     "recipient_id":"16505551234","errors":[{"code":131026,
                     "title":"Message undeliverable","message":"Message undeliverable",
                     "error_data":{"details":"Message Undeliverable."}}]}"""));

    assertThat(items)
        .containsExactly(
            new DeliveryUpdate(
                Channel.WHATSAPP,
                "wamid.a",
                DeliveryStatus.SENT,
                Instant.ofEpochSecond(1749416500),
                null,
                null),
            new DeliveryUpdate(
                Channel.WHATSAPP,
                "wamid.a",
                DeliveryStatus.DELIVERED,
                Instant.ofEpochSecond(1749416501),
                null,
                null),
            new DeliveryUpdate(
                Channel.WHATSAPP,
                "wamid.b",
                DeliveryStatus.READ,
                Instant.ofEpochSecond(1749416502),
                null,
                null),
            new DeliveryUpdate(
                Channel.WHATSAPP,
                "wamid.c",
                DeliveryStatus.FAILED,
                Instant.ofEpochSecond(1749416503),
                "131026",
                "Message undeliverable"));
  }

  @Test
  void aChangeForAnotherBusinessNumberOrFieldIsSkipped() {
    String otherNumber = MetaWebhooks.text("999999999999999", "16505551234", "wamid.x", "Hi");
    String otherField =
        MetaWebhooks.text(OURS, "16505551234", "wamid.y", "Hi")
            .replace("\"field\":\"messages\"", "\"field\":\"account_update\"");

    assertThat(items(otherNumber)).isEmpty();
    assertThat(items(otherField)).isEmpty();
  }

  @Test
  void aBodyThatIsNotMetasJsonIsUnreadable() {
    for (String body : List.of("", "{", "[]", "null", "{\"object\":\"page\"}", "<xml/>")) {
      assertThat(reader.read(body.getBytes(StandardCharsets.UTF_8), OURS))
          .as(body)
          .isInstanceOf(Reading.Unreadable.class);
    }
  }

  private InboundMessage onlyMessage(String body) {
    List<Inbound> items = items(body);
    assertThat(items).hasSize(1);
    return (InboundMessage) items.getFirst();
  }

  private List<Inbound> items(String body) {
    Reading reading = reader.read(body.getBytes(StandardCharsets.UTF_8), OURS);
    assertThat(reading).isInstanceOf(Reading.Items.class);
    return ((Reading.Items) reading).items();
  }
}
