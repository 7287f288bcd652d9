package org.accueil.web.rate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeDirectory;
import org.accueil.satisfaction.Rating;
import org.accueil.satisfaction.RatingRequest;
import org.accueil.satisfaction.Satisfaction;
import org.accueil.web.PatientLanguage;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page of the satisfaction e-mail's link ({@code /r/<token>}): five choices and an optional
 * comment, in the patient's language. The token stands for one rating request and nothing else, for
 * 14 days; a forged or expired one gets a page that says nothing of any patient.
 */
@Controller
@RequestMapping("/r/{token}")
class RatePages {

  /** Longer comments are cut: a comment is a few sentences, not a letter. */
  static final int LONGEST_COMMENT = 2000;

  private final Satisfaction satisfaction;
  private final Patients patients;
  private final PracticeDirectory practice;

  RatePages(Satisfaction satisfaction, Patients patients, PracticeDirectory practice) {
    this.satisfaction = satisfaction;
    this.patients = patients;
    this.practice = practice;
  }

  @GetMapping
  String page(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    Optional<RatingRequest> found = satisfaction.byLink(token);
    if (found.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      return "web/rate/invalid";
    }
    String language = patientsLanguage(found.get(), request, locale);
    if (language != null) {
      // Their own language, as their messages speak it; ?lang= makes the browser keep it.
      return "redirect:/r/" + token + "?lang=" + language;
    }
    model.addAttribute("token", token);
    model.addAttribute("practice", practice.snapshot().profile().name());
    model.addAttribute("answered", found.get().answered());
    model.addAttribute("scores", List.of(5, 4, 3, 2, 1));
    return "web/rate/rate";
  }

  @PostMapping
  String rate(
      @PathVariable String token,
      @RequestParam(required = false) @Nullable String score,
      @RequestParam(required = false) @Nullable String comment,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash) {
    Optional<RatingRequest> found = satisfaction.byLink(token);
    if (found.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      return "web/rate/invalid";
    }
    int value = parse(score);
    if (value == 0) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      model.addAttribute("token", token);
      model.addAttribute("practice", practice.snapshot().profile().name());
      model.addAttribute("answered", found.get().answered());
      model.addAttribute("scores", List.of(5, 4, 3, 2, 1));
      model.addAttribute("missing", true);
      model.addAttribute("comment", comment);
      return "web/rate/rate";
    }
    String words =
        comment == null || comment.length() <= LONGEST_COMMENT
            ? comment
            : comment.substring(0, LONGEST_COMMENT);
    Rating rating =
        satisfaction.rate(found.get().id(), found.get().patient(), value, Satisfaction.WEB, words);
    if (rating instanceof Rating.Recorded recorded) {
      flash.addFlashAttribute("notice", recorded.low() ? "rate.thanks-low" : "rate.thanks");
    }
    return "redirect:/r/" + token;
  }

  private static int parse(@Nullable String score) {
    if (score == null || !score.matches("[1-5]")) {
      return 0;
    }
    return Integer.parseInt(score);
  }

  /** The patient's own language when the page was not asked for in one; else null. */
  private @Nullable String patientsLanguage(
      RatingRequest r, HttpServletRequest request, Locale locale) {
    return PatientLanguage.switchTo(
        patients.find(r.patient()).map(Patient::preferredLanguage).orElse(null), request, locale);
  }
}
