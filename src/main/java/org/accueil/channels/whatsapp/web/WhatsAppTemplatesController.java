package org.accueil.channels.whatsapp.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.accueil.channels.whatsapp.WhatsAppTemplates;
import org.accueil.channels.whatsapp.WhatsAppTemplates.Template;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The practice's WhatsApp templates, as approved at Meta: administrators only. */
@RestController
@RequestMapping("/api/v1/channels/whatsapp/templates")
@Tag(name = "Channels")
class WhatsAppTemplatesController {

  /** Meta's grammar of template names, and the table's. */
  static final String NAME = "^[a-z0-9_]{1,512}$";

  static final String LANGUAGE = "^(fr|en|it)$";

  record TemplateRequest(
      @NotNull @Pattern(regexp = "^[a-z0-9-]{1,60}$", message = "{channels.invalid.purpose}")
          String purpose,
      @NotBlank @Size(max = 1024) String body,
      @NotNull
          @Pattern(
              regexp = "^(utility|marketing|authentication)$",
              message = "{channels.invalid.category}")
          String category) {}

  private final WhatsAppTemplates templates;
  private final Audit audit;
  private final MessageSource messages;

  WhatsAppTemplatesController(WhatsAppTemplates templates, Audit audit, MessageSource messages) {
    this.templates = templates;
    this.audit = audit;
    this.messages = messages;
  }

  @GetMapping
  @Operation(summary = "The WhatsApp templates approved at Meta, by name and language")
  List<Template> list() {
    return templates.list();
  }

  @PutMapping("/{name}/{language}")
  @Operation(
      summary = "Add or replace a WhatsApp template",
      description =
          "name and language as approved at Meta; purpose is what Accueil sends it for (reopen:"
              + " the practice answered after the 24-hour window), one template per purpose and"
              + " language; body is the approved text with {{1}}, {{2}}... 201 when added, 200"
              + " when replaced.")
  ResponseEntity<Template> save(
      @PathVariable String name,
      @PathVariable String language,
      @Valid @RequestBody TemplateRequest request) {
    checkAddress(name, language);
    Template template =
        new Template(name, language, request.purpose(), request.body(), request.category());
    return switch (templates.save(template)) {
      case PURPOSE_TAKEN ->
          throw ProblemException.of(HttpStatus.CONFLICT, "whatsapp-template-purpose-taken")
              .detail(
                  "Another template is already used for {0} in {1}; delete it first.",
                  request.purpose(), language)
              .with("purpose", request.purpose())
              .with("language", language)
              .build();
      case CREATED -> {
        audit.success("whatsapp-template.create", "whatsapp-template", null, details(template));
        yield ResponseEntity.status(HttpStatus.CREATED).body(template);
      }
      case UPDATED -> {
        audit.success("whatsapp-template.update", "whatsapp-template", null, details(template));
        yield ResponseEntity.ok(template);
      }
    };
  }

  @DeleteMapping("/{name}/{language}")
  @Operation(summary = "Remove a WhatsApp template")
  ResponseEntity<Void> delete(@PathVariable String name, @PathVariable String language) {
    checkAddress(name, language);
    if (!templates.delete(name, language)) {
      throw ProblemException.notFound("whatsapp-template", name + "/" + language);
    }
    audit.success(
        "whatsapp-template.delete",
        "whatsapp-template",
        null,
        Map.of("name", name, "language", language));
    return ResponseEntity.noContent().build();
  }

  /**
   * The name and language in the address, checked here rather than by method validation, which
   * would name the body's fields after the Java parameter ({@code request.purpose}).
   */
  private void checkAddress(String name, String language) {
    List<Map<String, String>> errors = new ArrayList<>();
    if (!name.matches(NAME)) {
      errors.add(Map.of("field", "name", "message", message("channels.invalid.template-name")));
    }
    if (!language.matches(LANGUAGE)) {
      errors.add(
          Map.of("field", "language", "message", message("channels.invalid.template-language")));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-request")
          .detail(
              "The request has invalid fields: {0}.",
              String.join(
                  "; ",
                  errors.stream().map(e -> e.get("field") + ": " + e.get("message")).toList()))
          .with("errors", errors)
          .build();
    }
  }

  private String message(String code) {
    return messages.getMessage(code, null, code, LocaleContextHolder.getLocale());
  }

  private static Map<String, Object> details(Template template) {
    return Map.of(
        "name", template.name(), "language", template.language(), "purpose", template.purpose());
  }
}
