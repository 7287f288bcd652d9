package org.accueil.platform.crypto;

import java.util.List;
import java.util.Map;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.accueil.platform.db.DataDirectory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;

/**
 * The command-line modes of key management, read from the environment before any bean exists.
 *
 * <p>{@code --accueil.crypto.rotate=aead,index} needs neither the database nor the web server: it
 * rotates the keyset files and the process exits. {@code --accueil.crypto.retire=aead,index} needs
 * the database (it reseals before removing keys), so the application starts, on a free loopback
 * port, and {@link CryptoConfiguration}'s retiring runner does the work and exits.
 *
 * <p>Registered in {@code META-INF/spring.factories}: a listener declared as a bean would hear of
 * the environment too late.
 */
final class KeyCommands implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    Binder binder = Binder.get(event.getEnvironment());
    CryptoProperties properties = binder.bindOrCreate("accueil.crypto", CryptoProperties.class);
    if (properties.rotate() != null && !properties.rotate().isEmpty()) {
      DataDirectory dataDir = binder.bindOrCreate("accueil", DataDirectory.class);
      KeyRotation rotation = new KeyRotation(new Keysets(properties, dataDir.dataDir()));
      int status = 0;
      for (KeysetKind kind : properties.rotate()) {
        try {
          System.out.println(rotation.rotate(kind));
        } catch (RuntimeException e) {
          System.err.println("Rotating the " + kind.label + " failed: " + e.getMessage());
          status = 1;
        }
      }
      System.exit(status);
    }
    if (properties.retire() != null && !properties.retire().isEmpty()) {
      // A one-off command next to (or instead of) a running node: it must not take the node's
      // port. The web server itself stays: the security configuration is built for it.
      event
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "accueil-crypto-command",
                  Map.of("server.port", "0", "server.address", "127.0.0.1")));
    }
  }

  /** What {@code retire} did, printed for the operator; the exit status says whether it could. */
  record Retirement(int status, List<String> lines, List<Integer> removed) {}

  static Retirement retire(KeysetKind kind, Keyring keyring, Resealing resealing) {
    List<String> lines = new java.util.ArrayList<>();
    List<Integer> older = keyring.olderKeyIds(kind);
    Keysets.Location location = keyring.keysets().locate(kind);
    if (location.file() == null) {
      lines.add(
          "The "
              + kind.label
              + " is configured inline; remove its older keys with tinkey (see"
              + " docs/security/encryption.md) once this command reports nothing under them.");
    }
    if (older.isEmpty()) {
      lines.add("The " + kind.label + " at " + location.describe() + " holds one key only.");
      return new Retirement(0, lines, List.of());
    }
    resealing
        .resealAll()
        .forEach((column, n) -> lines.add("Resealed " + n + " rows of " + column + "."));
    long remaining = resealing.remaining(kind);
    if (remaining > 0) {
      lines.add(
          remaining
              + " stored values still depend on older keys (a node still running with an older"
              + " keyset?). Nothing removed; restart every node with the current keyset and run"
              + " this again.");
      return new Retirement(2, lines, List.of());
    }
    if (location.file() == null) {
      lines.add("Nothing stored depends on keys " + ids(older) + " any more.");
      return new Retirement(0, lines, List.of());
    }
    List<Integer> removed = new KeyRotation(keyring.keysets()).removeOlderKeys(kind);
    lines.add(
        "Removed keys "
            + ids(removed)
            + " from "
            + location.describe()
            + ". Keep a copy of the keyset as it was with the database backups taken before now:"
            + " restoring one of them needs those keys.");
    return new Retirement(0, lines, removed);
  }

  private static String ids(List<Integer> ids) {
    return ids.stream().map(Integer::toUnsignedString).toList().toString();
  }
}
