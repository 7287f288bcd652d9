package org.accueil.bench;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.model.Slot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "The first 20 free slots of a 30-minute type across all eligible providers in the next 14 days",
 * asked of {@link Availability#freeSlots} in process and of {@code GET /api/v1/slots} over HTTP,
 * one caller at a time (latency, not throughput). The two are measured in alternating blocks so
 * that drift (JIT, caches, a neighbour's load) falls on both alike.
 */
final class SearchBenchmark {

  record Result(Latencies.Summary inProcess, Latencies.Summary http, int slots, String first) {}

  private final Availability availability;
  private final HttpApi api;

  SearchBenchmark(Availability availability, HttpApi api) {
    this.availability = availability;
    this.api = api;
  }

  Result run(AppointmentTypeId type, LocalDate today, int warmup, int measured, int blocks) {
    SlotSearch search = new SlotSearch(type, today, today.plusDays(13), Set.of(), null, null, 20);
    String path =
        "/api/v1/slots?appointmentType="
            + type.value()
            + "&from="
            + today
            + "&to="
            + today.plusDays(13)
            + "&limit=20";
    List<Slot> reference = availability.freeSlots(search);
    HttpResponse<String> check = api.get(path);
    if (check.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + check);
    }
    Slot first = reference.getFirst();
    String firstStart = first.localStart().toString();
    JsonNode answer = JsonMapper.shared().readTree(check.body());
    if (answer.size() != reference.size()
        || !OffsetDateTime.parse(answer.get(0).get("start").asString())
            .toInstant()
            .equals(first.start())
        || !answer.get(0).get("providerId").asString().equals(first.provider().toString())) {
      throw new IllegalStateException(
          "HTTP and in-process searches disagree: " + check.body() + " vs " + reference);
    }

    Latencies inProcess = new Latencies();
    Latencies http = new Latencies();
    for (int i = 0; i < warmup; i++) {
      availability.freeSlots(search);
      api.get(path);
    }
    inProcess.take();
    http.take();
    int perBlock = Math.max(1, measured / blocks);
    for (int block = 0; block < blocks; block++) {
      for (int i = 0; i < perBlock; i++) {
        long start = System.nanoTime();
        List<Slot> slots = availability.freeSlots(search);
        inProcess.since(start);
        if (slots.size() != reference.size()) {
          throw new IllegalStateException("The search found " + slots.size() + " slots");
        }
      }
      for (int i = 0; i < perBlock; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = api.get(path);
        http.since(start);
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET " + path + " answered " + response);
        }
      }
    }
    return new Result(
        inProcess.take(),
        http.take(),
        reference.size(),
        firstStart + " with provider " + first.provider());
  }
}
