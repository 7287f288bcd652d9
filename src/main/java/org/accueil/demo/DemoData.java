package org.accueil.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.accueil.assistant.knowledge.KnowledgeEntries;
import org.accueil.channels.whatsapp.WhatsAppTemplates;
import org.accueil.patients.Channel;
import org.accueil.patients.ChannelIdentities;
import org.accueil.patients.Origin;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.patients.RelationshipKind;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.WeeklyHours;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.ImportAppointment;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.Source;
import org.accueil.scheduling.model.Slot;
import org.accueil.security.StaffAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo practice into an empty database before the web server opens, in one transaction:
 * two weeks of past visits (mostly fulfilled, some no-shows) and three weeks of bookings ahead, so
 * the calendar looks lived in, and one staff account per role ({@link DemoStaff}). A database that
 * already has providers is left alone, so restarting the demo keeps what was done in it.
 */
@Component
@ConditionalOnBooleanProperty("accueil.demo.enabled")
class DemoData implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  private static final int PAST_DAYS = 14;
  private static final int FUTURE_DAYS = 21;

  /** Share of a provider's day that is already booked. */
  private static final double OCCUPANCY = 0.45;

  private final PracticeDirectory directory;
  private final PracticeAdministration administration;
  private final Patients patients;
  private final Appointments appointments;
  private final Availability availability;
  private final TransactionTemplate transactions;
  private final StaffAccounts staff;
  private final ChannelIdentities channels;
  private final WhatsAppTemplates templates;
  private final Questionnaires questionnaires;
  private final KnowledgeEntries knowledge;
  private final Clock clock;

  DemoData(
      PracticeDirectory directory,
      PracticeAdministration administration,
      Patients patients,
      Appointments appointments,
      Availability availability,
      TransactionTemplate transactions,
      StaffAccounts staff,
      ChannelIdentities channels,
      WhatsAppTemplates templates,
      Questionnaires questionnaires,
      KnowledgeEntries knowledge,
      Clock clock) {
    this.templates = templates;
    this.questionnaires = questionnaires;
    this.knowledge = knowledge;
    this.staff = staff;
    this.channels = channels;
    this.directory = directory;
    this.administration = administration;
    this.patients = patients;
    this.appointments = appointments;
    this.availability = availability;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!directory.snapshot().providers().isEmpty()) {
      log.info("The practice is already configured; the demo data is not seeded again");
      addStaff();
      return;
    }
    long started = System.nanoTime();
    int[] counts =
        transactions.execute(
            status -> {
              ZoneId paris = ZoneId.of("Europe/Paris");
              LocalDate today = clock.instant().atZone(paris).toLocalDate();
              DemoPractice demo = DemoPractice.create(administration, today);
              List<Patient> people = registerPatients();
              Random random = new Random(today.toEpochDay());
              int past = seedPast(demo, people, today, random);
              int future = seedFuture(demo, people, today, random);
              return new int[] {people.size(), past, future};
            });
    log.info(
        "Seeded the demo practice {}: {} patients, {} past visits, {} upcoming appointments ({} ms)",
        DemoPractice.NAME,
        counts[0],
        counts[1],
        counts[2],
        (System.nanoTime() - started) / 1_000_000);
    addStaff();
  }

  private void addStaff() {
    int created = DemoStaff.ensure(staff, directory);
    if (created > 0) {
      log.info("Created {} demo staff accounts (see the start-up report to sign in)", created);
    }
    int templates = DemoTemplates.ensure(this.templates);
    if (templates > 0) {
      log.info("Added {} demo WhatsApp templates", templates);
    }
    int forms = DemoForms.ensure(questionnaires, directory);
    if (forms > 0) {
      log.info("Published {} demo questionnaires and the rules that send them", forms);
    }
    int entries = DemoKnowledge.ensure(knowledge);
    if (entries > 0) {
      log.info("Added {} entries to the demo assistant's knowledge base", entries);
    }
  }

  private List<Patient> registerPatients() {
    List<Patient> people = new ArrayList<>();
    for (int i = 0; i < DemoPeople.COUNT; i++) {
      PatientDetails details = DemoPeople.person(i);
      people.add(patients.register(details));
    }
    List<Patient> family = new ArrayList<>();
    DemoPeople.family().forEach(details -> family.add(patients.register(details)));
    for (Patient child : family.subList(1, family.size())) {
      patients.link(family.getFirst().id(), child.id(), RelationshipKind.PARENT);
    }
    channels.link(family.getFirst().id(), Channel.WHATSAPP, family.getFirst().phone(), true);
    people.addAll(family);
    // Booked on the web: provisional records in the review queue, the first a possible duplicate.
    DemoPeople.bookedOnline().forEach(details -> patients.registration(details, Origin.BOOKING));
    return people;
  }

  /** Past visits, imported as the practice's history: no booking rule looks backwards. */
  private int seedPast(DemoPractice demo, List<Patient> people, LocalDate today, Random random) {
    PracticeSnapshot snapshot = directory.snapshot();
    ZoneId zone = demo.location().zone();
    int count = 0;
    for (LocalDate day = today.minusDays(PAST_DAYS); day.isBefore(today); day = day.plusDays(1)) {
      if (snapshot.closure(demo.location().id(), day).isPresent()) {
        continue;
      }
      for (Provider provider : demo.providers()) {
        List<AppointmentType> offered = offeredBy(demo, provider);
        for (WeeklyHours hours : snapshot.weeklyHours(provider.id())) {
          if (hours.window().day() != day.getDayOfWeek()) {
            continue;
          }
          LocalTime time = hours.window().starts();
          while (time.isBefore(hours.window().ends())) {
            AppointmentType type = offered.get(random.nextInt(offered.size()));
            LocalTime end = time.plus(type.duration()).plus(type.bufferAfter());
            if (end.isAfter(hours.window().ends()) || end.isBefore(time)) {
              break;
            }
            if (random.nextDouble() < OCCUPANCY) {
              Instant start = day.atTime(time).atZone(zone).toInstant();
              var result =
                  appointments.importAppointment(
                      new ImportAppointment(
                          type.id(),
                          provider.id(),
                          demo.location().id(),
                          null,
                          people.get(random.nextInt(people.size())).id(),
                          start,
                          pastStatus(random),
                          random.nextBoolean() ? Source.STAFF : Source.WEB,
                          "demo"));
              if (result instanceof BookingResult.Success<?>) {
                count++;
              }
            }
            time = end;
          }
        }
      }
    }
    return count;
  }

  private static AppointmentStatus pastStatus(Random random) {
    double roll = random.nextDouble();
    if (roll < 0.08) {
      return AppointmentStatus.NOSHOW;
    }
    if (roll < 0.14) {
      return AppointmentStatus.CANCELLED;
    }
    return AppointmentStatus.FULFILLED;
  }

  /** Upcoming bookings, made the way a patient or the front desk makes them: rules apply. */
  private int seedFuture(DemoPractice demo, List<Patient> people, LocalDate today, Random random) {
    int count = 0;
    for (LocalDate day = today.plusDays(1);
        !day.isAfter(today.plusDays(FUTURE_DAYS));
        day = day.plusDays(1)) {
      for (Provider provider : demo.providers()) {
        for (AppointmentType type : offeredBy(demo, provider)) {
          boolean newPatient = type.newPatientsOnly();
          List<Slot> free =
              new ArrayList<>(
                  availability.freeSlots(
                      new SlotSearch(
                          type.id(),
                          day,
                          day,
                          Set.of(provider.id()),
                          null,
                          newPatient ? org.accueil.practice.PatientCategory.NEW : null,
                          1000)));
          Collections.shuffle(free, random);
          int wanted = (int) (free.size() * OCCUPANCY / offeredBy(demo, provider).size());
          for (Slot slot : free.subList(0, Math.min(wanted, free.size()))) {
            var result =
                appointments.book(
                    new BookAppointment(
                        null,
                        type.id(),
                        provider.id(),
                        slot.start(),
                        slot.location(),
                        people.get(random.nextInt(people.size())).id(),
                        null,
                        newPatient ? Boolean.TRUE : null,
                        random.nextBoolean() ? Source.WHATSAPP : Source.STAFF,
                        "demo"));
            if (result instanceof BookingResult.Success<?>) {
              count++;
            }
          }
        }
      }
    }
    return count;
  }

  private static List<AppointmentType> offeredBy(DemoPractice demo, Provider provider) {
    return demo.appointmentTypes().stream().filter(t -> t.offeredBy(provider.id())).toList();
  }
}
