package org.accueil.web.staff;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.channels.ChannelSetup;
import org.accueil.integration.webhooks.WebhookEndpoints;
import org.accueil.patients.Channel;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings that connect the practice to the outside: a channel's saved settings (the
 * administrator's role, as /api/v1/channels requires; a secret is never shown back, nor kept in the
 * form on a refusal) and webhooks (webhooks:manage; the signing secret shown once). Both are listed
 * by {@link SettingsPages}.
 */
@Controller
class ConnectionSettingsPages {

  private static final String BACK = "redirect:/app/settings#";

  private final ChannelSetup channelSetup;
  private final WebhookEndpoints webhooks;
  private final MessageSource messages;

  ConnectionSettingsPages(
      ChannelSetup channelSetup, WebhookEndpoints webhooks, MessageSource messages) {
    this.channelSetup = channelSetup;
    this.webhooks = webhooks;
    this.messages = messages;
  }

  @PostMapping("/app/settings/channels")
  String saveChannelSetting(
      @RequestParam(defaultValue = "") String channel,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String value,
      Locale locale,
      RedirectAttributes redirect) {
    requireChannelAdmin();
    // What was typed is not kept on a refusal: the value may be a secret.
    java.util.Optional<Channel> chosen = Channel.ofCode(channel);
    if (chosen.isEmpty() || name.isBlank() || value.isBlank()) {
      return SettingsForms.refused(
          redirect, text("settings.channel.invalid", locale), BACK + "channels");
    }
    return SettingsForms.change(
        messages,
        redirect,
        locale,
        BACK + "channels",
        () -> channelSetup.save(chosen.get(), name.strip(), value));
  }

  @PostMapping("/app/settings/channels/remove")
  String removeChannelSetting(
      @RequestParam(defaultValue = "") String channel,
      @RequestParam(defaultValue = "") String name,
      Locale locale,
      RedirectAttributes redirect) {
    requireChannelAdmin();
    java.util.Optional<Channel> chosen = Channel.ofCode(channel);
    if (chosen.isEmpty()) {
      return SettingsForms.refused(
          redirect, text("settings.channel.invalid", locale), BACK + "channels");
    }
    return SettingsForms.change(
        messages,
        redirect,
        locale,
        BACK + "channels",
        () -> channelSetup.remove(chosen.get(), name));
  }

  @PostMapping("/app/settings/webhooks")
  String createWebhook(
      @RequestParam(defaultValue = "") String url,
      @RequestParam(defaultValue = "") String description,
      @RequestParam(required = false) @Nullable List<String> events,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.WEBHOOKS_MANAGE);
    redirect.addFlashAttribute(
        "typedWebhook", java.util.Map.of("url", url, "description", description));
    if (url.isBlank() || url.length() > 2000 || description.length() > 500) {
      return SettingsForms.refused(
          redirect, text("settings.webhook.invalid", locale), BACK + "webhooks");
    }
    WebhookEndpoints.WithSecret created;
    try {
      created =
          webhooks.create(
              new WebhookEndpoints.Details(
                  url.strip(),
                  description.isBlank() ? null : description.strip(),
                  events == null ? List.of() : events));
    } catch (ProblemException e) {
      return SettingsForms.refused(
          redirect, e.updateAndGetBody(messages, locale).getDetail(), BACK + "webhooks");
    }
    redirect.getFlashAttributes().remove("typedWebhook");
    redirect.addFlashAttribute("notice", text("settings.saved", locale));
    // Shown once, on the page the redirect leads to; never stored where the page could show it
    // again.
    redirect.addFlashAttribute(
        "webhookSecret", new String[] {created.endpoint().url(), created.secret()});
    return BACK + "webhooks";
  }

  @PostMapping("/app/settings/webhooks/{id}/{action:disable|enable|delete}")
  String webhook(
      @PathVariable UUID id,
      @PathVariable String action,
      Locale locale,
      RedirectAttributes redirect) {
    StaffAccess.require(Scope.WEBHOOKS_MANAGE);
    return SettingsForms.change(
        messages,
        redirect,
        locale,
        BACK + "webhooks",
        () -> {
          switch (action) {
            case "disable" -> webhooks.disable(id);
            case "enable" -> webhooks.enable(id);
            default -> webhooks.delete(id);
          }
        });
  }

  /** As /api/v1/channels/**: the administrator's role, whatever the scopes. */
  private static void requireChannelAdmin() {
    if (!Actor.current().roles().contains(Role.ADMIN.name())) {
      throw ProblemException.of(org.springframework.http.HttpStatus.FORBIDDEN, "screen-forbidden")
          .detail("Only an administrator changes a channel''s settings.")
          .build();
    }
  }

  private String text(String code, Locale locale) {
    return messages.getMessage(code, null, locale);
  }
}
