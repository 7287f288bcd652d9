package org.accueil.web.forms;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.accueil.practice.PracticeDirectory;
import org.accueil.questionnaires.Form;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.questionnaires.Questionnaires.Submitted;
import org.accueil.web.PatientLanguage;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page a patient fills a form in on, from the link a message carried ({@code /q/<token>}, no
 * sign-in): one plain HTML form that works with no script, saved to finish later or sent. Items
 * shown only for some answers (FHIR enableWhen) are decided by the server on every request; {@code
 * /js/form.js} only shows and hides them as the patient answers. A link that is forged, altered or
 * expired gets the same page as a bad manage-booking link, which says nothing.
 */
@Controller
@RequestMapping("/q/{token}")
class FormPages {

  private final Questionnaires questionnaires;
  private final PracticeDirectory practice;
  private final JsonMapper json;

  FormPages(Questionnaires questionnaires, PracticeDirectory practice, JsonMapper json) {
    this.questionnaires = questionnaires;
    this.practice = practice;
    this.json = json;
  }

  @ModelAttribute("practiceName")
  String practiceName() {
    return practice.snapshot().profile().name();
  }

  @GetMapping
  String form(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    boolean chosen = PatientLanguage.chosen(request);
    Optional<Form> form = questionnaires.open(token, chosen ? locale.getLanguage() : null);
    if (form.isEmpty()) {
      return invalid(response);
    }
    Form f = form.get();
    if (!chosen
        && !f.language().equals(locale.getLanguage())
        && PatientLanguage.LANGUAGES.contains(f.language())) {
      // The patient's own language, as their messages speak it; ?lang= makes the browser keep it.
      return "redirect:/q/" + token + "?lang=" + f.language();
    }
    return show(model, token, f);
  }

  /** "Save and finish later": kept as typed, nothing required yet. */
  @PostMapping("/save")
  String save(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash,
      Locale locale) {
    Optional<Form> saved = questionnaires.save(token, entered(request), locale.getLanguage());
    if (saved.isEmpty()) {
      return invalid(response);
    }
    if (saved.get().errors().isEmpty()) {
      flash.addFlashAttribute("notice", "forms.notice.saved");
      return "redirect:/q/" + token;
    }
    // Saved all the same; what is not well formed is shown to be corrected.
    model.addAttribute("notice", "forms.notice.saved");
    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
    return show(model, token, saved.get());
  }

  /** "Send": refused with what to correct (everything typed kept), or thanked. */
  @PostMapping
  String send(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash,
      Locale locale) {
    Optional<Submitted> sent = questionnaires.submit(token, entered(request), locale.getLanguage());
    if (sent.isEmpty()) {
      // Sent twice (a double tap, the back button): the link shows it was answered.
      return questionnaires.open(token, null).isPresent()
          ? "redirect:/q/" + token
          : invalid(response);
    }
    return switch (sent.get()) {
      case Submitted.Refused(Form refused) -> {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        yield show(model, token, refused);
      }
      case Submitted.Answered answered -> {
        flash.addFlashAttribute("justSent", true);
        yield "redirect:/q/" + token;
      }
    };
  }

  private String show(Model model, String token, Form form) {
    model.addAttribute("token", token);
    model.addAttribute("form", form);
    if (form.completed()) {
      return "web/forms/done";
    }
    List<Form.Field> all = new ArrayList<>();
    flatten(form.fields(), all);
    Map<String, String> when = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Form.Field field : all) {
      if (!field.conditions().isEmpty()) {
        when.put(field.linkId(), conditions(field));
      }
      String error = form.error(field.linkId());
      if (error != null && form.shown(field.linkId())) {
        problems.add(new Problem(anchor(field), field.text(), "forms.error." + error));
      }
    }
    model.addAttribute("when", when);
    model.addAttribute("problems", problems);
    return "web/forms/form";
  }

  /** An error as the summary at the top lists it: a link to the field, the question, what to do. */
  record Problem(String anchor, String question, String message) {}

  /** The id the summary links to: the input itself, or the first of a set of radios. */
  static String anchor(Form.Field field) {
    return switch (field.type()) {
      case "boolean", "choice" -> "f-" + field.linkId() + "-0";
      default -> "f-" + field.linkId();
    };
  }

  /** The conditions as form.js reads them from {@code data-when}. */
  private String conditions(Form.Field field) {
    List<Map<String, String>> list = new ArrayList<>();
    for (Form.Condition c : field.conditions()) {
      list.add(Map.of("q", c.question(), "op", c.operator(), "a", c.answer()));
    }
    return json.writeValueAsString(list);
  }

  private static void flatten(List<Form.Field> fields, List<Form.Field> into) {
    for (Form.Field f : fields) {
      into.add(f);
      flatten(f.children(), into);
    }
  }

  /** The answers as posted, by linkId (the facade keeps only the form's own). */
  private static Map<String, List<String>> entered(HttpServletRequest request) {
    Map<String, List<String>> entered = new LinkedHashMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (!name.equals("_csrf") && !name.equals("lang")) {
                entered.put(name, List.of(values));
              }
            });
    return entered;
  }

  private static String invalid(HttpServletResponse response) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    return "web/book/link-invalid";
  }
}
