package org.accueil.privacy.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.privacy.Erasure;
import org.accueil.privacy.RequestedVia;
import org.accueil.scheduling.AppointmentId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ErasureRepository {

  private final JdbcClient jdbc;

  ErasureRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Erasure erasure) {
    jdbc.sql(
            """
            INSERT INTO patient_erasure (patient_id, erased_at, erased_by, reason, requested_via,
                cancelled_appointments)
            VALUES (:patient, :at, :by, :reason, :via, :cancelled)
            """)
        .param("patient", erasure.patient().value())
        .param("at", erasure.erasedAt().atOffset(ZoneOffset.UTC))
        .param("by", erasure.erasedBy())
        .param("reason", erasure.reason())
        .param("via", erasure.requestedVia().code())
        .param(
            "cancelled",
            erasure.cancelledAppointments().stream().map(AppointmentId::value).toArray(UUID[]::new))
        .update();
  }

  public Optional<Erasure> find(PatientId patient) {
    return jdbc.sql("SELECT * FROM patient_erasure WHERE patient_id = :patient")
        .param("patient", patient.value())
        .query(ErasureRepository::erasure)
        .optional();
  }

  /** Erased patients by id, a page at a time: those with an id after {@code after}. */
  public List<PatientId> erasedPatients(@Nullable UUID after, int limit) {
    return jdbc.sql(
            """
            SELECT patient_id FROM patient_erasure
             WHERE CAST(:after AS uuid) IS NULL OR patient_id > :after
             ORDER BY patient_id
             LIMIT :limit
            """)
        .param("after", after)
        .param("limit", limit)
        .query((rs, n) -> PatientId.of(rs.getObject("patient_id", UUID.class)))
        .list();
  }

  private static Erasure erasure(ResultSet rs, int n) throws SQLException {
    Array cancelled = rs.getArray("cancelled_appointments");
    return new Erasure(
        PatientId.of(rs.getObject("patient_id", UUID.class)),
        rs.getObject("erased_at", OffsetDateTime.class).toInstant(),
        rs.getString("erased_by"),
        rs.getString("reason"),
        RequestedVia.ofCode(rs.getString("requested_via")).orElseThrow(),
        Arrays.stream((UUID[]) cancelled.getArray()).map(AppointmentId::of).toList());
  }
}
