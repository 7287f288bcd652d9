package org.accueil.channels.whatsapp.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.accueil.channels.whatsapp.WhatsAppTemplates;
import org.accueil.channels.whatsapp.WhatsAppTemplates.Template;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
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

  WhatsAppTemplatesController(WhatsAppTemplates templates, Audit audit) {
    this.templates = templates;
    this.audit = audit;
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
      @PathVariable @Pattern(regexp = NAME, message = "{channels.invalid.template-name}")
          String name,
      @PathVariable @Pattern(regexp = LANGUAGE, message = "{channels.invalid.template-language}")
          String language,
      @Valid @RequestBody TemplateRequest request) {
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
  ResponseEntity<Void> delete(
      @PathVariable @Pattern(regexp = NAME, message = "{channels.invalid.template-name}")
          String name,
      @PathVariable @Pattern(regexp = LANGUAGE, message = "{channels.invalid.template-language}")
          String language) {
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

  private static Map<String, Object> details(Template template) {
    return Map.of(
        "name", template.name(), "language", template.language(), "purpose", template.purpose());
  }
}
