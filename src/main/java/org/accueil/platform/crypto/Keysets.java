package org.accueil.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ServiceLoader;
import org.accueil.platform.crypto.CryptoProperties.KeysetKind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, generates and writes the two keysets: where each lives comes from {@code
 * accueil.crypto.*}, and when a KMS key is configured, what is stored is the keyset encrypted under
 * it (the format {@code tinkey --master-key-uri} reads and writes).
 */
final class Keysets {

  static {
    try {
      AeadConfig.register();
      PrfConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Keysets.class);

  /** Tinkey writes KMS-encrypted keysets with empty associated data; so do we, to stay readable. */
  private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

  /**
   * Where one keyset lives.
   *
   * @param generated the file is Accueil's own, in the data directory
   */
  record Location(
      KeysetKind kind, @Nullable String inline, @Nullable Path file, boolean generated) {

    String describe() {
      return inline != null ? kind.inlineProperty() : file.toAbsolutePath().toString();
    }
  }

  private final CryptoProperties properties;
  private final Path dataDir;
  private @Nullable Aead keyEncryption;

  Keysets(CryptoProperties properties, Path dataDir) {
    this.properties = properties;
    this.dataDir = dataDir;
  }

  /** The keyset's location; refuses a keyset set twice, or a missing one when it must be set. */
  Location locate(KeysetKind kind) {
    String inline = properties.inline(kind);
    Path file = properties.file(kind);
    boolean hasInline = inline != null && !inline.isBlank();
    if (hasInline && file != null) {
      throw new IllegalStateException(
          "Both "
              + kind.inlineProperty()
              + " and "
              + kind.fileProperty()
              + " are set; set only one of them.");
    }
    if (hasInline) {
      return new Location(kind, inline, null, false);
    }
    if (file != null) {
      return new Location(kind, null, file, false);
    }
    if (properties.requireConfiguredKeys()) {
      throw new IllegalStateException(
          "accueil.crypto.require-configured-keys is true but neither "
              + kind.inlineProperty()
              + " nor "
              + kind.fileProperty()
              + " is set. Configure the keyset (see docs/security/encryption.md), or set"
              + " accueil.crypto.require-configured-keys=false to let Accueil generate keys in "
              + keysDirectory().toAbsolutePath()
              + ".");
    }
    return new Location(kind, null, keysDirectory().resolve(kind.fileName), true);
  }

  Path keysDirectory() {
    return dataDir.resolve("keys");
  }

  /** The keyset at its location, generated first if it is Accueil's own and does not exist yet. */
  KeysetHandle load(KeysetKind kind) {
    Location location = locate(kind);
    if (location.generated() && !Files.exists(location.file())) {
      generate(location);
    }
    KeysetHandle handle = read(location);
    validate(kind, handle, location);
    return handle;
  }

  KeysetHandle read(Location location) {
    String text;
    if (location.inline() != null) {
      text = location.inline();
    } else if (!Files.isRegularFile(location.file())) {
      throw new IllegalStateException(
          location.kind().fileProperty()
              + " points at "
              + location.describe()
              + ", which is not a file. Without the keyset the data it sealed cannot be read:"
              + " restore the file from its backup.");
    } else {
      try {
        text = Files.readString(location.file(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read the keyset " + location.describe(), e);
      }
    }
    try {
      Aead kek = keyEncryption();
      return kek == null
          ? TinkJsonProtoKeysetFormat.parseKeyset(text, InsecureSecretKeyAccess.get())
          : TinkJsonProtoKeysetFormat.parseEncryptedKeyset(text, kek, NO_ASSOCIATED_DATA);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The keyset in "
              + location.describe()
              + " could not be read"
              + (properties.kmsKeyUri() == null
                  ? " as Tink JSON"
                  : " with the KMS key " + properties.kmsKeyUri() + " (is it encrypted under it?)")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Replaces the keyset file in one step: readers see the old keyset or the new one, never half a
   * file, and the new one is on disk before this returns.
   */
  void write(Location location, KeysetHandle handle) {
    if (location.file() == null) {
      throw new IllegalStateException(
          "The keyset is configured inline ("
              + location.describe()
              + "); Accueil can only rewrite a keyset file. Rotate an inline keyset with Tink's"
              + " tinkey (see docs/security/encryption.md).");
    }
    try {
      Path temp = temporaryFileWith(location.file(), serialize(handle));
      Files.move(
          temp,
          location.file(),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(location.file().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the keyset " + location.describe(), e);
    }
  }

  static KeysetHandle newKeyset(KeysetKind kind) {
    try {
      return KeysetHandle.generateNew(parametersOf(kind));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** AES256-GCM with Tink's 5-byte prefix naming the key; HMAC-SHA256 as a PRF. */
  static Parameters parametersOf(KeysetKind kind) {
    return kind == KeysetKind.AEAD
        ? PredefinedAeadParameters.AES256_GCM
        : PredefinedPrfParameters.HMAC_SHA256_PRF;
  }

  /**
   * Generates the keyset into the data directory. Two nodes (or two application contexts) sharing
   * the directory may start together: the file is created with a hard link, which fails rather than
   * replace a file another process created meanwhile, so both end up with the same keys.
   */
  private void generate(Location location) {
    Path file = location.file();
    try {
      createOwnerOnlyDirectory(file.getParent());
      Path temp = temporaryFileWith(file, serialize(newKeyset(location.kind())));
      try {
        try {
          Files.createLink(file, temp);
        } catch (UnsupportedOperationException e) {
          // A file system without hard links: a move that refuses to replace is the next best.
          Files.move(temp, file);
        }
        syncDirectory(file.getParent());
        log.warn(
            "Generated a new {} in {}. Without it the encrypted patient data cannot be read (or"
                + " found): back it up apart from the database, and for production configure {} or"
                + " {} (docs/security/encryption.md).",
            location.kind().label,
            file.toAbsolutePath(),
            location.kind().fileProperty(),
            location.kind().inlineProperty());
      } catch (FileAlreadyExistsException e) {
        // Another node generated it first: use theirs.
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write the generated keyset " + file.toAbsolutePath(), e);
    }
  }

  private String serialize(KeysetHandle handle) {
    try {
      Aead kek = keyEncryption();
      return kek == null
          ? TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get())
          : TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, kek, NO_ASSOCIATED_DATA);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not serialise a keyset: " + e.getMessage(), e);
    }
  }

  private static void validate(KeysetKind kind, KeysetHandle handle, Location location) {
    try {
      if (kind == KeysetKind.AEAD) {
        handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        for (int i = 0; i < handle.size(); i++) {
          // The prefix names the key that sealed a value: resealing finds old values by it.
          if (handle.getAt(i).getKey().getIdRequirementOrNull() == null) {
            throw new IllegalStateException(
                "Key "
                    + handle.getAt(i).getId()
                    + " of "
                    + location.describe()
                    + " writes ciphertexts without Tink's key prefix (RAW output); use AES256_GCM"
                    + " keys.");
          }
        }
      } else {
        handle.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          location.describe()
              + " is not "
              + (kind == KeysetKind.AEAD ? "an AEAD keyset" : "a PRF keyset (HMAC_SHA256_PRF)")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private @Nullable Aead keyEncryption() throws GeneralSecurityException {
    String uri = properties.kmsKeyUri();
    if (uri == null || uri.isBlank()) {
      return null;
    }
    if (keyEncryption == null) {
      keyEncryption = kmsClient(uri).getAead(uri);
    }
    return keyEncryption;
  }

  /**
   * A client registered with {@link KmsClients#add} first; otherwise one on the class path (Tink's
   * AWS and GCP KMS extensions declare theirs as services), with the configured credentials.
   */
  private KmsClient kmsClient(String uri) throws GeneralSecurityException {
    try {
      return KmsClients.get(uri);
    } catch (GeneralSecurityException notRegistered) {
      for (KmsClient client : ServiceLoader.load(KmsClient.class)) {
        if (client.doesSupport(uri)) {
          return properties.kmsCredentials() == null
              ? client.withDefaultCredentials()
              : client.withCredentials(properties.kmsCredentials());
        }
      }
      throw new IllegalStateException(
          "No KMS client on the class path supports "
              + uri
              + ". Add Tink's extension for your KMS (e.g. com.google.crypto.tink:tink-awskms or"
              + " tink-gcpkms) to the class path: see docs/security/encryption.md.",
          notRegistered);
    }
  }

  private static void createOwnerOnlyDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
      ownerOnly(dir);
    }
  }

  /**
   * A new file next to {@code target}, readable by the owner only, holding {@code text} on disk.
   */
  private static Path temporaryFileWith(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    FileAttribute<?>[] attributes =
        posix(dir)
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes);
    if (attributes.length == 0) {
      ownerOnly(temp);
    }
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      // The database may commit values sealed with this key right after: the key must survive a
      // power cut as well as they do.
      channel.force(true);
    }
    return temp;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; its file system orders the rename after the data.
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Without POSIX permissions (Windows): the closest java.io offers, owner read/write only. */
  private static void ownerOnly(Path path) {
    var file = path.toFile();
    file.setReadable(false, false);
    file.setReadable(true, true);
    file.setWritable(false, false);
    file.setWritable(true, true);
    file.setExecutable(false, false);
    if (file.isDirectory()) {
      file.setExecutable(true, true);
    }
  }
}
