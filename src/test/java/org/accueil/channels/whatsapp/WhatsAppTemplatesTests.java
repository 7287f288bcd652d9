package org.accueil.channels.whatsapp;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.whatsapp.WhatsAppTemplates.Template;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The practice's approved templates: found by purpose and language, filled in, administered. */
@WhatsAppTest
class WhatsAppTemplatesTests {

  static final String PATH = "/api/v1/channels/whatsapp/templates/";

  @Autowired WhatsAppTemplates templates;
  @Autowired Api api;

  @Test
  void aPurposeIsFoundInThePatientsLanguageElseFrenchElseEnglish() {
    String purpose = "p-" + Tags.letters();
    String name = "t_" + Tags.letters();
    templates.save(new Template(name, "en", purpose, "Hello {{1}}", "utility"));

    assertThat(templates.forPurpose(purpose, Locale.ITALIAN))
        .map(Template::language)
        .contains("en");

    templates.save(new Template(name, "fr", purpose, "Bonjour {{1}}", "utility"));
    assertThat(templates.forPurpose(purpose, Locale.ITALIAN))
        .map(Template::language)
        .contains("fr");
    assertThat(templates.forPurpose(purpose, Locale.ENGLISH))
        .map(Template::language)
        .contains("en");

    templates.save(new Template(name, "it", purpose, "Buongiorno {{1}}", "utility"));
    assertThat(templates.forPurpose(purpose, Locale.forLanguageTag("it-CH")))
        .map(Template::language)
        .contains("it");
    assertThat(templates.forPurpose("p-" + Tags.letters(), Locale.FRENCH)).isEmpty();
  }

  @Test
  void renderingFillsTheNumberedPlaceholdersForTheTimelineAndSendsTheParameters() {
    Template reopen =
        new Template(
            "accueil_reopen",
            "fr",
            "reopen",
            "Bonjour {{1}}, le cabinet {{2}} vous a répondu. {{1}}, répondez pour lire la réponse.",
            "utility");

    OutboundContent.Template rendered =
        templates.render(reopen, List.of("Camille", "Martin $1 \\"));

    assertThat(rendered.name()).isEqualTo("accueil_reopen");
    assertThat(rendered.language()).isEqualTo("fr");
    assertThat(rendered.parameters()).containsExactly("Camille", "Martin $1 \\");
    assertThat(rendered.text())
        .isEqualTo(
            "Bonjour Camille, le cabinet Martin $1 \\ vous a répondu. Camille, répondez pour lire"
                + " la réponse.");
    assertThatThrownBy(() -> templates.render(reopen, List.of("Camille")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theConversationsGetTheReopenTemplateFilledInThroughTheRegistry() {
    String purpose = "p-" + Tags.letters();
    String name = "t_" + Tags.letters();
    templates.save(
        new Template(name, "fr", purpose, "Bonjour {{1}}, le cabinet a répondu.", "utility"));
    org.accueil.channels.TemplateRegistry registry = templates;

    assertThat(registry.render(purpose, Locale.ITALIAN, List.of("Camille")))
        .contains(
            new OutboundContent.Template(
                name, "fr", List.of("Camille"), "Bonjour Camille, le cabinet a répondu."));
    assertThat(registry.render(purpose, Locale.FRENCH, List.of())).isEmpty();
    assertThat(registry.render("p-" + Tags.letters(), Locale.FRENCH, List.of("Camille"))).isEmpty();
  }

  @Test
  void anAdministratorAddsReplacesListsAndRemovesATemplate() {
    String name = "t_" + Tags.letters();
    String purpose = "p-" + Tags.letters();

    var created = api.put(PATH + name + "/it", request(purpose, "Buongiorno {{1}}"));
    var replaced = api.put(PATH + name + "/it", request(purpose, "Salve {{1}}"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.string("body")).isEqualTo("Salve {{1}}");
    var listed = api.get(PATH.substring(0, PATH.length() - 1));
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().valueStream().filter(t -> t.path("name").asString().equals(name)))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.path("language").asString()).isEqualTo("it");
              assertThat(t.path("purpose").asString()).isEqualTo(purpose);
              assertThat(t.path("category").asString()).isEqualTo("utility");
            });
    assertThat(api.delete(PATH + name + "/it").status()).isEqualTo(204);
    assertThatProblem(api.delete(PATH + name + "/it")).is(404, "not-found");
    assertThat(templates.forPurpose(purpose, Locale.ITALIAN)).isEmpty();
  }

  @Test
  void aTemplateMetaWouldNotTakeIsRefusedNamingTheField() {
    String name = "t_" + Tags.letters();

    assertThatProblem(api.put(PATH + name + "/it", request("Reopen!", "Salve {{1}}")))
        .is(400, "invalid-request")
        .naming("purpose");
    assertThatProblem(
            api.put(
                PATH + name + "/it",
                Map.of("purpose", "reopen", "body", "Salve", "category", "promo")))
        .is(400, "invalid-request")
        .naming("category");
    assertThatProblem(api.put(PATH + name + "/de", request("p-" + Tags.letters(), "Hallo")))
        .is(400, "invalid-request");
    assertThatProblem(api.put(PATH + "Reopen-Now/fr", request("p-" + Tags.letters(), "Salut")))
        .is(400, "invalid-request");
    assertThat(api.get(PATH.substring(0, PATH.length() - 1)).text()).doesNotContain(name);
  }

  @Test
  void twoTemplatesCannotServeOnePurposeInOneLanguage() {
    String purpose = "p-" + Tags.letters();
    String first = "t_" + Tags.letters();
    String second = "t_" + Tags.letters();
    assertThat(api.put(PATH + first + "/fr", request(purpose, "Bonjour")).status()).isEqualTo(201);

    var taken = api.put(PATH + second + "/fr", request(purpose, "Salut"));

    assertThatProblem(taken).is(409, "whatsapp-template-purpose-taken");
    assertThat(templates.forPurpose(purpose, Locale.FRENCH)).map(Template::name).contains(first);
  }

  @Test
  void onlyAnAdministratorSeesTheTemplates() {
    assertThat(api.anonymous().get(PATH.substring(0, PATH.length() - 1)).status()).isEqualTo(401);
  }

  private static Map<String, String> request(String purpose, String body) {
    return Map.of("purpose", purpose, "body", body, "category", "utility");
  }
}
