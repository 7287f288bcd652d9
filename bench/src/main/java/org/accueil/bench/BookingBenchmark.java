package org.accueil.bench;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.model.Slot;

/**
 * {@code POST /api/v1/appointments} from many concurrent clients, each a platform thread of the
 * benchmark's own pool sending one request at a time over its keep-alive connection.
 *
 * <ul>
 *   <li>Distinct slots: every client books its own free slots, none overlapping another's, so every
 *       booking should succeed; the rate is bookings per second.
 *   <li>Contended slots: rounds in which all clients start together (a barrier) on the same few
 *       slots, {@code clients / slotsPerRound} racers per slot; exactly one per slot should get 201
 *       and the others 409.
 * </ul>
 *
 * Every booking is for a patient given by details (a new registry record, as an online booking
 * makes), so no two bookings collide on the patient.
 */
final class BookingBenchmark {

  record Result(
      int clients,
      long requests,
      long booked,
      long refused,
      Map<Integer, Integer> statuses,
      double seconds,
      Latencies.Summary latency,
      Machine.Cpu cpu) {

    double requestsPerSecond() {
      return requests / seconds;
    }

    double bookingsPerSecond() {
      return booked / seconds;
    }
  }

  private final HttpApi api;
  private final AppointmentType type;
  private final List<Slot> pool;
  private int next;
  private final AtomicInteger patients = new AtomicInteger();

  /** Free, pairwise non-overlapping slots of {@code type} over the days [from, to]. */
  BookingBenchmark(
      Availability availability, HttpApi api, AppointmentType type, LocalDate from, LocalDate to) {
    this.api = api;
    this.type = type;
    List<Slot> free = new ArrayList<>();
    // A search returns at most 10,000 slots: ask a fortnight at a time.
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(14)) {
      LocalDate last = day.plusDays(13).isAfter(to) ? to : day.plusDays(13);
      free.addAll(
          availability.freeSlots(
              new SlotSearch(type.id(), day, last, Set.of(), null, null, 10_000)));
    }
    Map<ProviderId, List<Slot>> byProvider = new TreeMap<>(Comparator.comparing(ProviderId::value));
    for (Slot slot : free) {
      byProvider.computeIfAbsent(slot.provider(), k -> new ArrayList<>()).add(slot);
    }
    List<Slot> chosen = new ArrayList<>();
    for (List<Slot> slots : byProvider.values()) {
      slots.sort(Comparator.comparing(Slot::start));
      java.time.Instant freeFrom = java.time.Instant.MIN;
      for (Slot slot : slots) {
        if (!slot.start().minus(type.bufferBefore()).isBefore(freeFrom)) {
          chosen.add(slot);
          freeFrom = slot.end().plus(type.bufferAfter());
        }
      }
    }
    Collections.shuffle(chosen, new Random(42));
    this.pool = chosen;
  }

  int available() {
    return pool.size() - next;
  }

  /**
   * Books the next {@code clients * perClient} slots as {@link #distinct} would, then cancels them
   * all, {@code passes} times: the JIT compiles the path the measurement takes, on the same busy
   * days (a path warmed on empty days deoptimises on busy ones), and the slots are free again.
   */
  void warmUp(int clients, int perClient, int passes) {
    List<Slot> slots = List.copyOf(pool.subList(next, next + clients * perClient));
    for (int pass = 0; pass < passes; pass++) {
      List<String> booked = java.util.Collections.synchronizedList(new ArrayList<>());
      run(
          clients,
          (client, results) -> {
            for (int i = client; i < slots.size(); i += clients) {
              HttpResponse<String> response = results.book(slots.get(i));
              var id = ID.matcher(response.body());
              if (response.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("Warm-up booking answered " + response);
              }
              booked.add(id.group(1));
            }
          },
          null);
      run(
          clients,
          (client, results) -> {
            for (int i = client; i < booked.size(); i += clients) {
              HttpResponse<String> response =
                  api.post("/api/v1/appointments/" + booked.get(i) + "/cancel", "{}");
              if (response.statusCode() != 200) {
                throw new IllegalStateException("Warm-up cancellation answered " + response);
              }
            }
          },
          null);
    }
  }

  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

  /** Each client books {@code perClient} slots of its own, one after the other. */
  Result distinct(int clients, int perClient) {
    List<List<Slot>> queues = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      queues.add(new ArrayList<>());
    }
    for (int i = 0; i < clients * perClient; i++) {
      queues.get(i % clients).add(take());
    }
    return run(clients, (client, results) -> queues.get(client).forEach(results::book), null);
  }

  /**
   * {@code rounds} rounds; in each, client {@code c} books slot {@code c % slotsPerRound} of the
   * round's slots, which belong to different providers.
   */
  Result contended(int clients, int rounds, int slotsPerRound) {
    List<List<Slot>> perRound = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      List<Slot> slots = new ArrayList<>();
      Set<ProviderId> providers = new HashSet<>();
      for (int i = pool.size() - 1; i >= next && slots.size() < slotsPerRound; i--) {
        Slot candidate = pool.get(i);
        if (providers.add(candidate.provider())) {
          // Taken from the end of the pool: the distinct phases and their warm-up use the start.
          Collections.swap(pool, i, pool.size() - 1);
          slots.add(pool.removeLast());
        }
      }
      if (slots.size() < slotsPerRound) {
        throw new IllegalStateException("Not enough free slots for round " + r);
      }
      perRound.add(slots);
    }
    CyclicBarrier barrier = new CyclicBarrier(clients);
    return run(
        clients,
        (client, results) -> {
          for (List<Slot> slots : perRound) {
            await(barrier);
            results.book(slots.get(client % slotsPerRound));
          }
        },
        barrier);
  }

  private Slot take() {
    if (next >= pool.size()) {
      throw new IllegalStateException("The pool of free slots is exhausted");
    }
    return pool.get(next++);
  }

  private interface Client {
    void work(int client, Results results) throws Exception;
  }

  private final class Results {
    final Latencies latencies;
    final Map<Integer, AtomicInteger> statuses;

    Results(Latencies latencies, Map<Integer, AtomicInteger> statuses) {
      this.latencies = latencies;
      this.statuses = statuses;
    }

    HttpResponse<String> book(Slot slot) {
      int n = patients.incrementAndGet();
      String body =
          "{\"appointmentTypeId\":\""
              + type.id()
              + "\",\"providerId\":\""
              + slot.provider()
              + "\",\"start\":\""
              + slot.localStart()
              + "\",\"patient\":{\"givenName\":\"Bench\",\"familyName\":\"Patient "
              + inLetters(n)
              + "\",\"birthDate\":\""
              + LocalDate.of(1950, 1, 1).plusDays(n % 20_000)
              + "\"}}";
      long start = System.nanoTime();
      HttpResponse<String> response = api.post("/api/v1/appointments", body);
      latencies.since(start);
      statuses.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
      return response;
    }
  }

  private Result run(int clients, Client work, CyclicBarrier barrier) {
    Latencies latencies = new Latencies();
    Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    Results results = new Results(latencies, statuses);
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(
          threads.submit(
              () -> {
                ready.countDown();
                go.await();
                work.work(client, results);
                return null;
              }));
    }
    try {
      ready.await();
      Machine.Cpu cpu = Machine.Cpu.now();
      long start = System.nanoTime();
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Machine.Cpu used = Machine.Cpu.now().since(cpu);
      Map<Integer, Integer> counts = new LinkedHashMap<>();
      new TreeMap<>(statuses).forEach((status, count) -> counts.put(status, count.get()));
      long requests = counts.values().stream().mapToLong(Integer::longValue).sum();
      return new Result(
          clients,
          requests,
          counts.getOrDefault(201, 0),
          counts.getOrDefault(409, 0),
          counts,
          seconds,
          latencies.take(),
          used);
    } catch (Exception e) {
      throw new IllegalStateException("A client failed", e);
    } finally {
      threads.shutdownNow();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code n} in letters ("b", "ba"...): person names refuse digits. */
  static String inLetters(int n) {
    StringBuilder letters = new StringBuilder();
    do {
      letters.insert(0, (char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return letters.toString();
  }
}
