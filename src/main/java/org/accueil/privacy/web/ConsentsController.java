package org.accueil.privacy.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.ConsentSource;
import org.accueil.privacy.ConsentWording;
import org.accueil.privacy.Consents;
import org.accueil.privacy.RecordConsent;
import org.accueil.privacy.web.PrivacyViews.ConsentRecordView;
import org.accueil.privacy.web.PrivacyViews.ConsentsView;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/patients/{id}/consents")
@Tag(name = "Privacy")
class ConsentsController {

  /**
   * @param wording what the patient was shown; required when {@code granted} is true
   */
  record ConsentRequest(
      @Nullable String channel,
      @Nullable String purpose,
      @Nullable Boolean granted,
      @Nullable String source,
      @Nullable WordingRequest wording) {}

  /**
   * @param text the exact text, as the patient saw it
   * @param language its BCP 47 tag: {@code fr}, {@code en}, {@code it}, {@code fr-CH}...
   */
  record WordingRequest(@Nullable String text, @Nullable String language) {}

  private static final int MAX_WORDING = 4000;
  private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

  private final Consents consents;
  private final Patients patients;
  private final IdempotentRequests idempotency;
  private final MessageSource messages;

  ConsentsController(
      Consents consents,
      Patients patients,
      IdempotentRequests idempotency,
      MessageSource messages) {
    this.consents = consents;
    this.patients = patients;
    this.idempotency = idempotency;
    this.messages = messages;
  }

  @GetMapping
  @Operation(
      summary = "What the patient allows now, per channel and purpose, and every decision recorded")
  ConsentsView consents(@PathVariable UUID id) {
    PatientId patient = known(id);
    var history = consents.history(patient);
    return ConsentsView.of(id, consents.current(patient), history);
  }

  @GetMapping("/{recordId}")
  ConsentRecordView consent(@PathVariable UUID id, @PathVariable UUID recordId) {
    return consents
        .find(known(id), recordId)
        .map(ConsentRecordView::of)
        .orElseThrow(() -> ProblemException.notFound("consent", recordId));
  }

  @PostMapping
  @Operation(
      summary = "Record a consent decision",
      description =
          "201 with the record. It applies from the moment this call returns, on every node."
              + " A grant needs the exact wording the patient was shown; 422 lists every field"
              + " to correct. Send an Idempotency-Key to make retries safe.")
  ResponseEntity<?> record(
      @PathVariable UUID id,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @RequestBody ConsentRequest request) {
    RecordConsent command = validated(PatientId.of(id), request);
    return idempotency.create(
        key,
        "/api/v1/patients/" + id + "/consents",
        request,
        () -> ConsentRecordView.of(consents.record(command)),
        ConsentRecordView::id);
  }

  private RecordConsent validated(PatientId patient, ConsentRequest request) {
    Violations violations = new Violations(messages);
    ConsentChannel channel = null;
    if (request.channel() == null) {
      violations.required("channel");
    } else {
      channel = ConsentChannel.ofCode(request.channel()).orElse(null);
      if (channel == null) {
        violations.add(
            "channel",
            "channel",
            "\"{0}\" is not a channel; use one of sms, whatsapp, email, phone, webchat, any.",
            request.channel());
      }
    }
    ConsentPurpose purpose = null;
    if (request.purpose() == null) {
      violations.required("purpose");
    } else {
      purpose = ConsentPurpose.ofCode(request.purpose()).orElse(null);
      if (purpose == null) {
        violations.add(
            "purpose",
            "purpose",
            "\"{0}\" is not a purpose; use one of appointment-messages, marketing, surveys.",
            request.purpose());
      }
    }
    if (request.granted() == null) {
      violations.required("granted");
    }
    ConsentSource source = null;
    if (request.source() == null) {
      violations.required("source");
    } else {
      source =
          ConsentSource.ofCode(request.source())
              .filter(s -> s != ConsentSource.ERASURE)
              .orElse(null);
      if (source == null) {
        violations.add(
            "source",
            "source",
            "\"{0}\" is not a source; use one of web-form, staff, sms-keyword, whatsapp, email,"
                + " phone, webchat, api, import.",
            request.source());
      }
    }
    ConsentWording wording =
        wording(request.wording(), Boolean.TRUE.equals(request.granted()), violations);
    violations.throwIfAny("invalid-consent", "The consent cannot be recorded: {0}.");
    return new RecordConsent(patient, channel, purpose, request.granted(), source, wording);
  }

  private static @Nullable ConsentWording wording(
      @Nullable WordingRequest wording, boolean granted, Violations violations) {
    if (wording == null) {
      if (granted) {
        violations.add(
            "wording",
            "wording-required",
            "a consent granted needs the wording the patient was shown (text and language), to"
                + " show what they agreed to.");
      }
      return null;
    }
    String text = wording.text();
    String language = wording.language();
    boolean valid = true;
    if (text == null || text.isBlank() || text.length() > MAX_WORDING) {
      violations.add(
          "wording.text", "wording-text", "must be the exact text shown, 1 to 4000 characters.");
      valid = false;
    }
    if (language == null) {
      violations.required("wording.language");
      valid = false;
    } else {
      language = languageTag(language);
      if (language == null) {
        violations.add(
            "wording.language",
            "wording-language",
            "\"{0}\" is not a language tag; write it as en, fr, it or fr-CH.",
            wording.language());
        valid = false;
      }
    }
    return valid ? ConsentWording.of(text, language) : null;
  }

  /** The tag in its canonical case ({@code fr-CH}), or {@code null} when it is not BCP 47. */
  private static @Nullable String languageTag(String text) {
    if (text.length() > 35 || !LANGUAGE_TAG.matcher(text).matches()) {
      return null;
    }
    try {
      return new Locale.Builder().setLanguageTag(text).build().toLanguageTag();
    } catch (IllformedLocaleException e) {
      return null;
    }
  }

  private PatientId known(UUID id) {
    PatientId patient = PatientId.of(id);
    patients.visibleToCaller(patient);
    return patient;
  }
}
