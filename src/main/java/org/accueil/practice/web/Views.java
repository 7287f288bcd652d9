package org.accueil.practice.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.practice.Address;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.BookingRule;
import org.accueil.practice.Closure;
import org.accueil.practice.DayOverride;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeProfile;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.Room;
import org.accueil.practice.TimeOff;
import org.accueil.practice.TimeWindow;
import org.accueil.practice.VisitMode;
import org.accueil.practice.WeeklyHours;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the practice API; they change only with the API, not with the model. */
final class Views {

  private Views() {}

  record PracticeView(String name, List<String> languages) {
    static PracticeView of(PracticeProfile p) {
      return new PracticeView(p.name(), p.languages());
    }
  }

  record LocationView(
      UUID id,
      String name,
      String timeZone,
      Address address,
      @Nullable String phone,
      List<TimeWindow> openingHours,
      boolean active) {
    static LocationView of(Location l) {
      return new LocationView(
          l.id().value(),
          l.name(),
          l.zone().getId(),
          l.address(),
          l.phone(),
          l.openingHours(),
          l.active());
    }
  }

  record ClosureView(
      UUID id, @Nullable UUID locationId, LocalDate firstDay, LocalDate lastDay, String name) {
    static ClosureView of(Closure c) {
      return new ClosureView(
          c.id(),
          c.location() == null ? null : c.location().value(),
          c.firstDay(),
          c.lastDay(),
          c.name());
    }
  }

  record RoomView(UUID id, UUID locationId, String name, String kind, boolean active) {
    static RoomView of(Room r) {
      return new RoomView(r.id().value(), r.location().value(), r.name(), r.kind(), r.active());
    }
  }

  /**
   * @param name how patients and staff see the provider: "Dr Emma Phillips"
   */
  record ProviderView(
      UUID id,
      String name,
      String title,
      String givenName,
      String familyName,
      List<String> specialties,
      List<String> languages,
      List<UUID> locationIds,
      boolean active) {
    static ProviderView of(Provider p) {
      return new ProviderView(
          p.id().value(),
          p.displayName(),
          p.title(),
          p.givenName(),
          p.familyName(),
          p.specialties(),
          p.languages(),
          p.locations().stream().map(LocationId::value).toList(),
          p.active());
    }
  }

  /**
   * @param name in the language of the request's Accept-Language (en, fr, it; English otherwise)
   */
  record AppointmentTypeView(
      UUID id,
      String code,
      String name,
      LocalizedText names,
      long durationMinutes,
      long bufferBeforeMinutes,
      long bufferAfterMinutes,
      long slotStepMinutes,
      long minimumNoticeMinutes,
      int maxDaysAhead,
      VisitMode mode,
      boolean newPatientsOnly,
      @Nullable String requiredRoomKind,
      @Nullable Integer dailyCapPerProvider,
      @Nullable String billingCode,
      LocalizedText preparation,
      List<UUID> providerIds,
      boolean active) {
    static AppointmentTypeView of(AppointmentType t, Locale locale) {
      return new AppointmentTypeView(
          t.id().value(),
          t.code(),
          t.name().in(locale),
          t.name(),
          t.duration().toMinutes(),
          t.bufferBefore().toMinutes(),
          t.bufferAfter().toMinutes(),
          t.slotStep().toMinutes(),
          t.minimumNotice().toMinutes(),
          t.maxDaysAhead(),
          t.mode(),
          t.newPatientsOnly(),
          t.requiredRoomKind(),
          t.dailyCapPerProvider(),
          t.billingCode(),
          t.preparation(),
          t.providers().stream().map(ProviderId::value).toList(),
          t.active());
    }
  }

  record WeeklyHoursView(
      UUID id,
      UUID locationId,
      DayOfWeek day,
      LocalTime starts,
      LocalTime ends,
      @Nullable LocalDate validFrom,
      @Nullable LocalDate validUntil) {
    static WeeklyHoursView of(WeeklyHours h) {
      return new WeeklyHoursView(
          h.id(),
          h.location().value(),
          h.window().day(),
          h.window().starts(),
          h.window().ends(),
          h.validFrom(),
          h.validUntil());
    }
  }

  /**
   * @param working false when the provider does not work at all that day
   */
  record DayOverrideView(LocalDate date, boolean working, List<HoursView> hours) {
    record HoursView(UUID locationId, LocalTime starts, LocalTime ends) {}

    static DayOverrideView of(DayOverride o) {
      return new DayOverrideView(
          o.date(),
          !o.hours().isEmpty(),
          o.hours().stream()
              .map(h -> new HoursView(h.location().value(), h.starts(), h.ends()))
              .toList());
    }
  }

  record TimeOffView(UUID id, OffsetDateTime start, OffsetDateTime end, String reason) {
    static TimeOffView of(TimeOff t, java.time.ZoneId zone) {
      return new TimeOffView(
          t.id(),
          t.start().atZone(zone).toOffsetDateTime(),
          t.end().atZone(zone).toOffsetDateTime(),
          t.reason());
    }
  }

  record BookingRuleView(
      UUID id,
      String description,
      @Nullable UUID providerId,
      @Nullable UUID appointmentTypeId,
      @Nullable PatientCategory patientCategory,
      List<TimeWindow> windows) {
    static BookingRuleView of(BookingRule r) {
      return new BookingRuleView(
          r.id().value(),
          r.description(),
          r.provider() == null ? null : r.provider().value(),
          r.appointmentType() == null ? null : r.appointmentType().value(),
          r.patientCategory(),
          r.windows());
    }
  }
}
