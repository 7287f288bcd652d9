package org.accueil.privacy.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.privacy.Erasures;
import org.accueil.privacy.RequestedVia;
import org.accueil.privacy.web.PrivacyViews.ErasureView;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/patients/{id}/erasure")
@Tag(name = "Privacy")
class ErasureController {

  /**
   * @param reason why, in staff's words: "patient's request of 12 March, GDPR art. 17"; no names or
   *     health details, it is kept
   * @param requestedVia how the patient asked
   */
  record ErasureRequest(@Nullable String reason, @Nullable String requestedVia) {}

  private static final int MAX_REASON = 500;

  private final Erasures erasures;
  private final MessageSource messages;

  ErasureController(Erasures erasures, MessageSource messages) {
    this.erasures = erasures;
    this.messages = messages;
  }

  @PostMapping
  @Operation(
      summary = "Erase the patient's identifying data, on their request",
      description =
          "Names become \"Erased\", the birth date keeps its year, phone and email go, consent"
              + " wordings lose their text, future appointments are cancelled (reason \"erasure\")"
              + " and past ones stay, anonymous. 200 with the erasure record. Erasing again"
              + " changes nothing and answers 200 with the record of the first erasure.")
  ErasureView erase(@PathVariable UUID id, @RequestBody ErasureRequest request) {
    Violations violations = new Violations(messages);
    String reason = request.reason();
    if (reason == null) {
      violations.required("reason");
    } else if (reason.isBlank() || reason.strip().length() > MAX_REASON) {
      violations.add(
          "reason",
          "reason",
          "must say why, in 1 to 500 characters, without names or health details.");
    }
    RequestedVia via = null;
    if (request.requestedVia() == null) {
      violations.required("requestedVia");
    } else {
      via = RequestedVia.ofCode(request.requestedVia()).orElse(null);
      if (via == null) {
        violations.add(
            "requestedVia",
            "requested-via",
            "\"{0}\" is not a way of asking; use one of in-person, letter, email, phone, web-form,"
                + " sms, whatsapp, webchat, api.",
            request.requestedVia());
      }
    }
    violations.throwIfAny("invalid-erasure-request", "The patient cannot be erased: {0}.");
    return ErasureView.of(erasures.erase(PatientId.of(id), reason, via));
  }
}
