package org.accueil.channels.whatsapp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.accueil.channels.ChannelSender;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundMessage;
import org.accueil.patients.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends through Meta's Cloud API: {@code POST /<version>/<phone-number-id>/messages}. Meta's answer
 * only says the message was queued ({@code accepted}); what became of it comes back as status
 * webhooks. Every answer of Meta's, refusal or outage, is an {@link Outcome}, never an exception.
 */
@Component
public class WhatsAppSender implements ChannelSender {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppSender.class);

  /** The whole answer, once connected: Meta answers in well under a second when it is well. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final WhatsAppSettings settings;
  private final JsonMapper json;
  private final HttpClient http;

  WhatsAppSender(WhatsAppSettings settings, JsonMapper json) {
    this.settings = settings;
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public boolean enabled() {
    return settings.canSend();
  }

  @Override
  public Outcome send(OutboundMessage message) {
    String body = json.writeValueAsString(GraphMessages.of(message, json));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    settings.apiBaseUrl()
                        + "/"
                        + settings.apiVersion()
                        + "/"
                        + settings.phoneNumberId()
                        + "/messages"))
            .timeout(READ_TIMEOUT)
            .header("Authorization", "Bearer " + settings.accessToken())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return new Outcome.RetryLater(null, "timeout", "Meta did not answer in time");
    } catch (IOException e) {
      return new Outcome.RetryLater(null, "io", "Meta could not be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.RetryLater(null, "interrupted", "Interrupted while sending");
    }
    if (response.statusCode() / 100 == 2) {
      return accepted(response);
    }
    Outcome outcome = GraphErrors.outcomeOf(response, json);
    log.info("WhatsApp send refused: HTTP {} → {}", response.statusCode(), outcome);
    return outcome;
  }

  private Outcome accepted(HttpResponse<String> response) {
    String wamid = null;
    try {
      JsonNode answer = json.readTree(response.body());
      JsonNode id = answer.path("messages").path(0).path("id");
      wamid = id.isString() ? id.asString() : null;
    } catch (JacksonException e) {
      // falls through: no id
    }
    if (wamid == null || wamid.isBlank()) {
      // Sending again could reach the patient twice; the staff see it failed instead.
      return new Outcome.Rejected(
          null,
          "Meta answered " + response.statusCode() + " without a message id",
          org.accueil.channels.DeliveryChanged.Fallback.NONE);
    }
    return new Outcome.Accepted(wamid, DeliveryStatus.SENT);
  }
}
