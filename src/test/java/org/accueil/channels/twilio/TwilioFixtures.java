package org.accueil.channels.twilio;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.testing.Tags;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.json.JsonMapper;

/** Numbers, ids and patients for the Twilio tests, and a look at what was stored. */
public final class TwilioFixtures {

  private TwilioFixtures() {}

  /** A French mobile number nobody else in the tests has. */
  public static String mobile() {
    // 061…: always a valid French mobile (some 06 ranges are not allocated).
    return "+3361" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  /** Twilio's ids: two letters and 32 hex digits. */
  public static String sid(String prefix) {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  /** A patient holding {@code phone}, who prefers {@code language} (null: said nothing). */
  public static Patient patient(Patients patients, String phone, @Nullable String language) {
    return patients.register(
        new PatientDetails(
            capitalised(Tags.letters()),
            capitalised(Tags.letters()),
            LocalDate.of(1980, 5, 17),
            phone,
            null,
            null,
            null,
            null,
            language,
            null,
            null));
  }

  private static String capitalised(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** The TwiML document's root element, {@code <Response>}. */
  public static Element twiml(String xml) {
    try {
      Document document =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      return document.getDocumentElement();
    } catch (Exception e) {
      throw new AssertionError("Not XML: " + xml, e);
    }
  }

  /** The one child element named {@code name}. */
  public static Element child(Element parent, String name) {
    var nodes = parent.getElementsByTagName(name);
    if (nodes.getLength() != 1) {
      throw new AssertionError(
          "Expected one <"
              + name
              + "> in <"
              + parent.getTagName()
              + ">, found "
              + nodes.getLength());
    }
    return (Element) nodes.item(0);
  }

  /** What {@code channel_inbound} holds, opened. */
  public record Inbox(JdbcClient jdbc, FieldCipher cipher, JsonMapper json) {

    public int count(String channel, String kind, String key) {
      return jdbc.sql(
              "SELECT count(*) FROM channel_inbound WHERE channel = ? AND kind = ? AND provider_key = ?")
          .params(channel, kind, key)
          .query(Integer.class)
          .single();
    }

    public <T> T read(String channel, String kind, String key, Class<T> type) {
      byte[] payload =
          jdbc.sql(
                  "SELECT payload FROM channel_inbound WHERE channel = ? AND kind = ? AND provider_key = ?")
              .params(channel, kind, key)
              .query(byte[].class)
              .single();
      return json.readValue(cipher.decrypt(payload, "channel_inbound.payload"), type);
    }
  }
}
