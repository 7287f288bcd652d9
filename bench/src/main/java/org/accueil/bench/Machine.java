package org.accueil.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the machine is and how busy it is: cores, memory, load average, and CPU time spent by this
 * JVM and by the whole machine (Linux {@code /proc}), so a phase can say where its CPU went.
 */
final class Machine {

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on every Linux we run on

  private Machine() {}

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static String memory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return String.format(
          Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
    }
    return "unknown";
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
  static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (IOException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /**
   * CPU seconds used so far: by this JVM, and by every process on the machine; on Linux also by
   * kind of JVM thread (server: the virtual threads' carriers and Tomcat; main: the benchmark's
   * driver; client: the benchmark's pools and the HTTP client; JIT compilers; GC) and by the
   * PostgreSQL server processes.
   */
  record Cpu(double jvm, double machine, Map<String, Double> parts) {

    static Cpu now() {
      double jvm = 0;
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        jvm = os.getProcessCpuTime() / 1e9;
      }
      double machine = Double.NaN;
      Map<String, Double> parts = new TreeMap<>();
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal: busy = all but idle and iowait
        long busy = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
          if (i != 4 && i != 5) {
            busy += Long.parseLong(f[i]);
          }
        }
        machine = busy / TICKS_PER_SECOND;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
          for (Path task : tasks.toList()) {
            ticks(task.resolve("stat"))
                .ifPresent(t -> parts.merge(kind(t.name()), t.seconds(), Double::sum));
          }
        }
        try (var processes = Files.list(Path.of("/proc"))) {
          for (Path process : processes.toList()) {
            if (process.getFileName().toString().chars().allMatch(Character::isDigit)) {
              ticks(process.resolve("stat"))
                  .filter(t -> t.name().equals("postgres"))
                  .ifPresent(t -> parts.merge("postgres", t.seconds(), Double::sum));
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux: only the JVM's total is reported
      }
      return new Cpu(jvm, machine, parts);
    }

    Cpu since(Cpu start) {
      Map<String, Double> diff = new TreeMap<>();
      parts.forEach((k, v) -> diff.put(k, v - start.parts.getOrDefault(k, 0.0)));
      return new Cpu(jvm - start.jvm, machine - start.machine, diff);
    }

    /** E.g. "server 6.1, client 1.2, jit 2.0, gc 0.4, jvm-other 0.1, postgres 7.5". */
    String describe() {
      StringBuilder text = new StringBuilder();
      for (String kind :
          List.of("server", "main", "client", "jit", "gc", "jvm-other", "postgres")) {
        if (parts.containsKey(kind)) {
          text.append(text.isEmpty() ? "" : ", ")
              .append(kind)
              .append(String.format(Locale.ROOT, " %.1f", parts.get(kind)));
        }
      }
      return text.toString();
    }

    private static String kind(String thread) {
      if (thread.startsWith("ForkJoinPool") || thread.startsWith("http-nio")) {
        return "server"; // virtual threads (Tomcat's request handlers) run on ForkJoinPool carriers
      }
      if (thread.startsWith("pool-") || thread.startsWith("HttpClient")) {
        return "client";
      }
      if (thread.equals("java") || thread.equals("main")) {
        return "main"; // the benchmark's driver: in-process searches and sequential HTTP calls
      }
      if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
        return "jit";
      }
      if (thread.startsWith("G1 ") || thread.startsWith("GC ") || thread.equals("VM Thread")) {
        return "gc";
      }
      return "jvm-other";
    }

    private record Ticks(String name, double seconds) {}

    /** The name and user + system CPU of a /proc/.../stat line. */
    private static java.util.Optional<Ticks> ticks(Path stat) {
      try {
        String line = Files.readString(stat);
        String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // after the name: state(0) ppid ... utime is field 14 of the line, i.e. index 11 here
        return java.util.Optional.of(
            new Ticks(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND));
      } catch (IOException | RuntimeException e) {
        return java.util.Optional.empty(); // the thread or process ended meanwhile
      }
    }
  }
}
