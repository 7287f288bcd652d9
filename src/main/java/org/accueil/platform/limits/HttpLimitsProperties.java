package org.accueil.platform.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code accueil.http.*}
 *
 * @param maxBodySize the largest request body accepted; larger ones are refused with 413 before
 *     they are read. The largest legitimate body today is an appointment type with its three
 *     translated preparation texts (about 25 KB at most), so 256 KB leaves room for growth while a
 *     multi-megabyte body is refused before it costs parsing and memory.
 */
@ConfigurationProperties("accueil.http")
public record HttpLimitsProperties(@DefaultValue("256KB") DataSize maxBodySize) {}
