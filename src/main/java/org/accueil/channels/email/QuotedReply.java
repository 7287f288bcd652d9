package org.accueil.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the patient wrote, without what their mail client quoted of ours: the attribution line ("On
 * … wrote:", "Le … a écrit :", "Il … ha scritto:") and everything after it, the headers block of a
 * forwarded or Outlook-style reply, lines starting with {@code >}, and their signature.
 */
final class QuotedReply {

  /** Attribution lines; Gmail and Apple Mail wrap a long one over two lines, so pairs are tried. */
  private static final List<Pattern> ATTRIBUTION =
      List.of(
          Pattern.compile("^\\s*On\\s.{1,400}\\swrote\\s?:\\s*$", Pattern.DOTALL),
          Pattern.compile("^\\s*Le\\s.{1,400}\\sa\\s+écrit\\s?:\\s*$", Pattern.DOTALL),
          Pattern.compile("^\\s*Il\\s.{1,400}\\sha\\s+scritto\\s?:\\s*$", Pattern.DOTALL),
          Pattern.compile(
              "^\\s*-{2,}\\s*(Original Message|Message d'origine|Messaggio originale|"
                  + "Forwarded message|Message transféré|Messaggio inoltrato)\\s*-{2,}\\s*$",
              Pattern.CASE_INSENSITIVE));

  /** Outlook quotes without an attribution: a "From:" line followed by "Sent:" or "Date:". */
  private static final Pattern HEADER_FROM =
      Pattern.compile("^\\s*\\*?(From|De|Da)\\s?:\\*?\\s.+$", Pattern.CASE_INSENSITIVE);

  private static final Pattern HEADER_NEXT =
      Pattern.compile(
          "^\\s*\\*?(Sent|Date|Envoyé|Inviato|Data|To|À|A)\\s?:\\*?\\s.*$",
          Pattern.CASE_INSENSITIVE);

  private QuotedReply() {}

  /** The reply alone; the whole text when nothing of it is left (better too much than nothing). */
  static String strip(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    int end = lines.length;
    for (int i = 0; i < lines.length; i++) {
      if (startsQuote(lines, i)) {
        end = i;
        break;
      }
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      String line = lines[i];
      if (line.equals("-- ") && i > 0) {
        break;
      }
      if (!line.stripLeading().startsWith(">")) {
        kept.add(line.stripTrailing());
      }
    }
    String reply = String.join("\n", kept).strip();
    return reply.isEmpty() ? text.strip() : reply;
  }

  private static boolean startsQuote(String[] lines, int i) {
    String line = lines[i];
    String pair = i + 1 < lines.length ? line + " " + lines[i + 1] : line;
    for (Pattern p : ATTRIBUTION) {
      if (p.matcher(line).matches()) {
        return true;
      }
      // A wrapped attribution: the first of the two lines starts it, the second ends with
      // "wrote:"; the first must not end a sentence of the reply.
      if (i + 1 < lines.length
          && !line.isBlank()
          && !lines[i + 1].isBlank()
          && line.length() < 200
          && p.matcher(pair).matches()) {
        return true;
      }
    }
    return HEADER_FROM.matcher(line).matches()
        && i + 1 < lines.length
        && HEADER_NEXT.matcher(lines[i + 1]).matches();
  }
}
