package org.accueil.web.staff;

import java.util.Locale;
import org.accueil.platform.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How every settings form answers (post, redirect, get): "Saved." or the module's refusal in the
 * page's language, flashed to the page {@code back} leads to.
 */
final class SettingsForms {

  private SettingsForms() {}

  /**
   * Makes the change; its {@link ProblemException}, if any, becomes the message shown.
   *
   * @param back a {@code redirect:} view name, e.g. {@code redirect:/app/settings#rules}
   */
  static String change(
      MessageSource messages,
      RedirectAttributes redirect,
      Locale locale,
      String back,
      Runnable change) {
    try {
      change.run();
      redirect.addFlashAttribute("notice", messages.getMessage("settings.saved", null, locale));
    } catch (ProblemException e) {
      redirect.addFlashAttribute("problem", e.updateAndGetBody(messages, locale).getDetail());
    }
    return back;
  }

  /**
   * Shows {@code problem}, a sentence saying what to correct, on the page {@code back} leads to.
   */
  static String refused(RedirectAttributes redirect, String problem, String back) {
    redirect.addFlashAttribute("problem", problem);
    return back;
  }
}
