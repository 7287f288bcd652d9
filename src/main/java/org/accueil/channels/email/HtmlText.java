package org.accueil.channels.email;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an HTML mail, for a patient whose client sent no text/plain part: blocks become
 * lines, quoted blocks are dropped (Gmail's {@code gmail_quote} and most clients quote in a {@code
 * <blockquote>}), tags go and entities are decoded. Enough for a short reply; not a renderer.
 */
final class HtmlText {

  private static final Pattern INVISIBLE =
      Pattern.compile(
          "<(head|style|script|title)\\b[^>]*>.*?</\\1\\s*>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

  /** An innermost blockquote: removed repeatedly, so nested ones go from the inside out. */
  private static final Pattern BLOCKQUOTE =
      Pattern.compile(
          "<blockquote\\b[^>]*>(?:(?!<blockquote\\b).)*?</blockquote\\s*>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern BREAK =
      Pattern.compile(
          "<(br|/p|/div|/tr|/li|/h[1-6]|/table|/ul|/ol)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ITEM = Pattern.compile("<li\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");
  private static final Map<String, String> NAMED =
      Map.of(
          "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ", "eacute", "é",
          "egrave", "è", "agrave", "à", "ccedil", "ç");

  private HtmlText() {}

  static String of(String html) {
    String text = COMMENT.matcher(html).replaceAll("");
    text = INVISIBLE.matcher(text).replaceAll("");
    String before;
    do {
      before = text;
      text = BLOCKQUOTE.matcher(text).replaceAll("");
    } while (!text.equals(before));
    text = text.replaceAll("[\\r\\n]+", " ");
    text = BREAK.matcher(text).replaceAll("\n");
    text = ITEM.matcher(text).replaceAll("- ");
    text = TAG.matcher(text).replaceAll("");
    text = decode(text);
    text = text.replaceAll("[ \\t\\u00a0]+", " ").replaceAll(" *\n *", "\n");
    return text.replaceAll("\n{3,}", "\n\n").strip();
  }

  private static String decode(String text) {
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String entity = m.group(1);
      String replacement;
      if (entity.startsWith("#x") || entity.startsWith("#X")) {
        replacement = codePoint(entity.substring(2), 16, m.group());
      } else if (entity.startsWith("#")) {
        replacement = codePoint(entity.substring(1), 10, m.group());
      } else {
        replacement = NAMED.getOrDefault(entity, m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String codePoint(String digits, int radix, String original) {
    try {
      int cp = Integer.parseInt(digits, radix);
      return Character.isValidCodePoint(cp) ? Character.toString(cp) : original;
    } catch (NumberFormatException e) {
      return original;
    }
  }
}
