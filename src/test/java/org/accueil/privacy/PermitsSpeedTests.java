package org.accueil.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link Consents#permits} is asked before every message sent: among 40,000 records of 4,000
 * patients it reads one patient's latest decision from the index alone.
 */
@PrivacyTest
class PermitsSpeedTests {

  private static final Logger log = LoggerFactory.getLogger(PermitsSpeedTests.class);

  @Autowired JdbcClient jdbc;

  @Test
  void permitsReadsTheLatestDecisionFromTheIndexAmongTensOfThousandsOfRecords() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    List<UUID> patients =
        jdbc.sql(
                """
                INSERT INTO patient (id, given_name, family_name, birth_date)
                SELECT gen_random_uuid(), 'Many', 'Speed-' || :tag || '-' || n, DATE '1970-01-01'
                  FROM generate_series(1, 4000) AS n
                RETURNING id
                """)
            .param("tag", tag)
            .query(UUID.class)
            .list();
    jdbc.sql(
            """
            INSERT INTO consent_record (id, patient_id, channel, purpose, granted, source,
                wording_language, wording_sha256, recorded_at, recorded_by)
            SELECT gen_random_uuid(), p.id,
                   (ARRAY['sms', 'whatsapp', 'email', 'phone', 'any'])[1 + n % 5],
                   (ARRAY['marketing', 'surveys'])[1 + n % 2],
                   n % 3 = 0, 'import', 'fr', sha256(p.id::text::bytea), now(), 'system:test'
              FROM unnest(CAST(:patients AS uuid[])) AS p(id), generate_series(1, 10) AS n
            """)
        .param("patients", patients.toArray(UUID[]::new))
        .update();
    jdbc.sql("ANALYZE consent_record").update();

    String plan =
        String.join(
            "\n",
            jdbc.sql(
                    """
                    EXPLAIN (ANALYZE) SELECT granted FROM consent_record
                     WHERE patient_id = :patient AND purpose = 'marketing'
                       AND channel IN ('sms', 'any')
                     ORDER BY seq DESC LIMIT 1
                    """)
                .param("patient", patients.get(1234))
                .query(String.class)
                .list());
    assertThat(plan).contains("using consent_record_latest_idx").doesNotContain("Seq Scan");
    log.info("Consents#permits plan:\n{}", plan);
    // How fast it is belongs to a benchmark, not to a test on a shared machine: the plan is what
    // keeps it fast whatever the table's size.
  }
}
