package org.accueil.demo;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;

/** The eleven public holidays of metropolitan France (Code du travail, art. L3133-1). */
final class FrenchHolidays {

  record Holiday(LocalDate date, String name) {}

  private FrenchHolidays() {}

  static List<Holiday> of(int year) {
    LocalDate easter = easterSunday(year);
    return List.of(
        new Holiday(LocalDate.of(year, Month.JANUARY, 1), "Jour de l'an"),
        new Holiday(easter.plusDays(1), "Lundi de Pâques"),
        new Holiday(LocalDate.of(year, Month.MAY, 1), "Fête du Travail"),
        new Holiday(LocalDate.of(year, Month.MAY, 8), "Victoire 1945"),
        new Holiday(easter.plusDays(39), "Ascension"),
        new Holiday(easter.plusDays(50), "Lundi de Pentecôte"),
        new Holiday(LocalDate.of(year, Month.JULY, 14), "Fête nationale"),
        new Holiday(LocalDate.of(year, Month.AUGUST, 15), "Assomption"),
        new Holiday(LocalDate.of(year, Month.NOVEMBER, 1), "Toussaint"),
        new Holiday(LocalDate.of(year, Month.NOVEMBER, 11), "Armistice 1918"),
        new Holiday(LocalDate.of(year, Month.DECEMBER, 25), "Noël"));
  }

  /** Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" algorithm). */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }
}
