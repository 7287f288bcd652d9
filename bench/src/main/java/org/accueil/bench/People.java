package org.accueil.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.accueil.patients.ContactPoint;
import org.accueil.patients.Identifier;
import org.accueil.patients.PhoneNumbers;
import org.accueil.patients.PostalAddress;
import org.accueil.patients.Sex;
import org.accueil.patients.internal.PatientRepository;
import org.accueil.patients.matching.CodiceFiscale;
import org.accueil.patients.matching.InsNumber;
import org.accueil.patients.matching.NameKeys;
import org.accueil.platform.Ids;
import org.accueil.platform.PersonNames;
import org.jspecify.annotations.Nullable;

/**
 * The people of a practice's register, by household, as a French, Italian or English practice in
 * Paris sees them: 55% French, 25% Italian, 20% English speakers by name; ages 0 to 95; singles,
 * couples (married women under their spouse's name, with their name at birth for French and English
 * ones), families whose young children are reached on a parent's phone; mobiles for most adults, a
 * household landline for some, e-mail addresses for about 60% of adults, an MRN for everyone, an
 * INS for about half of the French and a codice fiscale for a third of the Italians, some work
 * numbers and second addresses, WhatsApp and SMS identities; a few provisional records from
 * bookings and conversations, merge tombstones and erased records. Deterministic for a seed and a
 * day, apart from the record ids (UUIDv7, as the application makes them).
 *
 * <p>Every value is in the form the application stores it: names composed (NFC) and trimmed, phones
 * in E.164 and valid for libphonenumber, e-mails in lower case, identifiers normalised and checked
 * (INS key, codice fiscale check letter).
 */
final class People {

  /** A telecom row: {@code system} phone or email, the value, its use. */
  record Telecom(String system, String value, String use) {}

  /** A channel identity row. */
  record ChannelAddress(
      Channel channel, String address, String verification, @Nullable Instant verifiedAt) {}

  /** One record of the registry, and the truth behind it. */
  record Person(
      UUID id,
      String language,
      String status,
      String origin,
      @Nullable String given,
      @Nullable String family,
      @Nullable String birthFamily,
      @Nullable LocalDate birth,
      @Nullable Sex sex,
      char trueSex,
      @Nullable String phone,
      @Nullable String email,
      @Nullable PostalAddress address,
      @Nullable String preferredLanguage,
      @Nullable String preferredChannel,
      @Nullable UUID mergedInto,
      @Nullable Instant erasedAt,
      Instant createdAt,
      List<Identifier> identifiers,
      List<Telecom> telecoms,
      List<ChannelAddress> channels) {

    /** A record matching can find: neither merged nor erased, with names and a birth date. */
    boolean findable() {
      return erasedAt == null && mergedInto == null && given != null;
    }

    @Nullable String identifier(String system) {
      return identifiers.stream()
          .filter(i -> i.system().equals(system))
          .map(Identifier::value)
          .findFirst()
          .orElse(null);
    }
  }

  private static final String[] LANGUAGES = {Names.FR, Names.IT, Names.EN};
  private static final double[] LANGUAGE_SHARES = {0.55, 0.25, 0.20};

  private final Names names;
  private final Random random;
  private final LocalDate today;
  private final Set<String> phones = new HashSet<>();
  private final Set<String> emails = new HashSet<>();
  private final Set<String> nationalIds = new HashSet<>();
  private int mrn;

  People(Names names, long seed, LocalDate today) {
    this.names = names;
    this.random = new Random(seed);
    this.today = today;
  }

  /** Numbers already in use elsewhere (another generator's), never given again. */
  void reserve(String phone) {
    phones.add(phone);
  }

  // ------------------------------------------------------------------------------ registry

  /**
   * {@code count} records: households, and among them 0.3% merge tombstones, 0.1% erased records
   * and 0.3% provisional records of someone who wrote from an unknown number and gave no name.
   */
  List<Person> registry(int count) {
    List<Person> people = new ArrayList<>(count + 8);
    while (people.size() < count) {
      double roll = random.nextDouble();
      if (roll < 0.003 && !people.isEmpty()) {
        Person survivor = people.get(random.nextInt(people.size()));
        if (survivor.findable()) {
          people.add(tombstone(survivor));
        }
      } else if (roll < 0.004) {
        people.add(erased());
      } else if (roll < 0.007) {
        people.add(unknownWriter());
      } else {
        people.addAll(household());
      }
    }
    return new ArrayList<>(people.subList(0, count));
  }

  /** One household: a single adult, a couple, or a family with children. */
  List<Person> household() {
    String language = pick(LANGUAGES, LANGUAGE_SHARES);
    String family = names.family(language, random);
    double kind = random.nextDouble();
    boolean partner = kind >= 0.30 && kind < 0.90;
    boolean children = kind >= 0.60;
    char headSex = random.nextBoolean() ? 'm' : 'f';
    if (children && !partner) {
      headSex = random.nextDouble() < 0.8 ? 'f' : 'm';
    }
    // Parents are drawn again, not clamped: a clamp would pile a generation on one birth year.
    int headAge = adultAge();
    while (children && (headAge < 22 || headAge > (partner ? 62 : 55))) {
      headAge = adultAge();
    }
    PostalAddress address = address(language);
    String landline = random.nextDouble() < (headAge >= 70 ? 0.45 : 0.12) ? landline() : null;
    List<Member> members = new ArrayList<>();
    members.add(new Member(headSex, headAge, language, family, null));
    if (partner) {
      String partnerLanguage =
          random.nextDouble() < 0.06 ? pick(LANGUAGES, LANGUAGE_SHARES) : language;
      int partnerAge = clamp(headAge + (int) Math.round(random.nextGaussian() * 4), 18, 95);
      char partnerSex = random.nextDouble() < 0.04 ? headSex : (headSex == 'm' ? 'f' : 'm');
      String partnerFamily = names.family(partnerLanguage, random);
      Member other;
      boolean married = random.nextDouble() < 0.7;
      if (married && partnerSex == 'f' && headSex == 'm') {
        other = marriedWoman(partnerLanguage, partnerAge, family, partnerFamily);
      } else if (married && headSex == 'f' && partnerSex == 'm') {
        other = new Member('m', partnerAge, partnerLanguage, partnerFamily, null);
        Member wife = marriedWoman(language, headAge, partnerFamily, family);
        members.set(0, wife);
        family = partnerFamily;
      } else {
        other = new Member(partnerSex, partnerAge, partnerLanguage, partnerFamily, null);
      }
      members.add(other);
    }
    if (children) {
      int count = 1 + (random.nextDouble() < 0.45 ? 0 : random.nextDouble() < 0.7 ? 1 : 2);
      int youngestParent = members.stream().mapToInt(m -> m.age).min().orElse(headAge);
      for (int i = 0; i < count; i++) {
        int oldest = Math.min(25, youngestParent - 20);
        int youngest = Math.max(0, youngestParent - 45);
        if (oldest < youngest) {
          break;
        }
        int age = youngest + random.nextInt(oldest - youngest + 1);
        String childFamily = family;
        if (language.equals(Names.FR) && partner && random.nextDouble() < 0.04) {
          childFamily = family + "-" + names.family(language, random);
        }
        members.add(new Member(random.nextBoolean() ? 'm' : 'f', age, language, childFamily, null));
      }
    }
    return people(members, address, landline);
  }

  /** Someone not in the registry, as a new patient presents: names, birth date, a number. */
  Person newcomer() {
    List<Person> household = household();
    return household.get(random.nextInt(household.size()));
  }

  /**
   * A child new to the practice, of the household of {@code parent} (an adult with a phone): their
   * family name, reached on their number.
   */
  Person childOf(Person parent) {
    char sex = random.nextBoolean() ? 'm' : 'f';
    int age = random.nextInt(8);
    LocalDate birth = birthDate(age);
    String given = names.given(parent.language(), sex, birth.getYear(), random);
    return person(
        parent.language(),
        given,
        parent.family(),
        null,
        birth,
        sex,
        parent.phone(),
        null,
        parent.address());
  }

  /** A mobile number nobody in the registry has. */
  String freshMobile(String language) {
    return mobile(language);
  }

  /** A person with the names of {@code language} but the given birth date and number (History). */
  Person named(UUID id, String phone, LocalDate birth) {
    String language = pick(LANGUAGES, LANGUAGE_SHARES);
    char sex = random.nextBoolean() ? 'm' : 'f';
    String given = PersonNames.normalized(names.given(language, sex, birth.getYear(), random));
    String family = PersonNames.normalized(names.family(language, random));
    return new Person(
        id,
        language,
        "active",
        "staff",
        given,
        family,
        null,
        birth,
        null,
        sex,
        phone,
        null,
        null,
        null,
        null,
        null,
        null,
        today.minusDays(random.nextInt(3_000)).atStartOfDay(ZoneOffset.UTC).toInstant(),
        List.of(),
        List.of(),
        List.of());
  }

  /** A given name someone registered under {@code given} also goes by; null when none is known. */
  @Nullable String nickname(String given) {
    List<String> forms = names.formsOf(given);
    return forms.isEmpty() ? null : forms.get(random.nextInt(forms.size()));
  }

  // ------------------------------------------------------------------------------ members

  private record Member(
      char sex, int age, String language, String family, @Nullable String birthFamily) {}

  /**
   * A wife under her husband's name: French and English registers keep her name at birth (nom de
   * naissance, maiden name); Italian women keep their own name, which is the one registered.
   */
  private Member marriedWoman(String language, int age, String husbands, String own) {
    return switch (language) {
      case Names.IT ->
          random.nextDouble() < 0.1
              ? new Member('f', age, language, husbands, own)
              : new Member('f', age, language, own, null);
      case Names.FR ->
          random.nextDouble() < 0.85
              ? new Member('f', age, language, husbands, own)
              : new Member('f', age, language, husbands, null);
      default ->
          random.nextDouble() < 0.5
              ? new Member('f', age, language, husbands, own)
              : new Member('f', age, language, husbands, null);
    };
  }

  private List<Person> people(
      List<Member> members, PostalAddress address, @Nullable String landline) {
    List<Person> out = new ArrayList<>(members.size());
    String parentPhone = null;
    String sharedEmail = null;
    for (Member m : members) {
      LocalDate birth = birthDate(m.age);
      String given = names.given(m.language, m.sex, birth.getYear(), random);
      String phone = null;
      if (m.age >= 18) {
        double mobile = m.age < 70 ? 0.86 : m.age < 85 ? 0.7 : 0.45;
        if (random.nextDouble() < mobile) {
          phone = mobile(m.language);
        } else if (landline != null) {
          phone = landline;
        } else if (parentPhone != null && random.nextDouble() < 0.5) {
          phone = parentPhone; // a couple on one number
        }
      } else if (m.age >= 15 && random.nextDouble() < 0.6) {
        phone = mobile(m.language);
      } else if (parentPhone != null && random.nextDouble() < 0.85) {
        phone = parentPhone; // a child is reached on a parent's phone
      } else if (landline != null) {
        phone = landline;
      }
      if (parentPhone == null && phone != null && m.age >= 18) {
        parentPhone = phone;
      }
      String email = null;
      if (m.age >= 18) {
        double share = m.age < 30 ? 0.7 : m.age < 60 ? 0.64 : m.age < 75 ? 0.45 : 0.2;
        if (sharedEmail != null && random.nextDouble() < 0.05) {
          email = sharedEmail;
        } else if (random.nextDouble() < share) {
          email = email(m.language, given, m.family, birth);
          sharedEmail = sharedEmail == null ? email : sharedEmail;
        }
      }
      Person p =
          person(m.language, given, m.family, m.birthFamily, birth, m.sex, phone, email, address);
      if (landline != null && phone != null && !phone.equals(landline) && m.age >= 18) {
        if (random.nextDouble() < 0.5) {
          p.telecoms().add(new Telecom(ContactPoint.PHONE, landline, "home"));
        }
      }
      out.add(p);
    }
    return out;
  }

  private Person person(
      String language,
      String givenName,
      String familyName,
      @Nullable String birthFamilyName,
      LocalDate birth,
      char sex,
      @Nullable String phone,
      @Nullable String email,
      @Nullable PostalAddress address) {
    String given = PersonNames.normalized(givenName);
    String family = PersonNames.normalized(familyName);
    String birthFamily = birthFamilyName == null ? null : PersonNames.normalized(birthFamilyName);
    double originRoll = random.nextDouble();
    String origin = originRoll < 0.80 ? "staff" : originRoll < 0.95 ? "booking" : "import";
    String status =
        origin.equals("booking") && random.nextDouble() < 0.3 ? "provisional" : "active";
    Instant created = createdAt(birth);
    List<Identifier> identifiers = new ArrayList<>();
    identifiers.add(
        new Identifier(
            Identifier.MRN,
            String.format(
                Locale.ROOT, "%d-%06d", created.atOffset(ZoneOffset.UTC).getYear(), ++mrn)));
    boolean bornInFrance = language.equals(Names.FR) && random.nextDouble() < 0.9;
    if (random.nextDouble() < (language.equals(Names.FR) ? 0.55 : 0.2)) {
      identifiers.add(new Identifier(Identifier.INS, ins(sex, birth, bornInFrance, language)));
    }
    if (language.equals(Names.IT) && random.nextDouble() < 0.35) {
      identifiers.add(
          new Identifier(Identifier.CODICE_FISCALE, codiceFiscale(given, family, birth, sex)));
    }
    List<Telecom> telecoms = new ArrayList<>();
    List<ChannelAddress> channels = new ArrayList<>();
    boolean adult = !birth.isAfter(today.minusYears(18));
    if (adult && phone != null && random.nextDouble() < 0.08) {
      telecoms.add(new Telecom(ContactPoint.PHONE, mobile(language), "work"));
    }
    if (email != null && random.nextDouble() < 0.05) {
      String second = secondEmail(email, language);
      if (second != null) {
        telecoms.add(new Telecom(ContactPoint.EMAIL, second, "work"));
      }
    }
    if (adult && phone != null && isMobile(phone)) {
      if (random.nextDouble() < 0.3) {
        channels.add(channel(Channel.WHATSAPP, phone, created));
      }
      if (random.nextDouble() < 0.1) {
        channels.add(channel(Channel.SMS, phone, created));
      }
    }
    if (email != null && random.nextDouble() < 0.03) {
      channels.add(channel(Channel.EMAIL, email, created));
    }
    if (adult && random.nextDouble() < 0.01) {
      channels.add(
          channel(
              Channel.WEBCHAT,
              new UUID(random.nextLong(), random.nextLong()).toString().replace("-", ""),
              created));
    }
    double channelRoll = random.nextDouble();
    String preferredChannel =
        channelRoll < 0.14
            ? "sms"
            : channelRoll < 0.23
                ? "whatsapp"
                : channelRoll < 0.30 && email != null
                    ? "email"
                    : channelRoll < 0.35 ? "phone" : null;
    return new Person(
        Ids.newId(),
        language,
        status,
        origin,
        given,
        family,
        birthFamily,
        birth,
        random.nextDouble() < 0.85 ? (sex == 'm' ? Sex.MALE : Sex.FEMALE) : null,
        sex,
        phone,
        email,
        random.nextDouble() < 0.92 ? address : null,
        random.nextDouble() < 0.5 ? language : null,
        preferredChannel,
        null,
        null,
        created,
        identifiers,
        telecoms,
        channels);
  }

  private ChannelAddress channel(Channel channel, String address, Instant created) {
    double roll = random.nextDouble();
    Instant verified = created.plusSeconds(random.nextInt(86_400 * 30));
    return roll < 0.6
        ? new ChannelAddress(channel, address, "unverified", null)
        : roll < 0.75
            ? new ChannelAddress(channel, address, "birth-date", verified)
            : new ChannelAddress(channel, address, "staff", verified);
  }

  /** A record merged into {@code survivor}: the same person registered twice, now a tombstone. */
  private Person tombstone(Person survivor) {
    String given =
        random.nextBoolean() ? survivor.given() : Variations.typo(survivor.given(), random);
    return new Person(
        Ids.newId(),
        survivor.language(),
        "merged",
        "booking",
        given,
        survivor.family(),
        survivor.birthFamily(),
        survivor.birth(),
        survivor.sex(),
        survivor.trueSex(),
        random.nextBoolean() ? survivor.phone() : null,
        null,
        null,
        null,
        null,
        survivor.id(),
        null,
        survivor.createdAt().plusSeconds(86_400L * random.nextInt(300)),
        List.of(),
        List.of(),
        List.of());
  }

  /** A record erased on request: placeholders, the birth year, nothing else. */
  private Person erased() {
    int age = adultAge();
    int year = Math.max(today.getYear() - age, today.getYear() - 90);
    Instant created = createdAt(today.minusYears(age));
    return new Person(
        Ids.newId(),
        Names.FR,
        "active",
        "staff",
        PatientRepository.ERASED_NAME,
        PatientRepository.ERASED_NAME,
        null,
        LocalDate.of(year, 1, 1),
        null,
        'f',
        null,
        null,
        null,
        null,
        null,
        null,
        created.plusSeconds(86_400L * random.nextInt(300)),
        created,
        List.of(),
        List.of(),
        List.of());
  }

  /** Someone who wrote on WhatsApp from a number the practice did not know, and said no more. */
  private Person unknownWriter() {
    String language = pick(LANGUAGES, LANGUAGE_SHARES);
    String phone = mobile(language);
    Instant created = today.minusDays(random.nextInt(400)).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<ChannelAddress> channels = new ArrayList<>();
    channels.add(new ChannelAddress(Channel.WHATSAPP, phone, "unverified", null));
    return new Person(
        Ids.newId(),
        language,
        "provisional",
        "conversation",
        null,
        null,
        null,
        null,
        null,
        'f',
        phone,
        null,
        null,
        null,
        null,
        null,
        null,
        created,
        List.of(),
        List.of(),
        channels);
  }

  // ------------------------------------------------------------------------------ values

  /** 18 to 95, as a practice's adult patients are spread. */
  private int adultAge() {
    int[] from = {18, 30, 40, 50, 60, 70, 80, 90};
    int[] to = {29, 39, 49, 59, 69, 79, 89, 95};
    double[] weights = {16, 17, 17, 17, 15, 11, 6, 1.5};
    int band = pickIndex(weights);
    return from[band] + random.nextInt(to[band] - from[band] + 1);
  }

  private LocalDate birthDate(int age) {
    return today.minusYears(age).minusDays(1 + random.nextInt(364));
  }

  private Instant createdAt(LocalDate birth) {
    LocalDate first = birth.isAfter(today.minusYears(12)) ? birth : today.minusYears(12);
    long days = Math.max(1, today.toEpochDay() - first.toEpochDay());
    return first
        .plusDays(random.nextLong(days))
        .atTime(8 + random.nextInt(11), random.nextInt(60))
        .toInstant(ZoneOffset.UTC);
  }

  private static boolean isMobile(String phone) {
    return phone.startsWith("+336")
        || phone.startsWith("+337")
        || phone.startsWith("+393")
        || phone.startsWith("+447");
  }

  /**
   * A mobile number of the person's country; Italian and English speakers in Paris have a French
   * number two times in five.
   */
  private String mobile(String language) {
    String country = language.equals(Names.FR) || random.nextDouble() < 0.4 ? Names.FR : language;
    while (true) {
      String number =
          switch (country) {
            case Names.FR ->
                random.nextDouble() < 0.85
                    ? "+336" + (1 + random.nextInt(9)) + digits(7)
                    : "+337" + (3 + random.nextInt(7)) + digits(7);
            case Names.IT -> "+393" + (2 + random.nextInt(8)) + digits(8);
            default -> "+447" + (4 + random.nextInt(6)) + digits(8);
          };
      if (valid(number) && phones.add(number)) {
        return number;
      }
    }
  }

  private String landline() {
    while (true) {
      String number = "+331" + (4 + random.nextInt(2)) + digits(7);
      if (valid(number) && phones.add(number)) {
        return number;
      }
    }
  }

  private static boolean valid(String e164) {
    return PhoneNumbers.toE164(e164, "FR").filter(e164::equals).isPresent();
  }

  private String digits(int count) {
    StringBuilder s = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      s.append((char) ('0' + random.nextInt(10)));
    }
    return s.toString();
  }

  private static final String[] DOMAINS_FR = {
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "orange.fr",
    "orange.fr",
    "hotmail.fr",
    "free.fr",
    "sfr.fr",
    "yahoo.fr",
    "laposte.net",
    "wanadoo.fr",
    "outlook.fr",
    "icloud.com"
  };
  private static final String[] DOMAINS_IT = {
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "libero.it",
    "libero.it",
    "hotmail.it",
    "yahoo.it",
    "alice.it",
    "virgilio.it",
    "tiscali.it",
    "outlook.it",
    "icloud.com"
  };
  private static final String[] DOMAINS_EN = {
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "hotmail.co.uk",
    "yahoo.co.uk",
    "outlook.com",
    "btinternet.com",
    "icloud.com",
    "sky.com",
    "live.co.uk",
    "aol.com"
  };

  private String email(String language, String given, String family, LocalDate birth) {
    String g = NameKeys.key(given).replace(' ', '-');
    String f = NameKeys.compact(NameKeys.key(family));
    String local =
        switch (random.nextInt(7)) {
          case 0, 1 -> g + "." + f;
          case 2 -> g.replace("-", "") + f;
          case 3 -> g.charAt(0) + "." + f;
          case 4 -> g + "." + f + String.format(Locale.ROOT, "%02d", birth.getYear() % 100);
          case 5 -> f + "." + g;
          default -> g.replace("-", "") + "_" + f + random.nextInt(100);
        };
    String[] domains =
        switch (language) {
          case Names.FR -> DOMAINS_FR;
          case Names.IT -> DOMAINS_IT;
          default -> DOMAINS_EN;
        };
    String domain = domains[random.nextInt(domains.length)];
    String email = local + "@" + domain;
    for (int n = 2; !emails.add(email); n++) {
      email = local + n + "@" + domain;
    }
    return email;
  }

  private @Nullable String secondEmail(String email, String language) {
    String local = email.substring(0, email.indexOf('@'));
    String[] domains = language.equals(Names.IT) ? DOMAINS_IT : DOMAINS_FR;
    String other = local + "@" + domains[random.nextInt(domains.length)];
    return emails.add(other) ? other : null;
  }

  private static final String[] STREETS_FR = {
    "rue de la République",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "boulevard Voltaire",
    "rue de la Paix",
    "rue des Écoles",
    "avenue de la Gare",
    "rue Pasteur",
    "rue du Moulin",
    "place de l'Église",
    "rue Lafayette",
    "avenue Foch"
  };

  private PostalAddress address(String language) {
    double roll = random.nextDouble();
    if (roll < 0.85 || language.equals(Names.FR)) {
      int arrondissement = 1 + random.nextInt(20);
      boolean paris = random.nextDouble() < 0.6;
      return new PostalAddress(
          (1 + random.nextInt(150)) + " " + STREETS_FR[random.nextInt(STREETS_FR.length)],
          paris
              ? String.format(Locale.ROOT, "750%02d", arrondissement)
              : (92 + random.nextInt(3)) + String.format(Locale.ROOT, "%03d", random.nextInt(999)),
          paris ? "Paris" : "Boulogne-Billancourt",
          "FR");
    }
    if (language.equals(Names.IT)) {
      return new PostalAddress(
          "Via Roma " + (1 + random.nextInt(200)),
          "201" + String.format(Locale.ROOT, "%02d", random.nextInt(60)),
          "Milano",
          "IT");
    }
    return new PostalAddress(
        (1 + random.nextInt(200)) + " Kings Road",
        "SW3 " + (1 + random.nextInt(9)) + "AB",
        "London",
        "GB");
  }

  /**
   * A valid INS: sex, year and month of birth, department (99 abroad: Italy 127, the United Kingdom
   * 132), commune, order, and the key.
   */
  private String ins(char sex, LocalDate birth, boolean bornInFrance, String language) {
    while (true) {
      String place;
      if (bornInFrance) {
        int department = 1 + random.nextInt(95);
        String code =
            department == 20
                ? (random.nextBoolean() ? "2A" : "2B")
                : String.format(Locale.ROOT, "%02d", department);
        place = code + String.format(Locale.ROOT, "%03d", 1 + random.nextInt(900));
      } else {
        place = "99" + (language.equals(Names.IT) ? "127" : "132");
      }
      String first13 =
          (sex == 'm' ? "1" : "2")
              + String.format(
                  Locale.ROOT,
                  "%02d%02d%s%03d",
                  birth.getYear() % 100,
                  birth.getMonthValue(),
                  place,
                  1 + random.nextInt(999));
      String digits = first13.replace("2A", "19").replace("2B", "18");
      String ins =
          first13 + String.format(Locale.ROOT, "%02d", 97 - (int) (Long.parseLong(digits) % 97));
      if (!InsNumber.isValid(ins)) {
        throw new IllegalStateException("Generated an invalid INS");
      }
      if (nationalIds.add(ins)) {
        return ins;
      }
    }
  }

  private static final String[] BELFIORE = {
    "H501", "F205", "F839", "L219", "G273", "A944", "D612", "D969", "L736", "A662"
  };
  private static final String MONTHS = "ABCDEHLMPRST";

  /** A valid codice fiscale for the person: name codes, birth date and sex, a town, the check. */
  private String codiceFiscale(String given, String family, LocalDate birth, char sex) {
    String first15 =
        nameCode(family, false)
            + nameCode(given, true)
            + String.format(Locale.ROOT, "%02d", birth.getYear() % 100)
            + MONTHS.charAt(birth.getMonthValue() - 1)
            + String.format(Locale.ROOT, "%02d", birth.getDayOfMonth() + (sex == 'f' ? 40 : 0))
            + BELFIORE[random.nextInt(BELFIORE.length)];
    for (char check = 'A'; check <= 'Z'; check++) {
      String code = first15 + check;
      if (CodiceFiscale.isValid(code)) {
        nationalIds.add(code);
        return code;
      }
    }
    throw new IllegalStateException("No check letter for " + first15);
  }

  private static String nameCode(String name, boolean given) {
    String letters = NameKeys.compact(NameKeys.key(name)).toUpperCase(Locale.ROOT);
    StringBuilder consonants = new StringBuilder();
    StringBuilder vowels = new StringBuilder();
    for (char c : letters.toCharArray()) {
      if (c < 'A' || c > 'Z') {
        continue;
      }
      ("AEIOU".indexOf(c) >= 0 ? vowels : consonants).append(c);
    }
    if (given && consonants.length() >= 4) {
      return "" + consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
    }
    return (consonants.toString() + vowels + "XXX").substring(0, 3);
  }

  private <T> T pick(T[] values, double[] weights) {
    return values[pickIndex(weights)];
  }

  private int pickIndex(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double roll = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      roll -= weights[i];
      if (roll < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static int clamp(int value, int low, int high) {
    return Math.max(low, Math.min(high, value));
  }
}
