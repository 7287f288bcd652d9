package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The times a date search parameter ({@code start=ge2027-04-19&start=lt2027-04-26}) or {@code
 * $find}'s start and end accept. A date without a time is a day in the calendar of the location
 * each slot or appointment is at, as {@code /api/v1/slots}' {@code from} and {@code to} are: the
 * same days give the same slots. A date-time with its offset is that instant; without one, it is
 * read in the location's zone.
 */
final class SearchPeriod {

  /** A bound: a calendar period [from, until), or an instant, compared by {@code prefix}. */
  record Bound(
      ParamPrefixEnum prefix,
      @Nullable LocalDate from,
      @Nullable LocalDate until,
      @Nullable LocalDateTime local,
      @Nullable Instant at) {

    Instant start(ZoneId zone) {
      if (at != null) {
        return at;
      }
      return local != null ? local.atZone(zone).toInstant() : from.atStartOfDay(zone).toInstant();
    }

    /** Where the period ends: its last day's end, or the instant itself. */
    Instant end(ZoneId zone) {
      return until != null ? until.atStartOfDay(zone).toInstant() : start(zone);
    }

    boolean isDate() {
      return from != null;
    }

    boolean accepts(Instant t, ZoneId zone) {
      return switch (prefix) {
        case GREATERTHAN_OR_EQUALS -> !t.isBefore(start(zone));
        case GREATERTHAN, STARTS_AFTER ->
            isDate() ? !t.isBefore(end(zone)) : t.isAfter(start(zone));
        case LESSTHAN, ENDS_BEFORE -> t.isBefore(start(zone));
        case LESSTHAN_OR_EQUALS -> isDate() ? t.isBefore(end(zone)) : !t.isAfter(start(zone));
        default ->
            isDate() ? !t.isBefore(start(zone)) && t.isBefore(end(zone)) : t.equals(start(zone));
      };
    }

    boolean isLower() {
      return switch (prefix) {
        case GREATERTHAN_OR_EQUALS, GREATERTHAN, STARTS_AFTER, EQUAL -> true;
        default -> false;
      };
    }

    boolean isUpper() {
      return switch (prefix) {
        case LESSTHAN, LESSTHAN_OR_EQUALS, ENDS_BEFORE, EQUAL -> true;
        default -> false;
      };
    }

    /** The first calendar day, in {@code zone}, that a time accepted as a lower bound is on. */
    LocalDate firstDay(ZoneId zone) {
      if (isDate()) {
        return prefix == ParamPrefixEnum.GREATERTHAN || prefix == ParamPrefixEnum.STARTS_AFTER
            ? until
            : from;
      }
      return start(zone).atZone(zone).toLocalDate();
    }

    /** The last calendar day, in {@code zone}, that a time accepted as an upper bound is on. */
    LocalDate lastDay(ZoneId zone) {
      if (isDate()) {
        return prefix == ParamPrefixEnum.LESSTHAN || prefix == ParamPrefixEnum.ENDS_BEFORE
            ? from.minusDays(1)
            : until.minusDays(1);
      }
      return start(zone).atZone(zone).toLocalDate();
    }

    static Bound parse(String parameter, @Nullable ParamPrefixEnum prefix, String value) {
      ParamPrefixEnum comparison = prefix == null ? ParamPrefixEnum.EQUAL : prefix;
      if (comparison == ParamPrefixEnum.NOT_EQUAL || comparison == ParamPrefixEnum.APPROXIMATE) {
        throw new InvalidRequestException(
            "%s: the prefixes ne and ap are not supported; use ge, gt, le, lt or eq."
                .formatted(parameter));
      }
      String text = value.strip();
      try {
        if (text.matches("\\d{4}")) {
          LocalDate year = LocalDate.of(Integer.parseInt(text), 1, 1);
          return new Bound(comparison, year, year.plusYears(1), null, null);
        }
        if (text.matches("\\d{4}-\\d{2}")) {
          YearMonth month = YearMonth.parse(text);
          return new Bound(comparison, month.atDay(1), month.plusMonths(1).atDay(1), null, null);
        }
        if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
          LocalDate day = LocalDate.parse(text);
          return new Bound(comparison, day, day.plusDays(1), null, null);
        }
        if (text.matches(".*(Z|[+-]\\d{2}:\\d{2})$")) {
          return new Bound(comparison, null, null, null, OffsetDateTime.parse(text).toInstant());
        }
        return new Bound(comparison, null, null, LocalDateTime.parse(text), null);
      } catch (java.time.DateTimeException e) {
        throw new InvalidRequestException(
            "%s: \"%s\" is not a FHIR date or dateTime (2027-04-19, or 2027-04-19T09:30:00+02:00)."
                .formatted(parameter, value));
      }
    }
  }

  private final List<Bound> bounds;

  private SearchPeriod(List<Bound> bounds) {
    this.bounds = List.copyOf(bounds);
  }

  static SearchPeriod of(String parameter, @Nullable DateRangeParam range) {
    List<Bound> bounds = new ArrayList<>();
    if (range != null) {
      DateParam lower = range.getLowerBound();
      DateParam upper = range.getUpperBound();
      if (lower != null && !lower.isEmpty()) {
        bounds.add(Bound.parse(parameter, lower.getPrefix(), lower.getValueAsString()));
      }
      // A single "eq" value is both bounds: one is enough.
      if (upper != null && !upper.isEmpty() && upper != lower) {
        bounds.add(Bound.parse(parameter, upper.getPrefix(), upper.getValueAsString()));
      }
    }
    return new SearchPeriod(bounds);
  }

  /** $find's start and end: from the start on, up to the end (a date's whole day included). */
  static SearchPeriod between(@Nullable String start, @Nullable String end) {
    List<Bound> bounds = new ArrayList<>();
    if (start != null && !start.isBlank()) {
      bounds.add(Bound.parse("start", ParamPrefixEnum.GREATERTHAN_OR_EQUALS, start));
    }
    if (end != null && !end.isBlank()) {
      Bound parsed = Bound.parse("end", ParamPrefixEnum.LESSTHAN, end);
      bounds.add(
          parsed.isDate() ? Bound.parse("end", ParamPrefixEnum.LESSTHAN_OR_EQUALS, end) : parsed);
    }
    return new SearchPeriod(bounds);
  }

  boolean accepts(Instant t, ZoneId zone) {
    return bounds.stream().allMatch(b -> b.accepts(t, zone));
  }

  /** Whether every bound is a whole day (or month, or year): days then say it all. */
  boolean inWholeDays() {
    return bounds.stream().allMatch(Bound::isDate);
  }

  /*
   * With several zones a bound falls on different days and instants: each bound is taken at its
   * widest over the zones (a slot in any zone may be in), then the bounds narrow each other.
   */

  /** The first day to search; today when no bound says, never before today. */
  LocalDate firstDay(Collection<ZoneId> zones, LocalDate today) {
    return bounds.stream()
        .filter(Bound::isLower)
        .map(b -> zones.stream().map(b::firstDay).min(Comparator.naturalOrder()).orElseThrow())
        .max(Comparator.naturalOrder())
        .filter(day -> day.isAfter(today))
        .orElse(today);
  }

  /** The last day to search; {@code days} from the first when no bound says. */
  LocalDate lastDay(Collection<ZoneId> zones, LocalDate first, int days) {
    return bounds.stream()
        .filter(Bound::isUpper)
        .map(b -> zones.stream().map(b::lastDay).max(Comparator.naturalOrder()).orElseThrow())
        .min(Comparator.naturalOrder())
        .orElse(first.plusDays(days - 1L));
  }

  /** The earliest instant the bounds admit; {@code otherwise} when none says. */
  Instant from(Collection<ZoneId> zones, Instant otherwise) {
    return bounds.stream()
        .filter(Bound::isLower)
        .map(b -> zones.stream().map(b::start).min(Comparator.naturalOrder()).orElseThrow())
        .max(Comparator.naturalOrder())
        .orElse(otherwise);
  }

  /** The instant before which everything the bounds admit lies; {@code otherwise} if none says. */
  Instant to(Collection<ZoneId> zones, Instant otherwise) {
    return bounds.stream()
        .filter(Bound::isUpper)
        .map(
            b ->
                zones.stream()
                    .map(z -> b.isDate() ? b.end(z) : b.start(z).plusSeconds(1))
                    .max(Comparator.naturalOrder())
                    .orElseThrow())
        .min(Comparator.naturalOrder())
        .orElse(otherwise);
  }
}
