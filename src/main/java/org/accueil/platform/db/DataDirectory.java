package org.accueil.platform.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.data-dir}: the directory Accueil owns on this machine (embedded database files,
 * logs of the embedded server). Kept across restarts.
 */
@ConfigurationProperties("accueil")
public record DataDirectory(@DefaultValue("./data") Path dataDir) {}
