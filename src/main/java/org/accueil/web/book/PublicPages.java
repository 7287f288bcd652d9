package org.accueil.web.book;

import java.util.Locale;
import org.accueil.platform.ProblemException;
import org.accueil.practice.PracticeDirectory;
import org.accueil.scheduling.Refusals;
import org.accueil.scheduling.model.Rejection;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every patient page shares: the practice's name in the header, and problems written for a
 * person on a page of their own (never a stack trace, nor the API's JSON). Ordered before the API's
 * problem handling, which answers every other controller.
 */
@ControllerAdvice(
    assignableTypes = {
      BookingPages.class,
      DetailsPages.class,
      ManagePages.class,
      ChatDemoPage.class
    })
@Order(Ordered.HIGHEST_PRECEDENCE)
class PublicPages {

  private final PracticeDirectory practice;
  private final MessageSource messages;

  PublicPages(PracticeDirectory practice, MessageSource messages) {
    this.practice = practice;
    this.messages = messages;
  }

  @ModelAttribute("practiceName")
  String practiceName() {
    return practice.snapshot().profile().name();
  }

  /** An unknown type, provider or appointment, or a refusal no page expected. */
  @ExceptionHandler(ProblemException.class)
  ModelAndView problem(ProblemException e, Locale locale) {
    ModelAndView page = new ModelAndView("web/book/gone");
    page.addObject("practiceName", practiceName());
    page.addObject("problem", e.getStatusCode().value() == 404 ? null : detail(e, locale));
    page.setStatus(HttpStatus.valueOf(e.getStatusCode().value()));
    return page;
  }

  /** The problem's detail in the page's language, as the API would write it. */
  String detail(ProblemException e, Locale locale) {
    String detail = e.updateAndGetBody(messages, locale).getDetail();
    return detail == null ? "" : detail;
  }

  /**
   * Why a time could not be booked, for the patient. A time taken, or the patient's own other
   * visit, in words of our own: the API's wording names the appointment in the way, whose id is
   * none of a visitor's business. Any other rule in the API's words.
   */
  String refusal(Rejection reason, Locale locale) {
    return switch (reason) {
      case Rejection.SlotTaken t -> messages.getMessage("book.taken", null, locale);
      case Rejection.NoRoomAvailable n -> messages.getMessage("book.taken", null, locale);
      case Rejection.PatientAlreadyBooked p ->
          messages.getMessage("book.already-booked", null, locale);
      default -> detail(Refusals.problem(reason), locale);
    };
  }
}
