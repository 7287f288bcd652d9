package org.accueil.practice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.accueil.platform.PersonName;
import org.jspecify.annotations.Nullable;

/**
 * What an administrator sends to change the configuration. The records double as the admin API's
 * request bodies; Bean Validation checks their shape, {@link PracticeAdministration} their meaning.
 */
public final class Commands {

  private Commands() {}

  public record ProfileDetails(
      @NotBlank @Size(max = 200) String name,
      @NotNull @Size(min = 1, max = 3)
          List<
                  @NotNull @Pattern(regexp = "fr|en|it", message = "{validation.practice-language}")
                  String>
              languages) {}

  public record LocationDetails(
      @NotBlank @Size(max = 200) String name,
      @NotBlank String timeZone,
      @NotNull @Valid Address address,
      @Nullable
          @Size(max = 40)
          @Pattern(regexp = "\\s*|\\+?[0-9][0-9 ().\\-/]*", message = "{validation.phone}")
          String phone,
      @Nullable List<@Valid @NotNull TimeWindow> openingHours,
      @Nullable Boolean active) {}

  public record ClosureDetails(
      @Nullable UUID locationId,
      @NotNull LocalDate firstDay,
      @NotNull LocalDate lastDay,
      @NotBlank @Size(max = 200) String name) {}

  public record RoomDetails(
      @NotNull UUID locationId,
      @NotBlank @Size(max = 100) String name,
      @NotBlank @Pattern(regexp = "[a-z][a-z0-9_-]{0,39}", message = "{validation.room-kind}")
          String kind,
      @Nullable Boolean active) {}

  public record ProviderDetails(
      @Nullable @Size(max = 20) @PersonName(max = 20, message = "{validation.person-title}")
          String title,
      @NotBlank @Size(max = 100) @PersonName String givenName,
      @NotBlank @Size(max = 100) @PersonName String familyName,
      @Nullable List<@NotBlank @Size(max = 100) String> specialties,
      @Nullable
          List<
              @NotNull @Pattern(regexp = "[a-z]{2}", message = "{validation.language-code}") String>
          languages,
      @NotNull @Size(min = 1, message = "{validation.at-least-one-location}")
          List<@NotNull UUID> locationIds,
      @Nullable Boolean active) {}

  public record AppointmentTypeDetails(
      @NotBlank
          @Pattern(
              regexp = "[a-z0-9][a-z0-9_.-]{0,63}",
              message = "{validation.appointment-type-code}")
          String code,
      @NotNull @Valid LocalizedText names,
      @NotNull @Min(5) @Max(480) Integer durationMinutes,
      @Nullable @Min(0) @Max(240) Integer bufferBeforeMinutes,
      @Nullable @Min(0) @Max(240) Integer bufferAfterMinutes,
      @Nullable @Min(5) @Max(480) Integer slotStepMinutes,
      @Nullable @Min(0) @Max(525600) Integer minimumNoticeMinutes,
      @Nullable @Min(0) @Max(730) Integer maxDaysAhead,
      @Nullable VisitMode mode,
      @Nullable Boolean newPatientsOnly,
      @Nullable @Pattern(regexp = "[a-z][a-z0-9_-]{0,39}", message = "{validation.room-kind}")
          String requiredRoomKind,
      @Nullable @Min(1) Integer dailyCapPerProvider,
      @Nullable @Size(max = 40) String billingCode,
      @Nullable @Valid LocalizedText preparation,
      @NotNull List<@NotNull UUID> providerIds,
      @Nullable Boolean active) {}

  public record WeeklyHoursDetails(
      @NotNull UUID locationId,
      @NotNull DayOfWeek day,
      @NotNull LocalTime starts,
      @NotNull LocalTime ends,
      @Nullable LocalDate validFrom,
      @Nullable LocalDate validUntil) {}

  public record DayOverrideDetails(@NotNull List<@Valid @NotNull Hours> hours) {
    public record Hours(
        @NotNull UUID locationId, @NotNull LocalTime starts, @NotNull LocalTime ends) {}
  }

  public record TimeOffDetails(
      @NotNull OffsetDateTime start,
      @NotNull OffsetDateTime end,
      @Nullable @Size(max = 200) String reason) {}

  public record BookingRuleDetails(
      @NotBlank @Size(max = 300) String description,
      @Nullable UUID providerId,
      @Nullable UUID appointmentTypeId,
      @Nullable PatientCategory patientCategory,
      @NotNull @Size(min = 1, message = "{validation.at-least-one-window}")
          List<@Valid @NotNull TimeWindow> windows) {}
}
