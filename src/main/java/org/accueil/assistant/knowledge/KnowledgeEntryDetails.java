package org.accueil.assistant.knowledge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.accueil.practice.LocalizedText;
import org.jspecify.annotations.Nullable;

/**
 * An entry as an administrator writes it. The question and the answer need a text in at least one
 * language ("" for a language not written yet).
 *
 * @param topic one of {@link #TOPICS}
 * @param appointmentTypeId the appointment type it is about (preparation instructions), if any
 * @param keywords other words patients use for it, per language; optional
 * @param mapUrl an https link to a map, added to the answer's text; optional
 * @param active false keeps the entry without answering from it; true when left out
 */
public record KnowledgeEntryDetails(
    @NotBlank
        @Pattern(
            regexp =
                "info|hours|address|directions|parking|prices|insurance|preparation|services|other",
            message = "{validation.knowledge-topic}")
        String topic,
    @Nullable UUID appointmentTypeId,
    @NotNull @Valid LocalizedText question,
    @NotNull @Valid LocalizedText answer,
    @Nullable @Valid LocalizedText keywords,
    @Nullable
        @Size(max = 500)
        @Pattern(regexp = "https?://[^\\s\\p{C}<>\"'`{}|\\\\^]+", message = "{validation.map-url}")
        String mapUrl,
    @Nullable Boolean active) {

  /** What an entry may be about. */
  public static final List<String> TOPICS =
      List.of(
          "info",
          "hours",
          "address",
          "directions",
          "parking",
          "prices",
          "insurance",
          "preparation",
          "services",
          "other");
}
