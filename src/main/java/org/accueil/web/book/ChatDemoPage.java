package org.accueil.web.book;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeDirectory;
import org.accueil.security.StyleNonce;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A page of a practice's own site with the web chat on it, as a practice would embed it (one {@code
 * <script>} element, see docs/channels/webchat.md): to try the chat, and to show a practice what
 * its patients will see. Served by Accueil itself, so the widget calls its own origin and needs no
 * entry in {@code accueil.channels.webchat.allowed-origins}.
 */
@Controller
class ChatDemoPage {

  record Site(String name, String address, String phone) {}

  private final PracticeDirectory practice;

  ChatDemoPage(PracticeDirectory practice) {
    this.practice = practice;
  }

  @GetMapping("/chat-demo")
  String demo(HttpServletRequest request, Model model, Locale locale) {
    // The widget draws its panel in a shadow root with a <style> element of its own: the page's
    // policy allows that one stylesheet by its nonce, and still no inline script.
    model.addAttribute("styleNonce", StyleNonce.of(request));
    model.addAttribute("language", locale.getLanguage());
    List<Site> sites =
        practice.snapshot().locations().stream()
            .filter(Location::active)
            .sorted(Comparator.comparing(Location::name))
            .map(
                l ->
                    new Site(
                        l.name(),
                        (l.address().line()
                                + ", "
                                + l.address().postalCode()
                                + " "
                                + l.address().city())
                            .strip(),
                        l.phone() == null ? "" : l.phone()))
            .limit(3)
            .toList();
    model.addAttribute("sites", sites);
    return "web/book/chat-demo";
  }
}
