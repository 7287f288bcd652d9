package org.accueil.platform.crypto;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.util.List;
import java.util.Map;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.accueil.platform.db.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keysets, the cipher and the blind index built on them, the start-up key check, and the
 * resealing pass that follows a key rotation.
 *
 * <p>The keysets are read from files or configuration only, never from the database: Flyway's
 * migrations need the cipher before the database is ready.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

  @Bean
  Keyring keyring(CryptoProperties properties, DataDirectory dataDir) {
    Keysets keysets = new Keysets(properties, dataDir.dataDir());
    Keyring keyring =
        new Keyring(keysets, keysets.load(KeysetKind.AEAD), keysets.load(KeysetKind.INDEX));
    for (KeysetKind kind : KeysetKind.values()) {
      Keysets.Location location = keysets.locate(kind);
      if (location.generated()) {
        log.warn(
            "The {} is the one Accueil generated in {}: fine for a trial; for production"
                + " configure {} (or {}), keep it out of the data directory and its backups, and"
                + " back it up on its own.",
            kind.label,
            location.describe(),
            kind.fileProperty(),
            properties.kmsKeyUri() == null
                ? kind.inlineProperty()
                : kind.inlineProperty() + ", encrypted under " + properties.kmsKeyUri());
      } else {
        log.info(
            "Using the {} from {} ({} key(s))",
            kind.label,
            location.describe(),
            keyring.keyset(kind).size());
      }
    }
    return keyring;
  }

  @Bean
  FieldCipher fieldCipher(Keyring keyring) {
    return new TinkFieldCipher(keyring.aead());
  }

  @Bean
  BlindIndex blindIndex(Keyring keyring) {
    return new TinkBlindIndex(keyring.index());
  }

  @Bean
  EncryptedColumn cryptoKeyCheckColumn() {
    return KeyCheck.column();
  }

  @Bean
  KeyCheck keyCheck(JdbcClient jdbc, FieldCipher cipher, BlindIndex index, Keyring keyring) {
    return new KeyCheck(jdbc, cipher, index, keyring);
  }

  @Bean
  Resealing resealing(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      FieldCipher cipher,
      BlindIndex index,
      Keyring keyring,
      List<EncryptedColumn> columns) {
    return new Resealing(jdbc, transactions, cipher, index, keyring, columns);
  }

  /**
   * After a rotation, moves the stored data to the new keys in the background, one node at a time.
   * With one key per keyset it does nothing and reads nothing.
   */
  @Bean
  RecurringTask<Void> cryptoReseal(Resealing resealing, Keyring keyring) {
    return Tasks.recurring("crypto-reseal", FixedDelay.ofHours(1))
        .execute(
            (instance, context) -> {
              if (!resealing.needed()) {
                return;
              }
              int rewritten =
                  resealing.resealAll().values().stream().mapToInt(Integer::intValue).sum();
              for (KeysetKind kind : KeysetKind.values()) {
                List<Integer> older = keyring.olderKeyIds(kind);
                if (!older.isEmpty() && resealing.remaining(kind) == 0) {
                  log.info(
                      "Resealing rewrote {} rows; nothing stored depends on the older keys {} of"
                          + " the {} any more: --accueil.crypto.retire={} removes them.",
                      rewritten,
                      older,
                      kind.label,
                      kind.name().toLowerCase(java.util.Locale.ROOT));
                }
              }
            });
  }

  /** {@code --accueil.crypto.retire=aead,index}: reseal, remove the older keys, exit. */
  @Bean
  @ConditionalOnProperty("accueil.crypto.retire")
  ApplicationRunner keyRetirement(
      CryptoProperties properties,
      Keyring keyring,
      Resealing resealing,
      Audit audit,
      TransactionTemplate transactions,
      ApplicationContext context) {
    return arguments -> {
      int status = 0;
      for (KeysetKind kind : properties.retire()) {
        try {
          KeyCommands.Retirement retirement = KeyCommands.retire(kind, keyring, resealing);
          retirement.lines().forEach(System.out::println);
          status = Math.max(status, retirement.status());
          if (!retirement.removed().isEmpty()) {
            // In a transaction, so the event publication registry keeps the record even if the
            // process exits before the audit trail has written it.
            transactions.executeWithoutResult(
                tx ->
                    audit.publish(
                        "crypto.keys-retired",
                        "keyset",
                        kind.property,
                        AuditRecord.Outcome.SUCCESS,
                        Actor.system("crypto"),
                        null,
                        null,
                        Map.of(
                            "keys",
                            retirement.removed().stream()
                                .map(Integer::toUnsignedString)
                                .toList())));
          }
        } catch (RuntimeException e) {
          System.err.println("Retiring the older keys of the " + kind.label + " failed: " + e);
          status = Math.max(status, 1);
        }
      }
      int exit = status;
      System.exit(SpringApplication.exit(context, () -> exit));
    };
  }
}
