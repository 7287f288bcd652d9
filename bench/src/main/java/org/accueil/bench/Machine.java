package org.accueil.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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

  /** CPU seconds used so far: by this JVM, and by every process on the machine. */
  record Cpu(double jvm, double machine) {

    static Cpu now() {
      double jvm = 0;
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        jvm = os.getProcessCpuTime() / 1e9;
      }
      double machine = Double.NaN;
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
      } catch (IOException | RuntimeException e) {
        // not Linux: machine-wide CPU is not reported
      }
      return new Cpu(jvm, machine);
    }

    Cpu since(Cpu start) {
      return new Cpu(jvm - start.jvm, machine - start.machine);
    }
  }
}
