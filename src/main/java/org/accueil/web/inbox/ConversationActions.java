package org.accueil.web.inbox;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.OutboundContent;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.Priority;
import org.accueil.patients.Channel;
import org.accueil.platform.Actor;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.web.staff.StaffAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What staff do with a conversation from its page: reply, note, assign, change the priority,
 * resolve, hand back to the assistant. Each is a form posted with its CSRF token and answered with
 * a redirect back to the conversation (post/redirect/get), where what happened, or the problem in
 * the reader's language, is shown once.
 */
@Controller
@RequestMapping("/app/inbox")
class ConversationActions {

  static final int MAX_TEXT = 4000;

  private final Conversations conversations;
  private final IdempotentRequests idempotency;
  private final MessageSource messages;
  private final Questionnaires questionnaires;

  ConversationActions(
      Conversations conversations,
      IdempotentRequests idempotency,
      MessageSource messages,
      Questionnaires questionnaires) {
    this.questionnaires = questionnaires;
    this.conversations = conversations;
    this.idempotency = idempotency;
    this.messages = messages;
  }

  @PostMapping("/{id}/reply")
  String reply(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String text,
      @RequestParam(defaultValue = "") String channel,
      @RequestParam(required = false) @Nullable String key,
      RedirectAttributes redirect,
      Locale locale) {
    return act(
        id,
        redirect,
        locale,
        "inbox.reply.sent",
        text,
        () -> {
          String body = required(text, "text");
          Channel on =
              channel.isEmpty()
                  ? null
                  : Channel.ofCode(channel).orElseThrow(() -> invalid("channel"));
          // A double click, or a form sent again after a timeout, sends once.
          idempotency.once(
              key == null || key.isBlank() ? null : key,
              "POST /app/inbox/" + id + "/reply",
              Map.of("text", body, "channel", channel),
              () ->
                  ResponseEntity.ok(
                      Map.of(
                          "entry",
                          conversations
                              .reply(id, new OutboundContent.Text(body), on)
                              .id()
                              .toString())));
        });
  }

  @PostMapping("/{id}/note")
  String note(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String text,
      RedirectAttributes redirect,
      Locale locale) {
    return act(
        id,
        redirect,
        locale,
        "inbox.note.saved",
        text,
        () -> conversations.note(id, required(text, "text")));
  }

  @PostMapping("/{id}/assign")
  String assign(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String assignee,
      RedirectAttributes redirect,
      Locale locale) {
    return act(
        id,
        redirect,
        locale,
        assignee.isEmpty() ? "inbox.assign.nobody" : "inbox.assign.done",
        null,
        () -> {
          UUID to;
          if (assignee.equals("me")) {
            Actor me = Actor.current();
            if (me.kind() != Actor.Kind.USER) {
              throw invalid("assignee");
            }
            to = UUID.fromString(me.id());
          } else if (assignee.isEmpty()) {
            to = null;
          } else {
            try {
              to = UUID.fromString(assignee);
            } catch (IllegalArgumentException notAnId) {
              throw invalid("assignee");
            }
          }
          conversations.assign(id, to);
        });
  }

  /** Sends a form's link to the patient of the conversation (its active version). */
  @PostMapping("/{id}/questionnaire")
  String questionnaire(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String questionnaire,
      RedirectAttributes redirect,
      Locale locale) {
    return act(
        id,
        redirect,
        locale,
        "inbox.form.sent",
        null,
        () -> questionnaires.sendFromConversation(id, questionnaire));
  }

  @PostMapping("/{id}/hand-back")
  String handBack(@PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
    return act(
        id,
        redirect,
        locale,
        "inbox.hand-back.done",
        null,
        () -> conversations.handBackToAssistant(id));
  }

  @PostMapping("/{id}/resolve")
  String resolve(@PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
    return act(id, redirect, locale, "inbox.resolve.done", null, () -> conversations.resolve(id));
  }

  @PostMapping("/{id}/priority")
  String priority(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String priority,
      RedirectAttributes redirect,
      Locale locale) {
    return act(
        id,
        redirect,
        locale,
        "inbox.priority.done",
        null,
        () ->
            conversations.prioritise(
                id, Priority.ofCode(priority).orElseThrow(() -> invalid("priority"))));
  }

  /**
   * Runs a staff action and goes back to the conversation, with what happened (or the problem, in
   * the reader's language, and what they had written) shown once there.
   */
  private String act(
      UUID id,
      RedirectAttributes redirect,
      Locale locale,
      String done,
      @Nullable String draft,
      Runnable action) {
    StaffAccess.require(Scope.CONVERSATIONS_WRITE);
    conversations.find(id);
    try {
      action.run();
      redirect.addFlashAttribute("notice", messages.getMessage(done, null, locale));
    } catch (ProblemException refused) {
      if (refused.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
          || refused.getStatusCode().value() == HttpStatus.FORBIDDEN.value()) {
        throw refused;
      }
      redirect.addFlashAttribute("problem", PageProblems.text(messages, refused, locale));
      if (draft != null) {
        redirect.addFlashAttribute("draft", draft);
      }
    }
    return "redirect:/app/inbox/" + id;
  }

  private static String required(String text, String field) {
    String stripped = text.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_TEXT) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-request")
          .messageCode("inbox.text.invalid")
          .detail("Write between 1 and {0} characters.", MAX_TEXT)
          .with("field", field)
          .build();
    }
    return stripped;
  }

  private static ProblemException invalid(String field) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
        .messageCode("inbox.value.invalid")
        .detail("That choice is not one the form offers.")
        .with("field", field)
        .build();
  }
}
