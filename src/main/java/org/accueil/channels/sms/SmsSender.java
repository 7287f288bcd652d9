package org.accueil.channels.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.accueil.channels.ChannelSender;
import org.accueil.channels.DeliveryChanged.Fallback;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundMessage;
import org.accueil.channels.twilio.TwilioAccount;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends SMS through Twilio's Messages API
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource): one form
 * POST per message, authenticated with the account SID and auth token, its delivery reports asked
 * for at {@code /channels/twilio/sms/status}.
 */
@Component
public class SmsSender implements ChannelSender {

  private static final String STATUS_PATH = "/channels/twilio/sms/status";

  private final TwilioAccount account;
  private final JsonMapper json;
  private final HttpClient http;

  SmsSender(TwilioAccount account, JsonMapper json) {
    this.account = account;
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(account.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public boolean enabled() {
    return account.sendsSms();
  }

  @Override
  public Outcome send(OutboundMessage message) {
    String sid = Objects.requireNonNull(account.accountSid());
    String token = Objects.requireNonNull(account.authToken());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", message.to());
    form.put("From", Objects.requireNonNull(account.smsNumber()));
    form.put("Body", render(message.content()));
    String publicBase = account.publicBaseUrl();
    if (publicBase != null) {
      form.put("StatusCallback", publicBase + STATUS_PATH);
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(account.apiBaseUrl() + "/2010-04-01/Accounts/" + sid + "/Messages.json"))
            .timeout(account.readTimeout())
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return new Outcome.RetryLater(null, null, "Twilio did not answer in time");
    } catch (IOException e) {
      return new Outcome.RetryLater(null, null, "Twilio unreachable: " + e.getClass().getName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.RetryLater(null, null, "Interrupted while sending");
    }
    return outcome(response);
  }

  private Outcome outcome(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      String sid = json.readTree(response.body()).path("sid").asString("");
      if (sid.isEmpty()) {
        throw new IllegalStateException("Twilio accepted the message without giving its sid");
      }
      return new Outcome.Accepted(sid, DeliveryStatus.SENT);
    }
    TwilioError error = TwilioError.of(json, response.body(), status);
    if (status == 429 || status >= 500) {
      return new Outcome.RetryLater(retryAfter(response), error.code(), error.message());
    }
    return switch (error.code() == null ? "" : error.code()) {
      // The number replied STOP at Twilio: no channel may be tried instead without consent.
      case "21610" -> new Outcome.Rejected(error.code(), error.message(), Fallback.NONE);
      // Not a valid phone number (21211), or a landline that cannot receive SMS (21614).
      case "21211", "21614" ->
          new Outcome.Rejected(error.code(), error.message(), Fallback.OTHER_CHANNEL);
      default -> new Outcome.Rejected(error.code(), error.message(), Fallback.NONE);
    };
  }

  /**
   * The text of any content: SMS has no buttons, so choices become numbered lines the patient
   * answers with their number.
   */
  static String render(OutboundContent content) {
    return switch (content) {
      case OutboundContent.Text text -> text.text();
      case OutboundContent.Template template -> template.text();
      case OutboundContent.Buttons buttons -> numbered(buttons.text(), buttons.choices());
      case OutboundContent.Menu menu -> numbered(menu.text(), menu.choices());
    };
  }

  private static String numbered(String text, List<OutboundContent.Choice> choices) {
    StringBuilder out = new StringBuilder(text);
    for (int i = 0; i < choices.size(); i++) {
      OutboundContent.Choice choice = choices.get(i);
      out.append('\n').append(i + 1).append(". ").append(choice.title());
      if (choice.description() != null && !choice.description().isBlank()) {
        out.append(" – ").append(choice.description());
      }
    }
    return out.toString();
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static @Nullable Duration retryAfter(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
              } catch (NumberFormatException e) {
                return java.util.Optional.empty();
              }
            })
        .orElse(null);
  }

  /**
   * Twilio's error body, {@code {"code":21211,"message":"…","more_info":"…","status":400}}
   * (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions).
   */
  record TwilioError(@Nullable String code, String message) {

    static TwilioError of(JsonMapper json, String body, int status) {
      try {
        JsonNode error = json.readTree(body);
        JsonNode code = error.path("code");
        return new TwilioError(
            code.isMissingNode() || code.isNull() ? null : code.asString(),
            error.path("message").asString("Twilio answered " + status));
      } catch (RuntimeException e) {
        // A proxy's HTML page, not Twilio's JSON.
        return new TwilioError(null, "Twilio answered " + status);
      }
    }
  }
}
