package org.accueil.channels.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.accueil.channels.ChannelSetup;
import org.accueil.channels.ChannelSetup.Setting;
import org.accueil.patients.Channel;
import org.accueil.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The practice's channel settings, for administrators: they win over the properties. */
@RestController
@Tag(name = "Channels")
class ChannelSettingsController {

  record SettingRequest(@NotNull @Size(min = 1, max = 2000) String value) {}

  private final ChannelSetup setup;

  ChannelSettingsController(ChannelSetup setup) {
    this.setup = setup;
  }

  @GetMapping("/api/v1/channels/settings")
  @Operation(
      summary = "Every saved channel setting; secrets say only that they are set",
      description = "A setting not listed here comes from the accueil.channels.* properties.")
  List<Setting> all() {
    return setup.all();
  }

  @PutMapping("/api/v1/channels/{channel}/settings/{name}")
  @Operation(
      summary = "Save a channel setting (sealed at rest); it applies from the next call",
      description =
          "Names are the property names under accueil.channels.<channel>, e.g. app-secret for"
              + " whatsapp, auth-token for sms, smtp.host for email.")
  Setting save(
      @PathVariable String channel,
      @PathVariable String name,
      @Valid @RequestBody SettingRequest request) {
    return setup.save(channel(channel), name, request.value());
  }

  @DeleteMapping("/api/v1/channels/{channel}/settings/{name}")
  @Operation(summary = "Remove a saved setting: the property applies again")
  ResponseEntity<Void> remove(@PathVariable String channel, @PathVariable String name) {
    setup.remove(channel(channel), name);
    return ResponseEntity.noContent().build();
  }

  private static Channel channel(String code) {
    return Channel.ofCode(code)
        .orElseThrow(
            () ->
                ProblemException.of(HttpStatus.NOT_FOUND, "not-found")
                    .detail(
                        "There is no channel ''{0}'': use whatsapp, sms, phone, email or webchat.",
                        code)
                    .build());
  }
}
